// For the accountant: the day's tax invoices summed HSN-wise and rate-wise (GSTR-1 Table 12's
// shape, contract/billing/summary.ts), with the same figures as CSV: one row per HSN row, per rate,
// and the day's total; the summary column says which.
import type { CsvExport, DayTaxSummary } from '../../contract/answers';
import type { Bill } from '../../contract/catalogue/bill';
import { formatQuantity } from '../../contract/billing/quantity';
import { formatRatePercent } from '../../contract/billing/rates';
import { summarize, type BillingSummary } from '../../contract/billing/summary';
import { formatMinor } from '../../contract/money';
import { toCsv } from '../handlers/csv';

const HEADER = ['summary', 'recipient', 'hsn_sac', 'uqc', 'rate', 'quantity', 'taxable_value', 'igst', 'cgst', 'sgst', 'sales_tax', 'tax', 'total_value', 'invoices', 'round_off'];

/** The day's tax summary of these bills; null when the day made no tax invoice. */
export function dayTaxSummary(date: string, bills: readonly Bill[]): DayTaxSummary | null {
  if (bills.length === 0) return null;
  const summary = summarize(bills.map((bill) => ({ invoice: bill.totals, recipient: bill.customer ? 'b2b' : 'b2c' })));
  return { summary, csv: summaryCsv(date, summary) };
}

function summaryCsv(date: string, summary: BillingSummary): CsvExport {
  const money = formatMinor;
  const parts = (row: { igst: number; cgst: number; sgst: number; salesTax: number; tax: number }) => [money(row.igst), money(row.cgst), money(row.sgst), money(row.salesTax), money(row.tax)];
  const rows = [
    ...summary.hsn.map((row) => [
      'hsn',
      row.recipient.toUpperCase(),
      row.hsnCode,
      row.unit,
      formatRatePercent(row.rateBasisPoints),
      formatQuantity(row.quantityThousandths),
      money(row.taxableValue),
      ...parts(row),
      money(row.totalValue),
      null,
      null,
    ]),
    ...summary.byRate.map((row) => ['rate', null, null, null, formatRatePercent(row.rateBasisPoints), null, money(row.taxableValue), ...parts(row), money(row.taxableValue + row.tax), null, null]),
    ['total', null, null, null, null, null, money(summary.totals.taxableValue), ...parts(summary.totals), money(summary.totals.total), summary.totals.invoices, money(summary.totals.roundOff)],
  ];
  return { fileName: `tax-summary-${date}.csv`, csv: toCsv(HEADER, rows), rowCount: rows.length };
}
