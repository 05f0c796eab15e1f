// The day's payment log: attempts and totals for a time window, for the manager's review.
import type { AttemptState, PaymentMethod } from '../contract/domain';
import { ATTEMPT_STATES, PAYMENT_METHODS, REVIEW_STATES } from '../contract/domain';
import type { ChargeAttempt } from '../contract/model';
import type { DayTotals } from '../contract/views';
import type { AttemptRow } from './attempt-queries';
import { SELECT_ATTEMPTS, toChargeAttempt } from './attempt-queries';
import type { Db } from './database';
import { TALLY_SLOT_MS } from './migrations/003_attempt_tallies';
import { prepared, sqlLiterals } from './statements';

/**
 * Attempts created in [fromMs, toMs), optionally narrowed. Amounts are summed without regard to
 * currency: a database holds one edition's currency.
 */
export interface DayLogFilter {
  fromMs: number;
  toMs: number;
  counterId?: string;
  state?: AttemptState;
  method?: PaymentMethod;
}

export interface DayLogQuery extends DayLogFilter {
  /** Part of the invoice number, case-insensitive. */
  invoiceSearch?: string;
  /** At most this many attempts, newest first (default 500). */
  limit?: number;
}

const DEFAULT_LIMIT = 500;
export const HOUR_MS = 3_600_000;

interface FilterSql {
  where: string;
  params: Record<string, string | number>;
}

/** The filters apply to the attempts themselves (`a`, by creation time) or to their tallies (`t`, by slot). */
type FilterTable = 'a' | 't';
const TIME_COLUMN: Record<FilterTable, string> = { a: 'created_at', t: 'slot_start' };

function filterSql(filter: DayLogFilter, table: FilterTable, invoiceSearch?: string): FilterSql {
  const time = `${table}.${TIME_COLUMN[table]}`;
  const conditions = [`${time} >= @fromMs`, `${time} < @toMs`];
  const params: Record<string, string | number> = { fromMs: filter.fromMs, toMs: filter.toMs };
  if (filter.counterId !== undefined) {
    conditions.push(`${table}.counter_id = @counterId`);
    params.counterId = filter.counterId;
  }
  if (filter.state !== undefined) {
    conditions.push(`${table}.state = @state`);
    params.state = filter.state;
  }
  if (filter.method !== undefined) {
    conditions.push(`${table}.method = @method`);
    params.method = filter.method;
  }
  const search = invoiceSearch?.trim();
  if (search) {
    conditions.push("i.number LIKE @invoicePattern ESCAPE '\\'");
    params.invoicePattern = `%${search.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
  }
  return { where: conditions.join(' AND '), params };
}

export function listAttemptsForDay(db: Db, query: DayLogQuery): ChargeAttempt[] {
  const { where, params } = filterSql(query, 'a', query.invoiceSearch);
  return prepared<[Record<string, string | number>], AttemptRow>(
    db,
    `${SELECT_ATTEMPTS} WHERE ${where} ORDER BY a.created_at DESC, a.rowid DESC LIMIT @limit`,
  )
    .all({ ...params, limit: query.limit ?? DEFAULT_LIMIT })
    .map(toChargeAttempt);
}

/** The window's attempts counted by state and method. */
export interface GroupRow {
  state: AttemptState;
  method: PaymentMethod;
  count: number;
  amount: number;
}

/** Collections in the hour `hour` of the window (0 = the hour starting at fromMs). */
export interface HourRow {
  hour: number;
  amount: number;
}

/**
 * Totals for the window: collected (succeeded) amount, counts and amounts by state, collections by
 * method, and collections per hour since fromMs (index 0 is the hour starting at fromMs). Read from
 * the running tallies (migration 003), whose 15-minute slots every local day of today's time zones
 * starts and ends on. A day of long ago, in a zone whose offset was then not whole quarter hours
 * (Indian local mean time before 1906), is read as the slots its bounds fall in.
 */
export function dayTotals(db: Db, filter: DayLogFilter): DayTotals {
  const slot = (ms: number) => ms - (ms % TALLY_SLOT_MS); // as the tally triggers round
  const { where, params } = filterSql({ ...filter, fromMs: slot(filter.fromMs), toMs: slot(filter.toMs) }, 't');
  const groups = prepared<[Record<string, string | number>], GroupRow>(
    db,
    `SELECT t.state, t.method, sum(t.attempt_count) AS count, sum(t.amount_minor) AS amount
     FROM attempt_tallies AS t WHERE ${where} GROUP BY t.state, t.method`,
  ).all(params);
  const hours = prepared<[Record<string, string | number>], HourRow>(
    db,
    // better-sqlite3 binds JS numbers as REAL: cast, so that the division is an integer one.
    `SELECT (t.slot_start - CAST(@fromMs AS INTEGER)) / ${HOUR_MS} AS hour, sum(t.amount_minor) AS amount
     FROM attempt_tallies AS t WHERE ${where} AND t.state = 'succeeded' GROUP BY hour`,
  ).all(params);

  // Few rows (the day's unknown and unresolved attempts), read through the (state, created_at) index.
  const attempts = filterSql(filter, 'a');
  const awaitingReview = prepared<[Record<string, string | number>], { count: number }>(
    db,
    `SELECT count(*) AS count FROM charge_attempts AS a
     WHERE ${attempts.where} AND a.state IN (${sqlLiterals(REVIEW_STATES)}) AND a.reviewed_at IS NULL`,
  ).get(attempts.params);

  return assembleTotals(filter, groups, hours, awaitingReview?.count ?? 0);
}

/** The day's totals from its counts by state and method and its collections by hour (this file's, and the store's: core/store/store-log.ts). */
export function assembleTotals(window: Pick<DayLogFilter, 'fromMs' | 'toMs'>, groups: readonly GroupRow[], hours: readonly HourRow[], awaitingReview: number): DayTotals {
  const succeeded = groups.filter((group) => group.state === 'succeeded');
  const collectedByHour = new Array<number>(Math.max(0, Math.ceil((window.toMs - window.fromMs) / HOUR_MS))).fill(0);
  for (const { hour, amount } of hours) if (hour >= 0 && hour < collectedByHour.length) collectedByHour[hour] = amount;
  return {
    collectedMinor: total(succeeded, 'amount'),
    attemptCount: total(groups, 'count'),
    awaitingReview,
    byState: ATTEMPT_STATES.map((state) => ({ state, ...countAndAmount(groups.filter((g) => g.state === state)) })),
    byMethod: PAYMENT_METHODS.map((method) => ({ method, ...countAndAmount(succeeded.filter((g) => g.method === method)) })),
    collectedByHour,
  };
}

function total(groups: readonly GroupRow[], field: 'count' | 'amount'): number {
  return groups.reduce((sum, group) => sum + group[field], 0);
}

function countAndAmount(groups: readonly GroupRow[]): { count: number; amountMinor: number } {
  return { count: total(groups, 'count'), amountMinor: total(groups, 'amount') };
}
