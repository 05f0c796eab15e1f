import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountInWords, indianNumberWords, usNumberWords } from './words';

describe('amountInWords', () => {
  it.each([
    [12_345_050, 'Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty and Paise Fifty Only'],
    [10_000, 'Rupees One Hundred Only'],
    [0, 'Rupees Zero Only'],
    [50, 'Rupees Zero and Paise Fifty Only'],
    [101, 'Rupees One and Paise One Only'],
    [1_000_000_000, 'Rupees One Crore Only'],
    [999_999_999, 'Rupees Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred Ninety-Nine and Paise Ninety-Nine Only'],
    [1_211_000_000, 'Rupees One Crore Twenty-One Lakh Ten Thousand Only'],
    [1_500_000, 'Rupees Fifteen Thousand Only'],
  ])('INR %i → %j', (minor, words) => {
    expect(amountInWords(minor, 'INR')).toBe(words);
  });

  it.each([
    [12_345_050, 'One Hundred Twenty-Three Thousand Four Hundred Fifty Dollars and Fifty Cents'],
    [100, 'One Dollar'],
    [101, 'One Dollar and One Cent'],
    [0, 'Zero Dollars'],
    [7, 'Zero Dollars and Seven Cents'],
    [1_000_000_000, 'Ten Million Dollars'],
    [100_001_100, 'One Million Eleven Dollars'],
    [1_911_700, 'Nineteen Thousand One Hundred Seventeen Dollars'],
  ])('USD %i → %j', (minor, words) => {
    expect(amountInWords(minor, 'USD')).toBe(words);
  });

  it('groups Indian numbers by crore and lakh, US numbers by million', () => {
    expect(indianNumberWords(100_000)).toBe('One Lakh');
    expect(indianNumberWords(1_000_000_000)).toBe('One Hundred Crore');
    expect(usNumberWords(100_000)).toBe('One Hundred Thousand');
    expect(usNumberWords(1_000_000_000)).toBe('One Billion');
    expect(() => amountInWords(-1, 'INR')).toThrow(RangeError);
    expect(() => amountInWords(1.5, 'USD')).toThrow(RangeError);
  });

  it('says every amount in title-case words, differently for different amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 1_000_000_000 }), (a, b) => {
        for (const currency of ['INR', 'USD'] as const) {
          const words = amountInWords(a, currency);
          // Title-case words (hyphenated tens) and the one lower-case "and" before the paise or cents.
          expect(words).toMatch(/^[A-Z][a-z]*(?:-[A-Z][a-z]*)?(?: (?:and|[A-Z][a-z]*(?:-[A-Z][a-z]*)?))*$/);
          expect(words.split(' and ').length).toBeLessThanOrEqual(2);
          expect(words).not.toMatch(/ {2}|undefined/);
          if (a !== b) expect(amountInWords(b, currency)).not.toBe(words);
        }
      }),
      { numRuns: 300 },
    );
  });
});
