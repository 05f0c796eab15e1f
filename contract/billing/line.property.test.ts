import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineInput } from './line';
import { computeLine } from './line';
import { lineInputs } from './tests/arbitraries';

function amounts(input: LineInput, share = 0) {
  const result = computeLine(input, share);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('computeLine examples', () => {
  it('adds tax to a tax-exclusive price', () => {
    expect(amounts({ unitPriceMinor: 10_000, quantityThousandths: 2000, priceIncludesTax: false, rateBasisPoints: 1800 })).toEqual({
      gross: 20_000,
      lineDiscount: 0,
      billDiscount: 0,
      net: 20_000,
      taxableValue: 20_000,
      tax: 3600,
      lineTotal: 23_600,
    });
  });

  it('splits a tax-inclusive price back into taxable value and tax', () => {
    const exact = amounts({ unitPriceMinor: 11_800, quantityThousandths: 1000, priceIncludesTax: true, rateBasisPoints: 1800 });
    expect([exact.taxableValue, exact.tax, exact.lineTotal]).toEqual([10_000, 1800, 11_800]);
    // ₹100 at 18 % inclusive: 100 / 1.18 = 84.7457… → ₹84.75 taxable, ₹15.25 tax.
    const rounded = amounts({ unitPriceMinor: 10_000, quantityThousandths: 1000, priceIncludesTax: true, rateBasisPoints: 1800 });
    expect([rounded.taxableValue, rounded.tax, rounded.lineTotal]).toEqual([8475, 1525, 10_000]);
  });

  it('prices a weighed item to the paisa, halves rounding up', () => {
    // ₹123.45 a kg × 0.750 kg = ₹92.5875 → ₹92.59
    expect(amounts({ unitPriceMinor: 12_345, quantityThousandths: 750, priceIncludesTax: true, rateBasisPoints: 500 }).gross).toBe(9259);
    // ₹123.45 × 0.500 = ₹61.725 → ₹61.73 (half up, where half-even would give ₹61.72)
    expect(amounts({ unitPriceMinor: 12_345, quantityThousandths: 500, priceIncludesTax: true, rateBasisPoints: 0 }).gross).toBe(6173);
    // 5 % of ₹0.50 = 2.5 paise → 3 paise of tax
    expect(amounts({ unitPriceMinor: 50, quantityThousandths: 1000, priceIncludesTax: false, rateBasisPoints: 500 }).tax).toBe(3);
  });

  it('takes a percent or an amount off the line before tax', () => {
    const percent = amounts({
      unitPriceMinor: 10_000,
      quantityThousandths: 2000,
      priceIncludesTax: false,
      rateBasisPoints: 1800,
      discount: { kind: 'percent', basisPoints: 1000 },
    });
    expect([percent.lineDiscount, percent.taxableValue, percent.tax, percent.lineTotal]).toEqual([2000, 18_000, 3240, 21_240]);
    const amount = amounts(
      { unitPriceMinor: 10_000, quantityThousandths: 1000, priceIncludesTax: true, rateBasisPoints: 1800, discount: { kind: 'amount', minor: 4100 } },
      100,
    );
    expect([amount.net, amount.taxableValue, amount.tax, amount.lineTotal]).toEqual([5800, 4915, 885, 5800]);
  });

  it('puts no tax on a 0 % line', () => {
    const line = amounts({ unitPriceMinor: 4999, quantityThousandths: 3000, priceIncludesTax: true, rateBasisPoints: 0 });
    expect([line.taxableValue, line.tax, line.lineTotal]).toEqual([14_997, 0, 14_997]);
  });

  it('refuses bad input in words naming the line and the rule', () => {
    const base: LineInput = { unitPriceMinor: 1000, quantityThousandths: 1000, priceIncludesTax: true, rateBasisPoints: 1800 };
    const cases: [LineInput, string, string][] = [
      [{ ...base, discount: { kind: 'amount', minor: 1001 } }, 'discount', 'cannot be more than the line\'s price (10.00)'],
      [{ ...base, discount: { kind: 'percent', basisPoints: 10_001 } }, 'discount', 'from 0% to 100%'],
      [{ ...base, quantityThousandths: 0 }, 'quantity', 'more than 0'],
      [{ ...base, quantityThousandths: 1.5 }, 'quantity', 'up to 3 decimals'],
      [{ ...base, unitPriceMinor: -1 }, 'unitPrice', 'enter an amount'],
      [{ ...base, rateBasisPoints: 10_001 }, 'taxRate', 'from 0% to 100%'],
      [{ ...base, unitPriceMinor: 1_000_000_000, quantityThousandths: 2000 }, 'quantity', 'cannot be more than 10000000.00'],
      [{ ...base, unitPriceMinor: 900_000_000, priceIncludesTax: false }, 'quantity', 'line total with tax'],
    ];
    for (const [input, field, words] of cases) {
      const result = computeLine(input, 0, 'Line 4');
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.field).toBe(field);
        expect(result.error.message).toContain(words);
        expect(result.error.message.startsWith('Line 4')).toBe(true);
      }
    }
  });
});

describe('computeLine for every input', () => {
  it('taxable + tax = line total, gross − discounts = net, all non-negative integers, tax within half a paisa', () => {
    fc.assert(
      fc.property(lineInputs, fc.integer({ min: 0, max: 1000 }), (input, shareFraction) => {
        const first = computeLine(input);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        const share = Math.floor((first.value.net * shareFraction) / 1000);
        const result = computeLine(input, share);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const line = result.value;
        for (const value of Object.values(line)) {
          expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
        }
        expect(line.taxableValue + line.tax).toBe(line.lineTotal);
        expect(line.gross - line.lineDiscount - line.billDiscount).toBe(line.net);
        expect(line.billDiscount).toBe(share);

        // gross is unit × quantity to the nearest paisa: |2·1000·gross − 2·unit·qty| ≤ 1000
        const product = BigInt(input.unitPriceMinor) * BigInt(input.quantityThousandths);
        const grossError = 2000n * BigInt(line.gross) - 2n * product;
        expect(grossError <= 1000n && grossError > -1000n).toBe(true);

        const rate = BigInt(input.rateBasisPoints);
        if (input.priceIncludesTax) {
          expect(line.lineTotal).toBe(line.net);
          // taxable is net × 10000 / (10000 + rate), to the nearest paisa
          const error = 2n * BigInt(line.taxableValue) * (10_000n + rate) - 2n * BigInt(line.net) * 10_000n;
          expect(error <= 10_000n + rate && error > -(10_000n + rate)).toBe(true);
        } else {
          expect(line.taxableValue).toBe(line.net);
          // tax is taxable × rate / 10000, to the nearest paisa
          const error = 2n * BigInt(line.tax) * 10_000n - 2n * BigInt(line.taxableValue) * rate;
          expect(error <= 10_000n && error > -10_000n).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
