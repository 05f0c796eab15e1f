// The store's attempts of a business day across its PCs: the page for the day's log and the totals
// from the running tallies (store migration 002), or from the attempts themselves for a business day
// a close ended or began off the tallies' quarter hours, with the store's PC, counter, state and
// method filters, read as a PC of its own reads its SQLite (db/local/ledger.ts).
import type pg from 'pg';
import { REVIEW_STATES } from '../../contract/vocabulary';
import type { ParsedInput } from '../../contract/handlers';
import type { ChargeAttempt, Counter } from '../../contract/records';
import type { DayLog } from '../../contract/answers';
import { toChargeAttempt, type AttemptRow } from '../local/attempt-queries';
import type { LateRow, Ledger } from '../local/ledger-totals';
import { assembleTotals, NO_LEDGER, onSlots, type GroupRow, type HourRow } from '../local/ledger';
import type { BusinessDay } from '../local/day-closes';
import { TALLY_SLOT_MS } from '../local/migrations/003_attempt_tallies';
import { localDayRange } from '../../contract/calendar';
import { hourOfClock, StoreWhere, type StorePageEnd } from './day-ledger';

/** The log's filter over the date's business day (`fromMs`–`toMs`: storeBusinessDay). */
type DayFilter = ParsedInput<'log-export-csv'> & BusinessDay;

/**
 * The filter over the store's attempts (`a`, by creation time, with the invoice `i` for the number
 * search) or over its tallies (`t`, by 15-minute slot; the search does not narrow totals, as on a
 * PC of its own).
 */
function whereSql(storeId: string, input: DayFilter, table: 'a' | 't' = 'a'): StoreWhere {
  const { fromMs, toMs } = input;
  const slot = (ms: number) => ms - (ms % TALLY_SLOT_MS); // as the tally trigger rounds
  const where = new StoreWhere(storeId, table, input);
  if (table === 'a') where.between('created_at', fromMs, toMs).search('i.number', input.search);
  else where.between('slot_start', slot(fromMs), slot(toMs));
  if (input.state) where.add((n) => `${table}.state = $${n}`, input.state);
  if (input.method) where.add((n) => `${table}.method = $${n}`, input.method);
  return where;
}

const FROM = 'charge_attempts AS a LEFT JOIN invoices AS i ON i.store_id = a.store_id AND i.station_id = a.station_id AND i.id = a.invoice_id';

/**
 * The day's attempts across the store, newest first, `limit` of them (one more tells whether there
 * are more); after `end`, the next keyset page (the CSV's).
 */
export async function storeAttemptsForDay(client: pg.ClientBase | pg.Pool, storeId: string, input: DayFilter, limit: number, end: StorePageEnd | null = null): Promise<ChargeAttempt[]> {
  const { sql: where, params } = whereSql(storeId, input).after(end);
  const limitAt = `$${params.length + 1}`;
  // The page of attempts first (by the index, newest first), then their invoices one by one; a
  // search by invoice number needs the invoices in the filter itself.
  const sql = input.search?.trim()
    ? `SELECT a.*, coalesce(i.number, '') AS invoice_number, i.cashier FROM ${FROM} WHERE ${where} ORDER BY a.created_at DESC, a.id DESC LIMIT ${limitAt}`
    : `SELECT a.*, coalesce(i.number, '') AS invoice_number, i.cashier
       FROM (SELECT * FROM charge_attempts AS a WHERE ${where} ORDER BY a.created_at DESC, a.id DESC LIMIT ${limitAt}) AS a
       LEFT JOIN LATERAL (SELECT number, cashier FROM invoices AS i WHERE i.store_id = a.store_id AND i.station_id = a.station_id AND i.id = a.invoice_id) AS i ON true
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
  { ledger, counters, late = [] }: { ledger: Ledger; counters: readonly Counter[]; late?: readonly LateRow[] } = { ledger: NO_LEDGER, counters: [] },
): Promise<DayLog['totals']> {
  // Few rows (the day's payments that wait for a person), by their partial index.
  const { search: _search, ...unsearched } = input;
  const attempts = whereSql(storeId, unsearched);
  // The tallies' slots fit a day from midnight to midnight; a business day a close ended or began is counted from its attempts.
  const source = onSlots(input)
    ? { where: whereSql(storeId, input, 't'), from: 'attempt_tallies AS t', count: 'sum(t.attempt_count)', time: 't.slot_start', amount: 't.amount_minor', alias: 't' }
    : { where: attempts, from: 'charge_attempts AS a', count: 'count(*)', time: 'a.created_at', amount: 'a.amount_minor', alias: 'a' };
  const { where, from, alias } = source;
  // Hours by the date's clock, as on a PC of its own.
  const clock = localDayRange(input.date);
  // Three independent reads: on a pool they go out at once (one round trip's wait, not three).
  const [groups, hours, review] = await Promise.all([
    client.query<GroupRow>(
      `SELECT ${alias}.counter_id, ${alias}.state, ${alias}.method, ${source.count}::bigint AS count, sum(${source.amount})::bigint AS amount FROM ${from} WHERE ${where.sql} GROUP BY ${alias}.counter_id, ${alias}.state, ${alias}.method`,
      where.params,
    ),
    client.query<HourRow>(
      `SELECT ${hourOfClock(source.time, where.params.length + 1)} AS hour, sum(${source.amount})::bigint AS amount FROM ${from} WHERE ${where.sql} AND ${alias}.state = 'succeeded' GROUP BY 1`,
      [...where.params, clock.fromMs],
    ),
    client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM charge_attempts AS a WHERE ${attempts.sql} AND a.state IN (${REVIEW_STATES.map((s) => `'${s}'`).join(', ')}) AND a.reviewed_at IS NULL`,
      attempts.params,
    ),
  ]);
  return assembleTotals(clock, { groups: groups.rows, hours: hours.rows, awaitingReview: review.rows[0]?.count ?? 0, ledger, counters, late });
}
