import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmountProblem } from './money';
import {
  MAX_AMOUNT_MINOR,
  formatMinor,
  formatMoney,
  isMinorAmount,
  multiplyMinor,
  parseAmount,
  parseZohoAmount,
  sumMinor,
  toRequestAmount,
} from './money';

describe('parseAmount', () => {
  it.each([
    ['100.50', 10050],
    ['100.5', 10050],
    ['100', 10000],
    ['0.10', 10],
    ['0.01', 1],
    ['0', 0],
    ['.5', 50],
    ['5.', 500],
    ['007.25', 725],
    ['  42.10\t', 4210],
    ['\u00a099\u00a0', 9900],
    ['10000000', MAX_AMOUNT_MINOR],
    ['10000000.00', MAX_AMOUNT_MINOR],
    ['0000000000000010000000.00', MAX_AMOUNT_MINOR],
    // 4.35 * 100 is 434.99999999999994 in floating point: the parse never multiplies a fraction.
    ['4.35', 435],
    ['1.15', 115],
  ])('reads %j as %i minor units', (text, minor) => {
    expect(parseAmount(text)).toEqual({ ok: true, value: minor });
  });

  it.each<[string, AmountProblem]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not_a_number'],
    ['.', 'not_a_number'],
    ['-', 'not_a_number'],
    ['12abc', 'not_a_number'],
    ['1,234.50', 'not_a_number'],
    ['1 000', 'not_a_number'],
    ['1.2.3', 'not_a_number'],
    ['0x10', 'not_a_number'],
    ['Infinity', 'not_a_number'],
    ['NaN', 'not_a_number'],
    ['₹100', 'not_a_number'],
    ['१००', 'not_a_number'], // Devanagari digits
    ['１００', 'not_a_number'], // full-width digits
    ['1e21', 'exponent'],
    ['1E5', 'exponent'],
    ['2.5e-3', 'exponent'],
    ['.5e2', 'exponent'],
    ['-5', 'negative'],
    ['-0.01', 'negative'],
    ['-0', 'negative'],
    ['+5', 'sign'],
    ['1.005', 'too_many_decimals'],
    ['1.500', 'too_many_decimals'],
    ['0.001', 'too_many_decimals'],
    ['10000000.01', 'too_large'],
    ['10000001', 'too_large'],
    ['99999999999999999999999', 'too_large'],
    ['9007199254740993', 'too_large'],
  ])('refuses %j: %s', (text, problem) => {
    const result = parseAmount(text);
    expect(result).toMatchObject({ ok: false, problem });
    expect(result.ok ? '' : result.message).not.toBe('');
  });

  it('names the rule in its messages', () => {
    const messageOf = (text: string): string => {
      const result = parseAmount(text);
      return result.ok ? '' : result.message;
    };
    expect(messageOf('1.005')).toContain('2 decimal places');
    expect(messageOf('1e21')).toContain('exponent');
    expect(messageOf('-5')).toContain('negative');
    expect(messageOf('20000000')).toContain('10000000.00');
  });

  it('round-trips every amount through formatMinor exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), (minor) => {
        expect(parseAmount(formatMinor(minor))).toEqual({ ok: true, value: minor });
      }),
    );
  });
});

