import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoice } from './invoice';
import { invoiceInputs } from './tests/arbitraries';

function add(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

describe('computeInvoice for every input', () => {
  it('keeps every sum exact: lines, round-off, tax kinds and the summary by rate', () => {
    fc.assert(
      fc.property(invoiceInputs, (input) => {
        const result = computeInvoice(input);
        expect(result.ok ? '' : result.error.message).toBe('');
        if (!result.ok) return;
        const invoice = result.value;
        const { lines } = invoice;

        for (const line of lines) {
          for (const value of [line.gross, line.lineDiscount, line.billDiscount, line.net, line.taxableValue, line.tax, line.lineTotal, line.cgst, line.sgst, line.igst, line.salesTax]) {
            expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
          }
          expect(line.taxableValue + line.tax).toBe(line.lineTotal);
          expect(line.cgst + line.sgst + line.igst + line.salesTax).toBe(line.tax);
          expect(line.cgst - line.sgst === 0 || line.cgst - line.sgst === 1).toBe(true);
          if (invoice.supply === 'intra_state') expect(line.igst + line.salesTax).toBe(0);
          if (invoice.supply === 'inter_state') expect(line.igst).toBe(line.tax);
          if (invoice.supply === 'us_sales_tax') expect(line.salesTax).toBe(line.tax);
        }

        // The sum of lines + round-off = the invoice total (the amount that goes to Zoho).
        expect(add(lines.map((line) => line.lineTotal))).toBe(invoice.totalBeforeRoundOff);
        expect(invoice.totalBeforeRoundOff + invoice.roundOff).toBe(invoice.total);
        expect(invoice.total).toBeGreaterThanOrEqual(0);
        expect(invoice.taxableValue + invoice.tax).toBe(invoice.totalBeforeRoundOff);
        expect(invoice.cgst + invoice.sgst + invoice.igst + invoice.salesTax).toBe(invoice.tax);
        if (invoice.currency === 'INR' && !(input.regime.kind === 'gst' && input.regime.roundToRupee === false)) {
          expect(invoice.total % 100).toBe(0);
          expect(invoice.roundOff).toBeGreaterThanOrEqual(-49);
          expect(invoice.roundOff).toBeLessThanOrEqual(50);
        } else {
          expect(invoice.roundOff).toBe(0);
        }

        // The bill discount is shared out exactly.
        expect(add(lines.map((line) => line.billDiscount))).toBe(invoice.billDiscount);
        expect(invoice.gross - invoice.lineDiscount - invoice.billDiscount).toBe(add(lines.map((line) => line.net)));

        // The summary by rate adds up to the totals, one row per rate.
        const rows = invoice.taxByRate;
        expect(new Set(rows.map((row) => row.rateBasisPoints)).size).toBe(rows.length);
        expect(add(rows.map((row) => row.taxableValue))).toBe(invoice.taxableValue);
        expect(add(rows.map((row) => row.tax))).toBe(invoice.tax);
        expect(add(rows.map((row) => row.cgst))).toBe(invoice.cgst);
        expect(add(rows.map((row) => row.sgst))).toBe(invoice.sgst);
        expect(add(rows.map((row) => row.igst))).toBe(invoice.igst);
        expect(add(rows.map((row) => row.salesTax))).toBe(invoice.salesTax);

        // The same bill always gives the same invoice.
        expect(computeInvoice(input)).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });
});
