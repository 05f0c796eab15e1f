import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUANTITY_THOUSANDTHS, formatQuantity, isQuantity, parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['0.750', 750],
    ['0.75', 750],
    ['2', 2000],
    ['2.', 2000],
    ['.5', 500],
    ['0.001', 1],
    [' 1.234 ', 1234],
    ['99999.999', MAX_QUANTITY_THOUSANDTHS],
    ['00012', 12000],
  ])('%j → %i thousandths', (text, expected) => {
    expect(parseQuantity(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'enter a quantity'],
    ['abc', 'digits 0-9'],
    ['1,5', 'digits 0-9'],
    ['-1', 'digits 0-9'],
    ['1e3', 'digits 0-9'],
    ['0.7501', 'at most 3 decimal places'],
    ['0', 'more than 0'],
    ['0.000', 'more than 0'],
    ['100000', 'cannot be more than 99999.999'],
    ['123456789012345678901', 'cannot be more than'],
  ])('refuses %j, saying %j', (text, words) => {
    const result = parseQuantity(text, 'Weight');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain(words);
      expect(result.error.message.startsWith('Weight:')).toBe(true);
      expect(result.error.field).toBe('Weight');
    }
  });

  it('round-trips every quantity through its text exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_QUANTITY_THOUSANDTHS }), (thousandths) => {
        expect(isQuantity(thousandths)).toBe(true);
        expect(parseQuantity(formatQuantity(thousandths))).toEqual({ ok: true, value: thousandths });
      }),
    );
  });
});

describe('formatQuantity', () => {
  it('prints whole quantities plainly and others with three decimals', () => {
    expect(formatQuantity(2000)).toBe('2');
    expect(formatQuantity(750)).toBe('0.750');
    expect(formatQuantity(1500)).toBe('1.500');
    expect(formatQuantity(1)).toBe('0.001');
    expect(() => formatQuantity(1.5)).toThrow(RangeError);
  });
});
