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
