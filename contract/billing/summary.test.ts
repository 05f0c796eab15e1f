import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceInput, InvoiceTotals } from './invoice';
import { computeInvoice } from './invoice';
import type { Recipient } from './summary';
import { summarize } from './summary';
import { invoiceInputs } from './tests/arbitraries';

function totals(input: InvoiceInput): InvoiceTotals {
  const result = computeInvoice(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function add(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

describe('summarize', () => {
  it('sums lines HSN-wise (per recipient kind, unit and rate) and rate-wise', () => {
    const soap = { unitPriceMinor: 11_800, quantityThousandths: 2000, priceIncludesTax: true, rateBasisPoints: 1800, hsnCode: '3401', unit: 'NOS' };
    const milk = { unitPriceMinor: 8000, quantityThousandths: 750, priceIncludesTax: true, rateBasisPoints: 500, hsnCode: '0401', unit: 'KGS' };
    const local = totals({ regime: { kind: 'gst', storeStateCode: '29', placeOfSupplyStateCode: '29' }, lines: [soap, milk, soap] });
    const delivered = totals({ regime: { kind: 'gst', storeStateCode: '29', placeOfSupplyStateCode: '27' }, lines: [soap] });
    const summary = summarize([
      { invoice: local, recipient: 'b2c' },
      { invoice: delivered, recipient: 'b2b' },
    ]);
    expect(summary.hsn).toEqual([
      { recipient: 'b2b', hsnCode: '3401', unit: 'NOS', rateBasisPoints: 1800, quantityThousandths: 2000, taxableValue: 20_000, tax: 3600, totalValue: 23_600, cgst: 0, sgst: 0, igst: 3600, salesTax: 0 },
      { recipient: 'b2c', hsnCode: '0401', unit: 'KGS', rateBasisPoints: 500, quantityThousandths: 750, taxableValue: 5714, tax: 286, totalValue: 6000, cgst: 143, sgst: 143, igst: 0, salesTax: 0 },
      { recipient: 'b2c', hsnCode: '3401', unit: 'NOS', rateBasisPoints: 1800, quantityThousandths: 4000, taxableValue: 40_000, tax: 7200, totalValue: 47_200, cgst: 3600, sgst: 3600, igst: 0, salesTax: 0 },
    ]);
    expect(summary.byRate).toEqual([
      { rateBasisPoints: 500, taxableValue: 5714, tax: 286, cgst: 143, sgst: 143, igst: 0, salesTax: 0 },
      { rateBasisPoints: 1800, taxableValue: 60_000, tax: 10_800, cgst: 3600, sgst: 3600, igst: 3600, salesTax: 0 },
    ]);
    expect(summary.totals).toEqual({
      invoices: 2,
      taxableValue: 65_714,
      tax: 11_086,
      cgst: 3743,
      sgst: 3743,
      igst: 3600,
      salesTax: 0,
      roundOff: 0,
      total: 76_800,
    });
  });

  it('adds up to the invoices for every set of invoices', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ input: invoiceInputs, recipient: fc.constantFrom<Recipient>('b2b', 'b2c') }), { maxLength: 12 }), (items) => {
        const invoices = items.map(({ input, recipient }) => ({ invoice: totals(input), recipient }));
        const { hsn, byRate, totals: sums } = summarize(invoices);
        const lines = invoices.flatMap(({ invoice }) => invoice.lines);
        for (const key of ['taxableValue', 'tax', 'cgst', 'sgst', 'igst', 'salesTax'] as const) {
          const fromInvoices = add(invoices.map(({ invoice }) => invoice[key]));
          expect(sums[key]).toBe(fromInvoices);
          expect(add(hsn.map((row) => row[key]))).toBe(fromInvoices);
          expect(add(byRate.map((row) => row[key]))).toBe(fromInvoices);
        }
        expect(sums.total).toBe(add(invoices.map(({ invoice }) => invoice.total)));
        expect(sums.taxableValue + sums.tax + sums.roundOff).toBe(sums.total);
        expect(add(hsn.map((row) => row.totalValue))).toBe(add(lines.map((line) => line.lineTotal)));
        for (const row of hsn) {
          expect(row.taxableValue + row.tax).toBe(row.totalValue);
          const same = invoices
            .filter(({ recipient }) => recipient === row.recipient)
            .flatMap(({ invoice }) => invoice.lines)
            .filter((line) => line.hsnCode === row.hsnCode && line.unit === row.unit && line.rateBasisPoints === row.rateBasisPoints);
          expect(row.quantityThousandths).toBe(add(same.map((line) => line.quantityThousandths)));
        }
        expect(new Set(hsn.map((row) => JSON.stringify([row.recipient, row.hsnCode, row.unit, row.rateBasisPoints]))).size).toBe(hsn.length);
      }),
      { numRuns: 100 },
    );
  });
});
