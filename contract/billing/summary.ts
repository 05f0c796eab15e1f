// For the accountant: many invoices summed HSN-wise and rate-wise, the shape GSTR-1 asks for
// (Table 12, the HSN-wise summary of outward supplies: HSN, unit (UQC), total quantity, taxable
// value and IGST/CGST/SGST, rate by rate, reported separately for B2B and B2C supplies since
// 2025 — https://www.companysuggestion.com/?p=5962, https://news.cleartax.in/gstr-1-portal-updates-to-table-12-due-to-changes-in-hsn-code/5941).
// Round-off is not tax and not taxable value, so it appears in no row; it is summed on its own.
// Pure TypeScript: used by the renderer and the backend alike.
import type { InvoiceTotals, TaxParts } from './invoice';

export type Recipient = 'b2b' | 'b2c';

export interface SummaryInvoice {
  invoice: InvoiceTotals;
  /** B2B when the customer gave a GSTIN. */
  recipient: Recipient;
}

export interface HsnRow extends TaxParts {
  recipient: Recipient;
  hsnCode: string;
  unit: string;
  rateBasisPoints: number;
  /** Total quantity in thousandths (only lines with the same unit are added up). */
  quantityThousandths: number;
  taxableValue: number;
  tax: number;
  /** Taxable value + tax. */
  totalValue: number;
}

export interface SummaryRateRow extends TaxParts {
  rateBasisPoints: number;
  taxableValue: number;
  tax: number;
}

export interface SummaryTotals extends TaxParts {
  invoices: number;
  taxableValue: number;
  tax: number;
  roundOff: number;
  total: number;
}

export interface BillingSummary {
  hsn: HsnRow[];
  byRate: SummaryRateRow[];
  totals: SummaryTotals;
}

function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('summary: a sum is too large to be exact');
  return sum;
}

function addParts<T extends TaxParts & { taxableValue: number; tax: number }>(row: T, from: TaxParts & { taxableValue: number; tax: number }): void {
  row.taxableValue = add(row.taxableValue, from.taxableValue);
  row.tax = add(row.tax, from.tax);
  row.cgst = add(row.cgst, from.cgst);
  row.sgst = add(row.sgst, from.sgst);
  row.igst = add(row.igst, from.igst);
  row.salesTax = add(row.salesTax, from.salesTax);
}

const EMPTY_PARTS = { taxableValue: 0, tax: 0, cgst: 0, sgst: 0, igst: 0, salesTax: 0 } as const;

/** Sums invoices line by line into HSN rows and rate rows; rows are sorted so the output is stable. */
export function summarize(invoices: readonly SummaryInvoice[]): BillingSummary {
  const hsn = new Map<string, HsnRow>();
  const byRate = new Map<number, SummaryRateRow>();
  const totals: SummaryTotals = { invoices: 0, roundOff: 0, total: 0, ...EMPTY_PARTS };

  for (const { invoice, recipient } of invoices) {
    totals.invoices += 1;
    totals.roundOff = add(totals.roundOff, invoice.roundOff);
    totals.total = add(totals.total, invoice.total);
    addParts(totals, invoice);
    for (const line of invoice.lines) {
      const key = JSON.stringify([recipient, line.hsnCode, line.unit, line.rateBasisPoints]);
      const row = hsn.get(key) ?? {
        recipient,
        hsnCode: line.hsnCode,
        unit: line.unit,
        rateBasisPoints: line.rateBasisPoints,
        quantityThousandths: 0,
        totalValue: 0,
        ...EMPTY_PARTS,
      };
      row.quantityThousandths = add(row.quantityThousandths, line.quantityThousandths);
      row.totalValue = add(row.totalValue, line.lineTotal);
      addParts(row, line);
      hsn.set(key, row);

      const rateRow = byRate.get(line.rateBasisPoints) ?? { rateBasisPoints: line.rateBasisPoints, ...EMPTY_PARTS };
      addParts(rateRow, line);
      byRate.set(line.rateBasisPoints, rateRow);
    }
  }

  const hsnRows = [...hsn.values()].sort(
    (a, b) =>
      compareText(a.recipient, b.recipient) ||
      compareText(a.hsnCode, b.hsnCode) ||
      compareText(a.unit, b.unit) ||
      a.rateBasisPoints - b.rateBasisPoints,
  );
  return { hsn: hsnRows, byRate: [...byRate.values()].sort((a, b) => a.rateBasisPoints - b.rateBasisPoints), totals };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
