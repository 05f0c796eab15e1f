import type { ParsedInput } from '../../contract/handlers';
import { formatMinor } from '../../contract/money';
import { DAY_LOG_PAGE, type CsvExport, type DayLog } from '../../contract/views';
import * as counters from '../../db/counters';
import * as log from '../../db/log';
import { toCsv } from './csv';
import type { DataContext, Handlers } from './types';

type DayFilter = ParsedInput<'log-export-csv'>;

export function logHandlers(ctx: DataContext): Handlers<'log-day' | 'log-export-csv'> {
  return {
    'log-day': ({ rows, ...filter }) => dayLog(ctx, filter, rows ?? DAY_LOG_PAGE),
    'log-export-csv': (input) => {
      const day = dayLog(ctx, input, Number.MAX_SAFE_INTEGER - 1);
      const names = new Map(counters.listCounters(ctx.db, { includeInactive: true }).map((c) => [c.id, c.name]));
      return dayCsv(day, names);
    },
  };
}

const CSV_HEADER = ['time', 'invoice', 'counter', 'terminal', 'amount', 'currency', 'method', 'state', 'failure_code', 'failure_reason', 'payment_id', 'payments_session_id', 'note', 'checked_at', 'checked_note'];

/** The day's log as CSV; a store's log (`pcNames`: each PC's name by id) adds the PC that took each payment. */
export function dayCsv(day: DayLog, counterNames: ReadonlyMap<string, string>, pcNames?: ReadonlyMap<string, string>): CsvExport {
  const rows = day.attempts.map((a) => [
    new Date(a.createdAt).toISOString(),
    a.invoiceNumber,
    counterNames.get(a.counterId) ?? a.counterId,
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
    a.review ? new Date(a.review.at).toISOString() : null,
    a.review?.note ?? null,
    ...(pcNames ? [pcNames.get(a.stationId ?? '') ?? a.stationId ?? null] : []),
  ]);
  const header = pcNames ? [...CSV_HEADER, 'pc'] : CSV_HEADER;
  return { fileName: `payments-${day.date}.csv`, csv: toCsv(header, rows), rowCount: rows.length };
}

/** The local calendar day as [start, end) in unix ms, so "today" means the shop's today. */
export function localDayRange(date: string): { fromMs: number; toMs: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnight = (dayOfMonth: number) => new Date(0, 0, 1).setFullYear(year, month - 1, dayOfMonth); // years 0–99 too
  return { fromMs: midnight(day), toMs: midnight(day + 1) };
}

function dayLog(ctx: DataContext, input: DayFilter, limit: number): DayLog {
  const range = localDayRange(input.date);
  const filter = {
    ...range,
    ...(input.counterId ? { counterId: input.counterId } : {}),
    ...(input.state ? { state: input.state } : {}),
    ...(input.method ? { method: input.method } : {}),
  };
  // One more than the limit tells whether anything was left out, so nothing is dropped silently.
  const listed = log.listAttemptsForDay(ctx.db, { ...filter, ...(input.search ? { invoiceSearch: input.search } : {}), limit: limit + 1 });
  return {
    date: input.date,
    currency: ctx.currency,
    attempts: listed.slice(0, limit),
    truncated: listed.length > limit,
    totals: log.dayTotals(ctx.db, filter),
  };
}