describe('parseZohoAmount', () => {
  it.each<[string | number, number]>([
    ['1234.50', 123450],
    [1234.5, 123450],
    [1234.56, 123456],
    [100, 10000],
    ['100', 10000],
    [0.1, 10],
    // 4.35 and 1.15 are not exact doubles: their shortest decimal text is, so the result is exact.
    [4.35, 435],
    [1.15, 115],
    [10_000_000, MAX_AMOUNT_MINOR],
    ['1234.500', 123450],
    ['1234.5000 ', 123450],
  ])('reads %j as %i minor units', (value, minor) => {
    expect(parseZohoAmount(value)).toEqual({ ok: true, value: minor });
  });

  it.each<[string | number, AmountProblem]>([
    [12.345, 'too_many_decimals'],
    ['12.345', 'too_many_decimals'],
    ['12.3450', 'too_many_decimals'],
    [1e21, 'exponent'],
    [1e-7, 'exponent'],
    [-5, 'negative'],
    [Number.NaN, 'not_a_number'],
    ['', 'empty'],
  ])('refuses %j (%s)', (value, problem) => {
    expect(parseZohoAmount(value)).toMatchObject({ ok: false, problem });
  });

  it('reads every amount the same as JSON number and as Zoho string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), (minor) => {
        const asNumber = JSON.parse(JSON.stringify(toRequestAmount(minor))) as number;
        expect(parseZohoAmount(asNumber)).toEqual({ ok: true, value: minor });
        expect(parseZohoAmount(formatMinor(minor))).toEqual({ ok: true, value: minor });
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('formatMinor', () => {
  it.each([
    [10050, '100.50'],
    [10000, '100.00'],
    [5, '0.05'],
    [50, '0.50'],
    [0, '0.00'],
    [-5, '-0.05'],
    [-123456, '-1234.56'],
    [MAX_AMOUNT_MINOR, '10000000.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formats %i as %s', (minor, text) => {
    expect(formatMinor(minor)).toBe(text);
  });

  it.each([0.5, 100.25, Number.NaN, Infinity, 2 ** 53])('refuses %d, which is not a whole number of minor units', (value) => {
    expect(() => formatMinor(value)).toThrow(RangeError);
  });
});

describe('toRequestAmount', () => {
  it.each([
    [10050, 100.5],
    [10000, 100],
    [1, 0.01],
    [435, 4.35],
    [MAX_AMOUNT_MINOR, 10_000_000],
  ])('sends %i minor units as %d', (minor, amount) => {
    expect(toRequestAmount(minor)).toBe(amount);
  });

  it('serialises to exactly the decimal text, without trailing zeros, for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), (minor) => {
        const expected = formatMinor(minor).replace(/\.?0+$/, '');
        expect(JSON.stringify({ amount: toRequestAmount(minor) })).toBe(`{"amount":${expected}}`);
      }),
    );
  });

  it('refuses amounts outside the accepted range', () => {
    expect(() => toRequestAmount(MAX_AMOUNT_MINOR + 1)).toThrow(RangeError);
    expect(() => toRequestAmount(-1)).toThrow(RangeError);
    expect(() => toRequestAmount(1.5)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it.each([
    [123450, 'INR', '₹1,234.50'],
    [12345678, 'INR', '₹1,23,456.78'],
    [MAX_AMOUNT_MINOR, 'INR', '₹1,00,00,000.00'],
    [5, 'INR', '₹0.05'],
    [123450, 'USD', '$1,234.50'],
    [12345678, 'USD', '$123,456.78'],
    [0, 'USD', '$0.00'],
  ] as const)('shows %i %s as %s', (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text);
  });

  it('formats amounts beyond double precision digit for digit, because it formats the decimal string', () => {
    // 2^53 - 1 minor units: as a float of rupees (90071992547409.91) it would print as …409.92.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
  });
});

describe('sumMinor', () => {
  it('adds 0.10 + 0.20 to exactly 0.30, because it adds integers (0.1 + 0.2 is 0.30000000000000004 as floats)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    const ten = parseAmount('0.10');
    const twenty = parseAmount('0.20');
    if (!ten.ok || !twenty.ok) throw new Error('fixture amounts must parse');
    const total = sumMinor([ten.value, twenty.value]);
    expect(total).toEqual({ ok: true, value: 30 });
    expect(total.ok && formatMinor(total.value)).toBe('0.30');
  });

  it('keeps a long run of small amounts exact', () => {
    expect(sumMinor(Array.from({ length: 1000 }, () => 1))).toEqual({ ok: true, value: 1000 });
  });

  it('sums nothing to zero', () => {
    expect(sumMinor([])).toEqual({ ok: true, value: 0 });
  });

  it('accepts exactly the maximum and refuses one minor unit more', () => {
    expect(sumMinor([MAX_AMOUNT_MINOR - 1, 1])).toEqual({ ok: true, value: MAX_AMOUNT_MINOR });
    expect(sumMinor([MAX_AMOUNT_MINOR, 1])).toMatchObject({ ok: false, problem: 'too_large' });
  });

  it.each([0.5, -1, Number.NaN, MAX_AMOUNT_MINOR + 1])('throws on %d, which is not an amount (a programming error)', (bad) => {
    expect(() => sumMinor([100, bad])).toThrow(RangeError);
  });
});

describe('multiplyMinor', () => {
  it('multiplies a unit price by a quantity exactly', () => {
    expect(multiplyMinor(1999, 3)).toEqual({ ok: true, value: 5997 });
    expect(multiplyMinor(0, 7)).toEqual({ ok: true, value: 0 });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the quantity %d', (quantity) => {
    expect(multiplyMinor(100, quantity)).toMatchObject({ ok: false, problem: 'invalid_quantity' });
  });

  it('refuses a product above the maximum, including one past 2^53', () => {
    expect(multiplyMinor(MAX_AMOUNT_MINOR, 1)).toEqual({ ok: true, value: MAX_AMOUNT_MINOR });
    expect(multiplyMinor(MAX_AMOUNT_MINOR / 2 + 1, 2)).toMatchObject({ ok: false, problem: 'too_large' });
    expect(multiplyMinor(MAX_AMOUNT_MINOR, Number.MAX_SAFE_INTEGER)).toMatchObject({ ok: false, problem: 'too_large' });
  });

  it('throws on a unit price that is not an amount', () => {
    expect(() => multiplyMinor(10.5, 2)).toThrow(RangeError);
  });
});

describe('isMinorAmount', () => {
  it.each([
    [0, true],
    [MAX_AMOUNT_MINOR, true],
    [-1, false],
    [1.5, false],
    [MAX_AMOUNT_MINOR + 1, false],
    [Number.NaN, false],
  ])('%d → %s', (value, expected) => {
    expect(isMinorAmount(value)).toBe(expected);
  });
});
