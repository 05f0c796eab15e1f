import type { ParsedInput } from '../../contract/handlers';
import { DAY_LOG_PAGE, type DayLog } from '../../contract/answers';
import { listCashRefundsForDay } from '../../db/local/cash-refunds';
import * as counters from '../../db/local/counters';
import { businessDayRange, getDayClose, listCorrectionsForDay } from '../../db/local/day-closes';
import { getBill } from '../../db/local/invoices';
import * as log from '../../db/local/ledger';
import * as refunds from '../../db/local/refunds';
import * as tenders from '../../db/local/tenders';
import { dayLogCsv } from './ledger-csv';
import type { DataContext, Handlers } from './types';

type DayFilter = ParsedInput<'log-export-csv'>;

export function logHandlers(ctx: DataContext): Handlers<'log-day' | 'log-export-csv'> {
  return {
    'log-day': ({ rows, ...filter }) => {
      const limit = rows ?? DAY_LOG_PAGE;
      return ctx.ports().ledger.day(filter, limit, () => dayLog(ctx, filter, limit));
    },
    'log-export-csv': (input) =>
      ctx.ports().ledger.csv(input, () => {
        const day = dayLog(ctx, input, Number.MAX_SAFE_INTEGER - 1);
        const names = new Map(counters.listCounters(ctx.db, { includeInactive: true }).map((c) => [c.id, c.name]));
        return dayLogCsv(day, (counterId) => names.get(counterId) ?? counterId, (invoiceId) => getBill(ctx.db, invoiceId)?.totals ?? null);
      }),
  };
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
  // One more than the limit tells whether anything was left out, so nothing is dropped silently.
  const listed = log.listAttemptsForDay(ctx.db, { ...filter, ...(input.search ? { invoiceSearch: input.search } : {}), limit: limit + 1 });
  // A state or method narrows to card/UPI attempts; cash sales, refunds and corrections are listed otherwise.
  const onlyAttempts = log.narrowsToAttempts(input);
  const search = input.search?.trim().toLowerCase() ?? '';
  const matches = (record: { invoiceNumber: string }) => search === '' || record.invoiceNumber.toLowerCase().includes(search);
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
