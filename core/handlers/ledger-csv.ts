// The day's log as CSV: one row per card/UPI attempt, cash sale, refund, cash refund and correction, with the
// same columns; `record` says which (a refund's amount is what went back), `refund_id` is Zoho's.
// For the accountant, a sale's row (a succeeded payment, a cash sale) of a tax invoice carries its
// taxable value and tax, in all and per rate; other rows leave them empty, so their sums are the day's.
// A `cashier` column follows once a sale of the day names its cashier, and a store's log adds `pc`.
//
// The file is written as it is read: the records come a page at a time (db/local/ledger.ts and
// db/store/day-attempts.ts read them by keyset), each page's lines go out before the next is read,
// so a day of 100,000 payments never sits in memory whole (docs/BENCHMARKS.md).
import type { TaxSummary } from '../../contract/billing/invoice';
import { formatRatePercent } from '../../contract/billing/rates';
import { formatMinor } from '../../contract/money';
import type { CashRefund, CashSale, ChargeAttempt, Correction, Refund } from '../../contract/records';
import type { Currency } from '../../contract/vocabulary';
import { csvLine } from './csv';

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

/** What a row names besides its record: counters, invoices' tax summaries and (a store's log) PCs by their ids. */
export interface DayLogNames {
  currency: Currency;
  counterName: (counterId: string) => string;
  /** An invoice's tax summary (null for one of plain lines, or unknown here). */
  taxOf: (invoiceId: string) => TaxSummary | null;
  /** A store's log: a PC's name by its id, in a `pc` column. */
  pcName?: (stationId: string) => string;
}

/** One kind of record a page at a time, as the day's log lists them; it can be read more than once. */
export type Pages<T> = () => AsyncIterable<readonly T[]> | Iterable<readonly T[]>;

/** The day's records, in the CSV's order. */
export interface DayLogPages {
  attempts: Pages<ChargeAttempt>;
  cashSales: Pages<CashSale>;
  refunds: Pages<Refund>;
  cashRefunds: Pages<CashRefund>;
  corrections: Pages<Correction>;
}

export interface DayLogSource {
  date: string;
  names: DayLogNames;
  pages: DayLogPages;
}

/** Where the CSV's text goes, a page's lines at a time (a file, a download, a string). */
export interface CsvOut {
  write(text: string): Promise<void> | void;
}

/** A list read whole: a kind with few records a day. */
export function wholePages<T>(read: () => readonly T[] | Promise<readonly T[]>): Pages<T> {
  return async function* () {
    yield await read();
  };
}

/** A sale's tax columns: "5%: taxable 345.07, tax 17.26; 18%: taxable 73.86, tax 13.30"; empty for an invoice without a bill. */
function taxCells(totals: TaxSummary | null): Cell[] {
  if (!totals) return [null, null, null];
  const byRate = totals.taxByRate.map((row) => `${formatRatePercent(row.rateBasisPoints)}: taxable ${formatMinor(row.taxableValue)}, tax ${formatMinor(row.tax)}`);
  return [formatMinor(totals.taxableValue), formatMinor(totals.tax), byRate.join('; ')];
}

const NO_TAX: Cell[] = [null, null, null];

const time = (ms: number) => new Date(ms).toISOString();

/** Each kind's columns and values (the header's, before `cashier` and `pc`). */
export const DAY_LOG_ROWS = {
  attempt: (a: ChargeAttempt, names: DayLogNames): Cell[] => [
    time(a.createdAt),
    a.invoiceNumber,
    names.counterName(a.counterId),
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
    ...(a.state === 'succeeded' ? taxCells(names.taxOf(a.invoiceId)) : NO_TAX),
  ],
  cashSale: (sale: CashSale, names: DayLogNames): Cell[] => [
    time(sale.createdAt),
    sale.invoiceNumber,
    names.counterName(sale.counterId),
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
    ...taxCells(names.taxOf(sale.invoiceId)),
  ],
  refund: (refund: Refund, names: DayLogNames): Cell[] => [
    time(refund.createdAt),
    refund.invoiceNumber,
    names.counterName(refund.counterId),
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
  ],
  cashRefund: (refund: CashRefund, names: DayLogNames): Cell[] => [
    time(refund.createdAt),
    refund.invoiceNumber,
    names.counterName(refund.counterId),
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
    ...NO_TAX,
  ],
  correction: (correction: Correction, names: DayLogNames): Cell[] => [
    time(correction.createdAt),
    correction.invoiceNumber,
    names.counterName(correction.counterId),
    null,
    formatMinor(correction.amountMinor),
    names.currency,
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
  ],
};

type AnyRecord = { stationId?: string; cashier?: string };

/** Whether a sale of the day names its cashier: read until the first that does. */
async function namesACashier(pages: DayLogPages): Promise<boolean> {
  for (const kind of [pages.attempts, pages.cashSales, pages.refunds, pages.cashRefunds] as Pages<AnyRecord>[]) {
    for await (const page of kind()) {
      if (page.some((record: AnyRecord) => (record.cashier ?? null) !== null)) return true;
    }
  }
  return false;
}

/** The file's name for a day's log. */
export function dayLogFileName(date: string): string {
  return `payments-${date}.csv`;
}

/** Writes the day's log as CSV to `out`, a page at a time; the number of rows written. */
export async function writeDayLogCsv(source: DayLogSource, out: CsvOut): Promise<number> {
  const { names, pages } = source;
  const cashierColumn = await namesACashier(pages);
  const { pcName } = names;
  const extra = (record: AnyRecord): Cell[] => [
    ...(cashierColumn ? [record.cashier ?? null] : []),
    ...(pcName ? [record.stationId ? pcName(record.stationId) : null] : []),
  ];
  await out.write(csvLine([...HEADER, ...(cashierColumn ? ['cashier'] : []), ...(pcName ? ['pc'] : [])]));
  let rows = 0;
  const writeAll = async <T extends AnyRecord>(kind: Pages<T>, row: (record: T, names: DayLogNames) => Cell[]) => {
    for await (const page of kind()) {
      let text = '';
      for (const record of page) text += csvLine([...row(record, names), ...extra(record)]);
      if (text !== '') await out.write(text);
      rows += page.length;
    }
  };
  await writeAll(pages.attempts, DAY_LOG_ROWS.attempt);
  await writeAll(pages.cashSales, DAY_LOG_ROWS.cashSale);
  await writeAll(pages.refunds, DAY_LOG_ROWS.refund);
  await writeAll(pages.cashRefunds, DAY_LOG_ROWS.cashRefund);
  await writeAll(pages.corrections, DAY_LOG_ROWS.correction);
  return rows;
}

/** The whole CSV as one string (the log-export-csv call's answer). */
export async function dayLogCsvText(source: DayLogSource): Promise<{ fileName: string; csv: string; rowCount: number }> {
  const parts: string[] = [];
  const rowCount = await writeDayLogCsv(source, { write: (text) => void parts.push(text) });
  return { fileName: dayLogFileName(source.date), csv: parts.join(''), rowCount };
}
