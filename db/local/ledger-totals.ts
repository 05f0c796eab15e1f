// The parts of a day's totals beyond card/UPI attempts: cash sales, refunds (through Zoho and in cash), and corrections for
// closed days counted on this one, per counter. Read straight from their tables over the day's
// index range (a day has far fewer of these than attempts).
import { COMMITTED_REFUND_STATES } from '../../contract/vocabulary';
import type { Db } from './database';
import { prepared, sqlLiterals } from './statements';

export interface LedgerWindow {
  fromMs: number;
  toMs: number;
  counterId?: string;
  /** The local date of the window: corrections are counted by date. */
  day?: string;
  /** Where hour 0 of cashByHour starts (fromMs unless told). */
  hourOrigin?: number;
}

export interface CounterLedger {
  cashCount: number;
  cashMinor: number;
  /** Refunded through Zoho (card/UPI) and paid back in cash. */
  refundedMinor: number;
  /** Of refundedMinor, the cash paid back out of the drawer. */
  cashRefundedMinor: number;
  refundsInProgressMinor: number;
  /** Late successes of closed days' payments counted on this day. */
  correctedCollectedMinor: number;
  correctedRefundedMinor: number;
}

export interface Ledger {
  byCounter: Map<string, CounterLedger>;
  /** Cash taken per hour since the window's hour origin. */
  cashByHour: Map<number, number>;
}

const HOUR_MS = 3_600_000;

/**
 * The hour since @hourOrigin of the time in `column`, rounded down also before the origin (an
 * evening before the date is hour -6, not -5). better-sqlite3 binds JS numbers as REAL: cast, so
 * that the division is an integer one.
 */
export function hourSinceOrigin(column: string): string {
  const since = `(${column} - CAST(@hourOrigin AS INTEGER))`;
  return `(CASE WHEN ${since} >= 0 THEN ${since} ELSE ${since} - ${HOUR_MS - 1} END) / ${HOUR_MS}`;
}

function emptyCounter(): CounterLedger {
  return { cashCount: 0, cashMinor: 0, refundedMinor: 0, cashRefundedMinor: 0, refundsInProgressMinor: 0, correctedCollectedMinor: 0, correctedRefundedMinor: 0 };
}

/** The ledger's rows for a window, as this file's SQLite and the store's PostgreSQL (db/store/day-ledger.ts) group them. */
export interface LedgerRows {
  /** Cash tenders per counter. */
  cash: readonly { counter_id: string; count: number; amount: number }[];
  /** Cash per hour since the window's start. */
  cashHours: readonly { hour: number; amount: number }[];
  /** Committed refunds per counter and state. */
  refunds: readonly { counter_id: string; state: string; amount: number }[];
  /** Cash paid back out of the drawer per counter. */
  cashRefunds: readonly { counter_id: string; amount: number }[];
  /** Successful corrections counted on the day, per counter and kind of record. */
  corrections: readonly { counter_id: string; record_kind: string; amount: number }[];
}

/**
 * A row of a closed day that its close did not count (it reached the store after the close,
 * late-arrivals.ts): its correction counts it on the next open day, so the closed day's totals leave
 * it out. A cash sale, a card/UPI payment that succeeded, or a refund that succeeded.
 */
export interface LateRow {
  kind: 'cash' | 'attempt' | 'refund';
  /** The cash sale's, payment's or refund's id. */
  id: string;
  counter_id: string;
  /** A payment's method (card, upi); null for cash and refunds. */
  method: string | null;
  amount: number;
  created_at: number;
}

/** A filter for a closed day's lists: what is not one of its late rows (they are listed as corrections on a later day). */
export function notLate(late: readonly LateRow[]): <T extends { id: string }>(record: T) => boolean {
  const ids = new Set(late.map((row) => row.id));
  return (record) => !ids.has(record.id);
}

