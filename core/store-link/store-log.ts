// The manager's view is the store's: on a PC of a store whose link is up, the day's log, totals,
// chart and CSV are read from the store's ledger (every PC's attempts, cash sales, refunds,
// corrections and closes: core/store-link/store-day.ts), with PC and counter filters. With
// the link down they are this PC's own, and say so.
import type pg from 'pg';
import { REVIEW_STATES } from '../../contract/vocabulary';
import type { ParsedInput } from '../../contract/handlers';
import type { ChargeAttempt, Counter } from '../../contract/records';
import { DAY_LOG_PAGE, type DayLog } from '../../contract/answers';
import { toChargeAttempt, type AttemptRow } from '../../db/local/attempt-queries';
import { listCounters } from '../../db/local/counters';
import type { Ledger } from '../../db/local/ledger-totals';
import { assembleTotals, HOUR_MS, narrowsToAttempts, NO_LEDGER, type GroupRow, type HourRow } from '../../db/local/ledger';
import { TALLY_SLOT_MS } from '../../db/local/migrations/003_attempt_tallies';
import { localDayRange } from '../after-sale/days';
import { dayLogCsv } from '../handlers/ledger-csv';
import type { Handlers } from '../handlers/types';
import type { StoreHandlerDeps } from './handlers';
import { StoreWhere, storeCashSalesForDay, storeCorrectionsForDay, storeDayClose, storeLedgerTotals, storeRefundsForDay } from './store-day';

type DayFilter = ParsedInput<'log-export-csv'>;

/**
 * The filter over the store's attempts (`a`, by creation time, with the invoice `i` for the number
 * search) or over its tallies (`t`, by 15-minute slot; the search does not narrow totals, as on a
 * PC of its own).
 */
function whereSql(storeId: string, input: DayFilter, table: 'a' | 't' = 'a'): StoreWhere {
  const { fromMs, toMs } = localDayRange(input.date);
  const slot = (ms: number) => ms - (ms % TALLY_SLOT_MS); // as the tally trigger rounds
  const where = new StoreWhere(storeId, table, input);
  if (table === 'a') where.between('created_at', fromMs, toMs).search('i.number', input.search);
  else where.between('slot_start', slot(fromMs), slot(toMs));
  if (input.state) where.add((n) => `${table}.state = $${n}`, input.state);
  if (input.method) where.add((n) => `${table}.method = $${n}`, input.method);
  return where;
}

const FROM = 'charge_attempts AS a LEFT JOIN invoices AS i ON i.store_id = a.store_id AND i.id = a.invoice_id';

/** The day's attempts across the store, newest first, `limit` of them (one more tells whether there are more). */
export async function storeAttemptsForDay(client: pg.ClientBase | pg.Pool, storeId: string, input: DayFilter, limit: number): Promise<ChargeAttempt[]> {
  const { sql: where, params } = whereSql(storeId, input);
  const limitAt = `$${params.length + 1}`;
  // The page of attempts first (by the index, newest first), then their invoices one by one; a
  // search by invoice number needs the invoices in the filter itself.
  const sql = input.search?.trim()
    ? `SELECT a.*, coalesce(i.number, '') AS invoice_number FROM ${FROM} WHERE ${where} ORDER BY a.created_at DESC, a.id DESC LIMIT ${limitAt}`
    : `SELECT a.*, coalesce(i.number, '') AS invoice_number
       FROM (SELECT * FROM charge_attempts AS a WHERE ${where} ORDER BY a.created_at DESC, a.id DESC LIMIT ${limitAt}) AS a
       LEFT JOIN LATERAL (SELECT number FROM invoices AS i WHERE i.store_id = a.store_id AND i.id = a.invoice_id) AS i ON true
       ORDER BY a.created_at DESC, a.id DESC`;
  const rows = await client.query<AttemptRow & { station_id: string }>(sql, [...params, limit]);
  return rows.rows.map((row) => ({ ...toChargeAttempt(row), stationId: row.station_id }));
}

/**
 * The day's totals across the store, from its running tallies (~100 rows a day, however busy), with
 * `ledger` (cash, refunds and corrections: storeLedgerTotals) and `counters` to list them by (none: card and UPI alone).
 */
