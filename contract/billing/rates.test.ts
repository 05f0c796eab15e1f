import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHalfRatePercent, formatRatePercent, isRateBasisPoints, parseRatePercent } from './rates';

describe('parseRatePercent', () => {
  it.each([
    ['18', 1800],
    ['18%', 1800],
    ['2.5', 250],
    ['0.25', 25],
    ['40', 4000],
    ['0', 0],
    ['100', 10_000],
    [' 8.25 % ', 825],
  ])('%j → %i basis points', (text, expected) => {
    expect(parseRatePercent(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'enter a percentage'],
    ['eighteen', 'enter a percentage'],
    ['8.875', 'at most 2 decimal places'],
    ['100.01', 'more than 100%'],
    ['1000', 'more than 100%'],
    ['-5', 'enter a percentage'],
  ])('refuses %j, saying %j', (text, words) => {
    const result = parseRatePercent(text, 'Sales tax rate');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain(words);
      expect(result.error.message.startsWith('Sales tax rate:')).toBe(true);
    }
  });

  it('round-trips every rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (basisPoints) => {
        expect(isRateBasisPoints(basisPoints)).toBe(true);
        expect(parseRatePercent(formatRatePercent(basisPoints))).toEqual({ ok: true, value: basisPoints });
      }),
    );
  });
});

describe('formatting rates', () => {
  it('prints the rate and its CGST/SGST half', () => {
    expect(formatRatePercent(1800)).toBe('18%');
    expect(formatRatePercent(250)).toBe('2.5%');
    expect(formatRatePercent(25)).toBe('0.25%');
    expect(formatRatePercent(0)).toBe('0%');
    expect(formatHalfRatePercent(1800)).toBe('9%');
    expect(formatHalfRatePercent(500)).toBe('2.5%');
    expect(formatHalfRatePercent(25)).toBe('0.125%');
    expect(formatHalfRatePercent(300)).toBe('1.5%');
    expect(() => formatRatePercent(10_001)).toThrow(RangeError);
  });
});
