import { describe, expect, it } from 'vitest';
import type { InvoiceInput, InvoiceTotals } from './invoice';
import { computeInvoice, roundOffToRupee, splitTax } from './invoice';

function totals(input: InvoiceInput): InvoiceTotals {
  const result = computeInvoice(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const KARNATAKA = { kind: 'gst', storeStateCode: '29', placeOfSupplyStateCode: '29' } as const;

const groceries: InvoiceInput['lines'] = [
  // 2 × ₹118 at 18 % inclusive: ₹200 taxable + ₹36 tax
  { unitPriceMinor: 11_800, quantityThousandths: 2000, priceIncludesTax: true, rateBasisPoints: 1800, hsnCode: '3401', unit: 'NOS' },
  // 0.750 kg × ₹80 at 5 % inclusive: ₹60 → ₹57.14 taxable + ₹2.86 tax
  { unitPriceMinor: 8000, quantityThousandths: 750, priceIncludesTax: true, rateBasisPoints: 500, hsnCode: '0401', unit: 'KGS' },
  // ₹10.49 at 0 %
  { unitPriceMinor: 1049, quantityThousandths: 1000, priceIncludesTax: true, rateBasisPoints: 0, hsnCode: '0713', unit: 'NOS' },
];

describe('computeInvoice: India', () => {
  it('splits tax into CGST and SGST within the state, and rounds the total off to the rupee', () => {
    const invoice = totals({ regime: KARNATAKA, lines: groceries });
    expect(invoice.currency).toBe('INR');
    expect(invoice.supply).toBe('intra_state');
    expect(invoice.lines.map((line) => [line.taxableValue, line.tax, line.cgst, line.sgst, line.igst])).toEqual([
      [20_000, 3600, 1800, 1800, 0],
      [5714, 286, 143, 143, 0],
      [1049, 0, 0, 0, 0],
    ]);
    expect(invoice.totalBeforeRoundOff).toBe(30_649);
    expect(invoice.roundOff).toBe(-49);
    expect(invoice.total).toBe(30_600);
    expect([invoice.taxableValue, invoice.tax, invoice.cgst, invoice.sgst]).toEqual([26_763, 3886, 1943, 1943]);
    expect(invoice.taxByRate).toEqual([
      { rateBasisPoints: 0, taxableValue: 1049, tax: 0, cgst: 0, sgst: 0, igst: 0, salesTax: 0 },
      { rateBasisPoints: 500, taxableValue: 5714, tax: 286, cgst: 143, sgst: 143, igst: 0, salesTax: 0 },
      { rateBasisPoints: 1800, taxableValue: 20_000, tax: 3600, cgst: 1800, sgst: 1800, igst: 0, salesTax: 0 },
    ]);
  });

  it('charges IGST when the cashier sets another state as the place of supply', () => {
    const invoice = totals({ regime: { ...KARNATAKA, placeOfSupplyStateCode: '27' }, lines: groceries });
    expect(invoice.supply).toBe('inter_state');
    expect([invoice.igst, invoice.cgst, invoice.sgst, invoice.tax]).toEqual([3886, 0, 0, 3886]);
  });

  it('gives the odd paisa of a line to CGST', () => {
    expect(splitTax(285, 'intra_state')).toEqual({ cgst: 143, sgst: 142, igst: 0, salesTax: 0 });
    expect(splitTax(1, 'intra_state')).toEqual({ cgst: 1, sgst: 0, igst: 0, salesTax: 0 });
    expect(splitTax(285, 'inter_state')).toEqual({ cgst: 0, sgst: 0, igst: 285, salesTax: 0 });
  });

  it('rounds 50 paise up and 49 down, and can be told not to round', () => {
    expect(roundOffToRupee(10_050)).toBe(50);
    expect(roundOffToRupee(10_049)).toBe(-49);
    expect(roundOffToRupee(10_000)).toBe(0);
    expect(roundOffToRupee(99)).toBe(1);
    expect(roundOffToRupee(30)).toBe(-30);
    const unrounded = totals({ regime: { ...KARNATAKA, roundToRupee: false }, lines: groceries });
    expect([unrounded.roundOff, unrounded.total]).toEqual([0, 30_649]);
  });

  it('spreads an amount bill discount in proportion, the remainder to the largest share', () => {
    const invoice = totals({
      regime: KARNATAKA,
      lines: [
        { unitPriceMinor: 20_000, quantityThousandths: 1000, priceIncludesTax: true, rateBasisPoints: 1800 },
        { unitPriceMinor: 10_000, quantityThousandths: 1000, priceIncludesTax: true, rateBasisPoints: 500 },
      ],
      billDiscount: { kind: 'amount', minor: 10_000 / 1 / 100 },
    });
    // ₹1.00 over ₹200 and ₹100: 66.67 and 33.33 paise → 67 and 33
    expect(invoice.lines.map((line) => line.billDiscount)).toEqual([67, 33]);
    expect(invoice.billDiscount).toBe(100);
    expect(invoice.totalBeforeRoundOff).toBe(29_900);
  });

  it('turns a percent bill discount into one amount first, after the line discounts', () => {
    const invoice = totals({
      regime: KARNATAKA,
      lines: [
        { unitPriceMinor: 10_000, quantityThousandths: 3000, priceIncludesTax: false, rateBasisPoints: 1800, discount: { kind: 'amount', minor: 1000 } },
        { unitPriceMinor: 333, quantityThousandths: 1000, priceIncludesTax: false, rateBasisPoints: 1800 },
      ],
      billDiscount: { kind: 'percent', basisPoints: 1000 },
    });
    // 10 % of (₹290.00 + ₹3.33) = ₹29.333 → ₹29.33
    expect(invoice.billDiscount).toBe(2933);
    expect(invoice.lines.map((line) => line.billDiscount)).toEqual([2900, 33]);
    expect(invoice.lineDiscount).toBe(1000);
    expect(invoice.taxableValue).toBe(29_000 + 333 - 2933);
  });

  it('refuses what breaks a rule, naming the field', () => {
    const line = { unitPriceMinor: 1000, quantityThousandths: 1000, priceIncludesTax: true, rateBasisPoints: 1800 };
    const cases: [InvoiceInput, string, string][] = [
      [{ regime: KARNATAKA, lines: [] }, 'lines', 'add at least one line'],
      [{ regime: { ...KARNATAKA, placeOfSupplyStateCode: '25' }, lines: [line] }, 'placeOfSupply', 'GST state code list'],
      [{ regime: { ...KARNATAKA, storeStateCode: 'KA' }, lines: [line] }, 'storeState', 'GST state code list'],
      [{ regime: KARNATAKA, lines: [line, { ...line, rateBasisPoints: undefined }] }, 'taxRate', 'Line 2 tax rate'],
      [{ regime: KARNATAKA, lines: [{ ...line, taxExempt: true }] }, 'taxRate', '0% rate'],
      [{ regime: { kind: 'us_sales_tax', rateBasisPoints: 825 }, lines: [line] }, 'taxRate', "store's sales tax rate"],
      [{ regime: { kind: 'us_sales_tax', rateBasisPoints: 10_001 }, lines: [] }, 'salesTaxRate', 'from 0% to 100%'],
      [{ regime: KARNATAKA, lines: [line], billDiscount: { kind: 'amount', minor: 1001 } }, 'billDiscount', 'cannot be more than the bill'],
      [{ regime: KARNATAKA, lines: [line], billDiscount: { kind: 'percent', basisPoints: 10_001 } }, 'billDiscount', 'from 0% to 100%'],
      [
        { regime: KARNATAKA, lines: [{ ...line, unitPriceMinor: 600_000_000 }, { ...line, unitPriceMinor: 600_000_000 }] },
        'lines',
        'bill cannot be more than',
      ],
    ];
    for (const [input, field, words] of cases) {
      const result = computeInvoice(input);
      expect(result.ok, words).toBe(false);
      if (!result.ok) {
        expect(result.error.field).toBe(field);
        expect(result.error.message).toContain(words);
      }
    }
  });
});

describe('computeInvoice: United States', () => {
  it("charges the store's one rate on taxable items, none on exempt ones, and never rounds off", () => {
    const invoice = totals({
      regime: { kind: 'us_sales_tax', rateBasisPoints: 825 },
      lines: [
        { unitPriceMinor: 1999, quantityThousandths: 3000, priceIncludesTax: false },
        { unitPriceMinor: 500, quantityThousandths: 1000, priceIncludesTax: false, taxExempt: true },
      ],
    });
    expect(invoice.currency).toBe('USD');
    expect(invoice.supply).toBe('us_sales_tax');
    // $59.97 × 8.25 % = $4.947525 → $4.95
    expect(invoice.lines.map((line) => [line.rateBasisPoints, line.tax, line.salesTax])).toEqual([
      [825, 495, 495],
      [0, 0, 0],
    ]);
    expect([invoice.salesTax, invoice.roundOff, invoice.total]).toEqual([495, 0, 6992]);
  });
});
