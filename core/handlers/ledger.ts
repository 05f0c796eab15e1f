import type { ParsedInput } from '../../contract/handlers';
import { DAY_LOG_PAGE, type DayLog } from '../../contract/answers';
import { listCashRefundsForDay } from '../../db/local/cash-refunds';
import * as counters from '../../db/local/counters';
import { businessDayRange, getDayClose, listCorrectionsForDay } from '../../db/local/day-closes';
import { invoiceTaxSummaries } from '../../db/local/invoices';
import * as log from '../../db/local/ledger';
import { lateRows, notLate } from '../../db/local/ledger-totals';
import * as refunds from '../../db/local/refunds';
import * as tenders from '../../db/local/tenders';
import { dayLogCsvText, PageTaxes, wholePages, type DayLogSource } from './ledger-csv';
import type { DataContext, Handlers } from './types';

type DayFilter = ParsedInput<'log-export-csv'>;

export function logHandlers(ctx: DataContext): Handlers<'log-day' | 'log-export-csv'> {
  return {
    'log-day': ({ rows, ...filter }) => {
      const limit = rows ?? DAY_LOG_PAGE;
      return ctx.ports().ledger.day(filter, limit, () => dayLog(ctx, filter, limit));
    },
    'log-export-csv': async (input) => dayLogCsvText(await dayLogCsvSource(ctx, input)),
  };
}

/** The day's records for its CSV: the store's on a PC of a store whose link is up, else this PC's. */
export function dayLogCsvSource(ctx: DataContext, input: DayFilter): Promise<DayLogSource> {
  return ctx.ports().ledger.csv(input, () => ownDayLogSource(ctx, input));
}

/** Rows a page of the CSV reads at a time. */
export const CSV_PAGE_ROWS = 1_000;

/** This PC's records of the day for its CSV, read a page at a time as it is written. */
export function ownDayLogSource(ctx: Pick<DataContext, 'db' | 'currency'>, input: DayFilter): DayLogSource {
  const range = businessDayRange(ctx.db, input.date);
  const names = new Map(counters.listCounters(ctx.db, { includeInactive: true }).map((c) => [c.id, c.name]));
  const filter = {
    ...range,
    ...(input.counterId ? { counterId: input.counterId } : {}),
    ...(input.state ? { state: input.state } : {}),
    ...(input.method ? { method: input.method } : {}),
    ...(input.search ? { invoiceSearch: input.search } : {}),
  };
  // A state or method narrows to card/UPI attempts; cash sales, refunds and corrections are listed otherwise.
  const onlyAttempts = log.narrowsToAttempts(input);
  const matches = invoiceMatches(input.search);
  // A closed day's rows that reached the store after its close are the next open day's corrections.
  const listed = notLate(lateRows(ctx.db, { ...range, day: input.date, ...(input.counterId ? { counterId: input.counterId } : {}) }));
  const none = wholePages(() => []);
  const taxes = new PageTaxes((sales) => invoiceTaxSummaries(ctx.db, sales.map((sale) => sale.invoiceId)));
  return {
    date: input.date,
    names: { currency: ctx.currency, counterName: (counterId) => names.get(counterId) ?? counterId, taxOf: taxes.taxOf },
    pages: {
      // An attempt's page reads its invoice's tax summary with it.
      attempts: function* () {
        for (const page of log.attemptPages(ctx.db, filter, CSV_PAGE_ROWS)) yield page.filter(listed);
      },
      cashSales: onlyAttempts
        ? none
        : taxes.around(function* () {
            for (const page of tenders.cashSalePages(ctx.db, range.fromMs, range.toMs, input.counterId, CSV_PAGE_ROWS)) yield page.filter((sale) => matches(sale) && listed(sale));
          }),
      // Few a day: read whole.
      refunds: onlyAttempts ? none : wholePages(() => refunds.listRefundsForDay(ctx.db, range.fromMs, range.toMs, input.counterId).filter((refund) => matches(refund) && listed(refund))),
      cashRefunds: onlyAttempts ? none : wholePages(() => listCashRefundsForDay(ctx.db, range.fromMs, range.toMs, input.counterId).filter(matches)),
      corrections: onlyAttempts ? none : wholePages(() => listCorrectionsForDay(ctx.db, input.date, input.counterId).filter(matches)),
    },
    namesACashier: () => log.dayNamesACashier(ctx.db, range.fromMs, range.toMs, input.counterId),
  };
}

/** The search box's rule for records other than attempts: part of the invoice number, any case. */
function invoiceMatches(search: string | undefined): (record: { invoiceNumber: string }) => boolean {
  const wanted = search?.trim().toLowerCase() ?? '';
  return (record) => wanted === '' || record.invoiceNumber.toLowerCase().includes(wanted);
}

function dayLog(ctx: DataContext, input: DayFilter, limit: number): DayLog {
  const range = businessDayRange(ctx.db, input.date);
  const filter = {
    ...range,
    day: input.date,
    ...(input.counterId ? { counterId: input.counterId } : {}),
    ...(input.state ? { state: input.state } : {}),
    ...(input.method ? { method: input.method } : {}),
  };
  // A closed day's rows that reached the store after its close are listed (and counted) as the next open day's corrections.
  const notLateHere = notLate(lateRows(ctx.db, { ...range, day: input.date, ...(input.counterId ? { counterId: input.counterId } : {}) }));
  // One more than the limit tells whether anything was left out, so nothing is dropped silently.
  const listed = log.listAttemptsForDay(ctx.db, { ...filter, ...(input.search ? { invoiceSearch: input.search } : {}), limit: limit + 1 }).filter(notLateHere);
  // A state or method narrows to card/UPI attempts; cash sales, refunds and corrections are listed otherwise.
  const onlyAttempts = log.narrowsToAttempts(input);
  const invoiceMatch = invoiceMatches(input.search);
  const matches = <T extends { id: string; invoiceNumber: string }>(record: T) => invoiceMatch(record) && notLateHere(record);
  return {
    date: input.date,
    currency: ctx.currency,
    attempts: listed.slice(0, limit),
    truncated: listed.length > limit,
    totals: log.dayTotals(ctx.db, filter),
    refunds: onlyAttempts ? [] : refunds.listRefundsForDay(ctx.db, range.fromMs, range.toMs, input.counterId).filter(matches),
    cashSales: onlyAttempts ? [] : tenders.listCashSalesForDay(ctx.db, range.fromMs, range.toMs, input.counterId).filter(matches),
    cashRefunds: onlyAttempts ? [] : listCashRefundsForDay(ctx.db, range.fromMs, range.toMs, input.counterId).filter(matches),
    corrections: onlyAttempts ? [] : listCorrectionsForDay(ctx.db, input.date, input.counterId).filter(matches),
    close: getDayClose(ctx.db, input.date),
  };
}