/** The ledger per counter from its grouped rows. */
export function foldLedger(rows: LedgerRows): Ledger {
  const byCounter = new Map<string, CounterLedger>();
  const of = (counterId: string): CounterLedger => {
    let entry = byCounter.get(counterId);
    if (!entry) {
      entry = emptyCounter();
      byCounter.set(counterId, entry);
    }
    return entry;
  };
  for (const row of rows.cash) Object.assign(of(row.counter_id), { cashCount: row.count, cashMinor: row.amount });
  for (const row of rows.refunds) {
    const entry = of(row.counter_id);
    if (row.state === 'succeeded') entry.refundedMinor += row.amount;
    else entry.refundsInProgressMinor += row.amount;
  }
  for (const row of rows.cashRefunds) {
    const entry = of(row.counter_id);
    entry.refundedMinor += row.amount;
    entry.cashRefundedMinor += row.amount;
  }
  for (const row of rows.corrections) {
    const entry = of(row.counter_id);
    if (row.record_kind === 'charge') entry.correctedCollectedMinor += row.amount;
    else entry.correctedRefundedMinor += row.amount;
  }
  return { byCounter, cashByHour: new Map(rows.cashHours.map((row) => [row.hour, row.amount])) };
}

/**
 * The rows of the window made on the closed day `window.day` that are counted by a correction on a
 * later day (by the corrections' closed-day index: none on an open day). A payment or refund whose
 * own record kept its state at the close (Zoho's later word, the usual correction) is not one: only
 * a record that is itself counted in the window's tables and has a correction is.
 */
export function lateRows(db: Db, window: LedgerWindow & { day: string }): LateRow[] {
  const params = { fromMs: window.fromMs, toMs: window.toMs, counterId: window.counterId ?? null, day: window.day };
  const late = (kind: LateRow['kind'], table: string, recordKind: string, method: string, counted: string) =>
    `SELECT '${kind}' AS kind, r.id, r.counter_id, ${method} AS method, r.amount_minor AS amount, r.created_at
     FROM corrections AS x JOIN ${table} AS r ON r.id = x.record_id
     WHERE x.closed_day = @day AND x.record_kind = '${recordKind}' AND ${counted}
       AND r.created_at >= @fromMs AND r.created_at < @toMs AND (@counterId IS NULL OR r.counter_id = @counterId)`;
  return prepared<[typeof params], LateRow>(
    db,
    [
      late('cash', 'tenders', 'charge', 'NULL', '1'),
      late('attempt', 'charge_attempts', 'charge', 'r.method', "r.state = 'succeeded'"),
      late('refund', 'refunds', 'refund', 'NULL', "r.state = 'succeeded'"),
    ].join(' UNION ALL '),
  ).all(params);
}

export function ledgerTotals(db: Db, window: LedgerWindow): Ledger {
  const params = { fromMs: window.fromMs, toMs: window.toMs, counterId: window.counterId ?? null };
  const range = 'created_at >= @fromMs AND created_at < @toMs AND (@counterId IS NULL OR counter_id = @counterId)';
  return foldLedger({
    cash: prepared<[typeof params], LedgerRows['cash'][number]>(
      db,
      `SELECT counter_id, count(*) AS count, sum(amount_minor) AS amount FROM tenders WHERE ${range} GROUP BY counter_id`,
    ).all(params),
    cashHours: prepared<[typeof params & { hourOrigin: number }], LedgerRows['cashHours'][number]>(
      db,
      `SELECT ${hourSinceOrigin('created_at')} AS hour, sum(amount_minor) AS amount FROM tenders WHERE ${range} GROUP BY hour`,
    ).all({ ...params, hourOrigin: window.hourOrigin ?? window.fromMs }),
    refunds: prepared<[typeof params], LedgerRows['refunds'][number]>(
      db,
      `SELECT counter_id, state, sum(amount_minor) AS amount FROM refunds
       WHERE ${range} AND state IN (${sqlLiterals(COMMITTED_REFUND_STATES)}) GROUP BY counter_id, state`,
    ).all(params),
    cashRefunds: prepared<[typeof params], LedgerRows['cashRefunds'][number]>(
      db,
      `SELECT counter_id, sum(amount_minor) AS amount FROM cash_refunds WHERE ${range} GROUP BY counter_id`,
    ).all(params),
    corrections:
      window.day === undefined
        ? []
        : prepared<[{ day: string; counterId: string | null }], LedgerRows['corrections'][number]>(
            db,
            `SELECT counter_id, record_kind, sum(amount_minor) AS amount FROM corrections
             WHERE day = @day AND to_state = 'succeeded' AND (@counterId IS NULL OR counter_id = @counterId) GROUP BY counter_id, record_kind`,
          ).all({ day: window.day, counterId: params.counterId }),
  });
}