export async function storeDayTotals(
  client: pg.ClientBase | pg.Pool,
  storeId: string,
  input: DayFilter,
  { ledger, counters }: { ledger: Ledger; counters: readonly Counter[] } = { ledger: NO_LEDGER, counters: [] },
): Promise<DayLog['totals']> {
  const tallies = whereSql(storeId, input, 't');
  const groups = await client.query<GroupRow>(
    `SELECT t.counter_id, t.state, t.method, sum(t.attempt_count)::bigint AS count, sum(t.amount_minor)::bigint AS amount FROM attempt_tallies AS t WHERE ${tallies.sql} GROUP BY t.counter_id, t.state, t.method`,
    tallies.params,
  );
  const slots = await client.query<{ slot_start: number; amount: number }>(
    `SELECT t.slot_start, sum(t.amount_minor)::bigint AS amount FROM attempt_tallies AS t WHERE ${tallies.sql} AND t.state = 'succeeded' GROUP BY t.slot_start`,
    tallies.params,
  );
  const { fromMs } = localDayRange(input.date);
  const byHour = new Map<number, number>();
  for (const { slot_start, amount } of slots.rows) {
    const hour = Math.floor((slot_start - fromMs) / HOUR_MS);
    byHour.set(hour, (byHour.get(hour) ?? 0) + amount);
  }
  const hours: HourRow[] = [...byHour].map(([hour, amount]) => ({ hour, amount }));
  // Few rows (the day's payments that wait for a person), by their partial index.
  const { search: _search, ...unsearched } = input;
  const attempts = whereSql(storeId, unsearched);
  const review = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM charge_attempts AS a WHERE ${attempts.sql} AND a.state IN (${REVIEW_STATES.map((s) => `'${s}'`).join(', ')}) AND a.reviewed_at IS NULL`,
    attempts.params,
  );
  return assembleTotals(localDayRange(input.date), { groups: groups.rows, hours, awaitingReview: review.rows[0]?.count ?? 0, ledger, counters });
}

/** log-day and log-export-csv on a PC of a store. */
export function storeLogHandlers(deps: StoreHandlerDeps): Handlers<'log-day' | 'log-export-csv'> {
  const { link } = deps;
  /** The store's link when up; null when this PC is cut off (its own log then stands in). */
  const up = () => {
    const { joined, connection } = link;
    return joined && connection && link.isUp ? { joined, pool: connection } : null;
  };
  /** This PC's own log, saying it is only this PC's. */
  const ownDay = (day: DayLog): DayLog => {
    const joined = link.joined;
    const stations = joined ? [{ id: joined.stationId, name: joined.stationName }] : [];
    return { ...day, attempts: day.attempts.map((a) => (joined ? { ...a, stationId: joined.stationId } : a)), store: { storeName: joined?.storeName ?? '', wholeStore: false, stations } };
  };
  // Every PC's attempts, cash sales, refunds, corrections and closes: a state or method narrows to
  // card/UPI attempts, leaving the rest out (as on a PC of its own).
  const storeDay = async (store: NonNullable<ReturnType<typeof up>>, input: DayFilter, limit: number): Promise<DayLog> => {
    const { joined, pool } = store;
    const { storeId } = joined;
    const onlyAttempts = narrowsToAttempts(input);
    const { search: _search, ...unsearched } = input;
    const [listed, stations, ledger, refunds, cashSales, corrections, close] = await Promise.all([
      storeAttemptsForDay(pool, storeId, input, limit + 1),
      pool.query<{ id: string; name: string }>('SELECT id, name FROM stations WHERE store_id = $1 ORDER BY joined_at, id', [storeId]),
      onlyAttempts ? NO_LEDGER : storeLedgerTotals(pool, storeId, unsearched),
      onlyAttempts ? [] : storeRefundsForDay(pool, storeId, input),
      onlyAttempts ? [] : storeCashSalesForDay(pool, storeId, input),
      onlyAttempts ? [] : storeCorrectionsForDay(pool, storeId, input),
      storeDayClose(pool, storeId, input),
    ]);
    return {
      date: input.date,
      currency: deps.mode().currency,
      attempts: listed.slice(0, limit),
      truncated: listed.length > limit,
      totals: await storeDayTotals(pool, storeId, input, { ledger, counters: listCounters(deps.mode().db, { includeInactive: true }) }),
      refunds,
      cashSales,
      corrections,
      close,
      store: { storeName: joined.storeName, wholeStore: true, stations: stations.rows },
    };
  };
  const withoutPc = <T extends { stationId?: string | undefined }>({ stationId: _pc, ...rest }: T) => rest;
  return {
    'log-day': async ({ rows, ...filter }) => {
      const store = up();
      if (!store) return ownDay(await deps.local('log-day', { ...withoutPc(filter), ...(rows === undefined ? {} : { rows }) }));
      return storeDay(store, filter, rows ?? DAY_LOG_PAGE);
    },
    'log-export-csv': async (input) => {
      const store = up();
      if (!store) return deps.local('log-export-csv', withoutPc(input));
      const day = await storeDay(store, input, Number.MAX_SAFE_INTEGER - 1);
      const counters = new Map(listCounters(deps.mode().db, { includeInactive: true }).map((c) => [c.id, c.name]));
      const pcs = new Map((day.store?.stations ?? []).map((s) => [s.id, s.name]));
      return dayLogCsv(day, (id) => counters.get(id) ?? id, (id) => pcs.get(id) ?? id);
    },
  };
}
