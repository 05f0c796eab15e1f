import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRoundHalfUp, splitInProportion } from './arithmetic';

describe('divideRoundHalfUp', () => {
  it.each([
    [5n, 10n, 1n], // 0.5 rounds up
    [4n, 10n, 0n],
    [15n, 10n, 2n], // 1.5 rounds up, not to even
    [25n, 10n, 3n], // 2.5 rounds up, not to even
    [149n, 100n, 1n],
    [150n, 100n, 2n],
    [0n, 7n, 0n],
  ])('%s / %s → %s', (numerator, denominator, expected) => {
    expect(divideRoundHalfUp(numerator, denominator)).toBe(expected);
  });

  it('is within half of the exact quotient, and exactly half only when rounding up', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const q = divideRoundHalfUp(n, d);
        // |q - n/d| <= 1/2  ⇔  |2qd - 2n| <= d; a tie (= d) only when q is above n/d.
        const twice = 2n * q * d - 2n * n;
        expect(twice <= d && twice > -d).toBe(true);
      }),
    );
  });

  it('refuses a negative numerator or a non-positive denominator', () => {
    expect(() => divideRoundHalfUp(-1n, 2n)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('splitInProportion', () => {
  it('gives the remainder to the largest remainders, ties to the earlier part', () => {
    expect(splitInProportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitInProportion(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(splitInProportion(10, [1, 2])).toEqual([3, 7]);
    expect(splitInProportion(0, [0, 0])).toEqual([0, 0]);
  });

  it('adds up exactly, never exceeds a weight, and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, fraction) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const amount = Math.floor(total * fraction);
          const parts = splitInProportion(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          parts.forEach((part, i) => {
            const weight = weights[i] ?? 0;
            expect(Number.isSafeInteger(part)).toBe(true);
            expect(part).toBeGreaterThanOrEqual(0);
            expect(part).toBeLessThanOrEqual(weight);
            // part is floor or ceil of amount × weight / total.
            const exact = BigInt(amount) * BigInt(weight);
            const low = exact / BigInt(total);
            expect(BigInt(part) === low || BigInt(part) === low + 1n).toBe(true);
          });
          expect(splitInProportion(amount, weights)).toEqual(parts);
        },
      ),
    );
  });
});
