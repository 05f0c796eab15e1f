// The day's log as CSV: one row per card/UPI attempt, cash sale, refund, cash refund and correction, with the
// same columns; `record` says which (a refund's amount is what went back), `refund_id` is Zoho's.
// For the accountant, a sale's row (a succeeded payment, a cash sale) of a tax invoice carries its
// taxable value and tax, in all and per rate; other rows leave them empty, so their sums are the day's.
// A `cashier` column follows once a sale of the day names its cashier, and a store's log adds `pc`.
//
// The file is written as it is read: the records come a page at a time (db/local/ledger.ts and
// db/store/day-attempts.ts read them by keyset), and each page's lines go out while the next is read
// (one page's write at a time), so a day of 100,000 payments never sits in memory whole
// (docs/BENCHMARKS.md).
import type { TaxSummary } from '../../contract/billing/invoice';
import { formatRatePercent } from '../../contract/billing/rates';
import { formatMinor } from '../../contract/money';
import type { CashRefund, CashSale, Correction, DayLogAttempt, Refund } from '../../contract/records';
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
  /** An invoice's tax summary (null for one of plain lines, or unknown here), for a record read without it. */
  taxOf: (invoiceId: string) => TaxSummary | null;
  /** A store's log: a PC's name by its id, in a `pc` column. */
  pcName?: (stationId: string) => string;
}

/** One kind of record a page at a time, as the day's log lists them; it can be read more than once. */
export type Pages<T> = () => AsyncIterable<readonly T[]> | Iterable<readonly T[]>;

/** The day's records, in the CSV's order. */
export interface DayLogPages {
  attempts: Pages<DayLogAttempt>;
  cashSales: Pages<CashSale>;
  refunds: Pages<Refund>;
  cashRefunds: Pages<CashRefund>;
  corrections: Pages<Correction>;
}

export interface DayLogSource {
  date: string;
  names: DayLogNames;
  pages: DayLogPages;
  /** Whether a sale of the day names its cashier (a cashier column then), asked once before the first row. */
  namesACashier: () => boolean | Promise<boolean>;
}

/** Where the CSV's text goes, a page's lines at a time (a file, a download, a string). */
export interface CsvOut {
  write(text: string): Promise<void> | void;
}

/**
 * The tax summaries of a page's invoices, read once a page (`load`) before its lines are written:
 * `taxOf` answers from the page being written. `around` wraps a kind's pages to do so.
 */
export class PageTaxes {
  private current = new Map<string, TaxSummary>();

  constructor(private readonly load: (invoiceSales: readonly { invoiceId: string; stationId?: string | null | undefined }[]) => Map<string, TaxSummary> | Promise<Map<string, TaxSummary>>) {}

  readonly taxOf = (invoiceId: string): TaxSummary | null => this.current.get(invoiceId) ?? null;

  around<T extends { invoiceId: string; stationId?: string | null | undefined }>(pages: Pages<T>): Pages<T> {
    return async function* (this: PageTaxes) {
      for await (const page of pages()) {
        this.current = await this.load(page);
        yield page;
      }
    }.bind(this);
  }
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
  attempt: (a: DayLogAttempt, names: DayLogNames): Cell[] => [
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
    ...(a.state === 'succeeded' ? taxCells(a.tax !== undefined ? a.tax : names.taxOf(a.invoiceId)) : NO_TAX),
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

/** The file's name for a day's log. */
export function dayLogFileName(date: string): string {
  return `payments-${date}.csv`;
}

/**
 * `out`'s writes, each started once the one before has finished: a page's lines go out while the
 * next page is read and made, and no more than one page waits to be written.
 */
function overlapped(out: CsvOut): { write(text: string): Promise<void>; done(): Promise<void> } {
  let writing: Promise<void> = Promise.resolve();
  return {
    async write(text) {
      await writing;
      const next = Promise.resolve(out.write(text));
      // Its failure is thrown by the next write or done(); until then it must not count as unhandled.
      next.catch(() => undefined);
      writing = next;
    },
    done: () => writing,
  };
}

/** Writes the day's log as CSV to `out`, a page at a time; the number of rows written. */
export async function writeDayLogCsv(source: DayLogSource, out: CsvOut): Promise<number> {
  const { names, pages } = source;
  const cashierColumn = await source.namesACashier();
  const { pcName } = names;
  const writes = overlapped(out);
  await writes.write(csvLine([...HEADER, ...(cashierColumn ? ['cashier'] : []), ...(pcName ? ['pc'] : [])]));
  let rows = 0;
  const writeAll = async <T extends AnyRecord>(kind: Pages<T>, row: (record: T, names: DayLogNames) => Cell[]) => {
    for await (const page of kind()) {
      let text = '';
      for (const record of page) {
        const cells = row(record, names);
        if (cashierColumn) cells.push(record.cashier ?? null);
        if (pcName) cells.push(record.stationId ? pcName(record.stationId) : null);
        text += csvLine(cells);
      }
      if (text !== '') await writes.write(text);
      rows += page.length;
    }
  };
  await writeAll(pages.attempts, DAY_LOG_ROWS.attempt);
  await writeAll(pages.cashSales, DAY_LOG_ROWS.cashSale);
  await writeAll(pages.refunds, DAY_LOG_ROWS.refund);
  await writeAll(pages.cashRefunds, DAY_LOG_ROWS.cashRefund);
  await writeAll(pages.corrections, DAY_LOG_ROWS.correction);
  await writes.done();
  return rows;
}

/** The whole CSV as one string (the log-export-csv call's answer). */
export async function dayLogCsvText(source: DayLogSource): Promise<{ fileName: string; csv: string; rowCount: number }> {
  const parts: string[] = [];
  const rowCount = await writeDayLogCsv(source, { write: (text) => void parts.push(text) });
  return { fileName: dayLogFileName(source.date), csv: parts.join(''), rowCount };
}
