// The day's log as CSV: one row per card/UPI attempt, cash sale, refund, cash refund and correction, with the
// same columns; `record` says which (a refund's amount is what went back), `refund_id` is Zoho's.
// For the accountant, a sale's row (a succeeded payment, a cash sale) of a tax invoice carries its
// taxable value and tax, in all and per rate; other rows leave them empty, so their sums are the day's.
// A `cashier` column follows once a sale of the day names its cashier, and a store's log adds `pc`.
import type { TaxSummary } from '../../contract/billing/invoice';
import { formatRatePercent } from '../../contract/billing/rates';
import { formatMinor } from '../../contract/money';
import type { CsvExport, DayLog } from '../../contract/answers';
import { toCsv } from './csv';

const HEADER = [
  'time',
  'invoice',
  'counter',
  'terminal',
  'amount',
  'currency',
  'method',
  'state',
  'failure_code',
  'failure_reason',
  'payment_id',
  'payments_session_id',
  'note',
  'checked_at',
  'checked_note',
  'record',
  'refund_id',
  'taxable_value',
  'tax',
  'tax_by_rate',
];

type Cell = string | number | null;

/** A sale's tax columns: "5%: taxable 345.07, tax 17.26; 18%: taxable 73.86, tax 13.30"; empty for an invoice without a bill. */
function taxCells(totals: TaxSummary | null): Cell[] {
  if (!totals) return [null, null, null];
  const byRate = totals.taxByRate.map((row) => `${formatRatePercent(row.rateBasisPoints)}: taxable ${formatMinor(row.taxableValue)}, tax ${formatMinor(row.tax)}`);
  return [formatMinor(totals.taxableValue), formatMinor(totals.tax), byRate.join('; ')];
}

const NO_TAX: Cell[] = [null, null, null];

/**
 * The day's log as CSV; `taxOf` gives an invoice's tax summary (null for one of plain lines); a store's log (`pcName`: a PC's name by its id) adds the PC that made each record.
 */
export function dayLogCsv(day: DayLog, counterName: (counterId: string) => string, taxOf: (invoiceId: string) => TaxSummary | null, pcName?: (stationId: string) => string): CsvExport {
  const time = (ms: number) => new Date(ms).toISOString();
  const rows: Cell[][] = [
    ...day.attempts.map((a) => [
      time(a.createdAt),
      a.invoiceNumber,
      counterName(a.counterId),
      a.terminalId,
      formatMinor(a.amountMinor),
      a.currency,
      a.method,
      a.state,
      a.failureCode,
      a.failureMessage,
      a.paymentId,
      a.paymentsSessionId,
      a.mismatch,
      a.review ? time(a.review.at) : null,
      a.review?.note ?? null,
      'payment',
      null,
      ...(a.state === 'succeeded' ? taxCells(taxOf(a.invoiceId)) : NO_TAX),
    ]),
    ...day.cashSales.map((sale) => [
      time(sale.createdAt),
      sale.invoiceNumber,
      counterName(sale.counterId),
      null,
      formatMinor(sale.amountMinor),
      sale.currency,
      'cash',
      'succeeded',
      null,
      null,
      null,
      null,
      `tendered ${formatMinor(sale.tenderedMinor)}, change ${formatMinor(sale.changeMinor)}`,
      null,
      null,
      'cash',
      null,
      ...taxCells(taxOf(sale.invoiceId)),
    ]),
    ...day.refunds.map((refund) => [
      time(refund.createdAt),
      refund.invoiceNumber,
      counterName(refund.counterId),
      null,
      formatMinor(refund.amountMinor),
      refund.currency,
      'refund',
      refund.state,
      refund.failureReason,
      refund.failureMessage,
      refund.paymentId,
      null,
      refund.note ? `${refund.reason}: ${refund.note}` : refund.reason,
      null,
      null,
      'refund',
      refund.zohoRefundId,
      ...NO_TAX,
    ]),
    ...day.cashRefunds.map((refund) => [
      time(refund.createdAt),
      refund.invoiceNumber,
      counterName(refund.counterId),
      null,
      formatMinor(refund.amountMinor),
      refund.currency,
      'cash',
      'succeeded',
      null,
      null,
      null,
      null,
      refund.note ? `${refund.reason}: ${refund.note}` : refund.reason,
      null,
      null,
      'cash refund',
      null,
    ]),
    ...day.corrections.map((correction) => [
      time(correction.createdAt),
      correction.invoiceNumber,
      counterName(correction.counterId),
      null,
      formatMinor(correction.amountMinor),
      day.currency,
      correction.recordKind === 'refund' ? 'refund' : null,
      correction.toState,
      null,
      null,
      correction.paymentId,
      null,
      `Late answer for ${correction.closedDay} (closed), was ${correction.fromState}: ${correction.detail}`,
      null,
      null,
      'correction',
      null,
      ...NO_TAX,
    ]),
  ];
  const records = [...day.attempts, ...day.cashSales, ...day.refunds, ...day.cashRefunds, ...day.corrections];
  const extra: { name: string; cells: Cell[] }[] = [];
  const cashiers = records.map((record) => ('cashier' in record ? (record.cashier ?? null) : null));
  if (cashiers.some((cashier) => cashier !== null)) extra.push({ name: 'cashier', cells: cashiers });
  if (pcName) extra.push({ name: 'pc', cells: records.map((record) => (record.stationId ? pcName(record.stationId) : null)) });
  const header = [...HEADER, ...extra.map((column) => column.name)];
  return { fileName: `payments-${day.date}.csv`, csv: toCsv(header, rows.map((row, i) => [...row, ...extra.map((column) => column.cells[i] ?? null)])), rowCount: rows.length };
}
