// Is a payment still running (or awaiting a person's check) on a terminal, invoice or counter?
// Asked inside write transactions before changes that would break the one-live-payment rules.
import { LIVE_STATES } from '../../contract/vocabulary';
import type { Db } from './database';
import { prepared, sqlLiterals } from './statements';

/** Same text as the WHERE of the partial unique indexes, so lookups by terminal or invoice use them. */
export const LIVE_STATE_CONDITION = `state IN (${sqlLiterals(LIVE_STATES)})`;

/**
 * An attempt takes its terminal and its invoice while it is live, or while it holds them (its create's
 * answer was lost and a session from it may still be on the terminal). The WHERE of the unique
 * indexes of migration 005, word for word, so that lookups by terminal or invoice use them.
 */
export const TAKEN_CONDITION = `${LIVE_STATE_CONDITION} OR (hold_until IS NOT NULL AND hold_ended_at IS NULL)`;

function exists(db: Db, condition: string, value: string, exceptAttemptId: string | null): boolean {
  const sql = `SELECT EXISTS (SELECT 1 FROM charge_attempts WHERE ${condition} AND id IS NOT ?) AS found`;
  return prepared<[string, string | null], { found: 0 | 1 }>(db, sql).get(value, exceptAttemptId)?.found === 1;
}

/** What takes a terminal or an invoice: a live attempt, or one whose hold runs until `holdUntil` (unix ms). */
export type TakenBy = { kind: 'live' } | { kind: 'held'; holdUntil: number };

/** Whether another attempt takes the terminal or the invoice (`column`), and how. */
export function takenBy(db: Db, column: 'terminal_id' | 'invoice_id', value: string, exceptAttemptId: string | null): TakenBy | null {
  const sql = `SELECT state, hold_until FROM charge_attempts WHERE ${column} = ? AND (${TAKEN_CONDITION}) AND id IS NOT ?`;
  const row = prepared<[string, string | null], { state: string; hold_until: number | null }>(db, sql).get(value, exceptAttemptId);
  if (!row) return null;
  return row.hold_until !== null && !(LIVE_STATES as readonly string[]).includes(row.state)
    ? { kind: 'held', holdUntil: row.hold_until }
    : { kind: 'live' };
}

export function invoiceHasLiveAttempt(db: Db, invoiceId: string, exceptAttemptId: string | null = null): boolean {
  return exists(db, `invoice_id = ? AND ${LIVE_STATE_CONDITION}`, invoiceId, exceptAttemptId);
}

export function counterHasLiveAttempt(db: Db, counterId: string): boolean {
  return exists(db, `counter_id = ? AND ${LIVE_STATE_CONDITION}`, counterId, null);
}

/** Counts the payments live now on any terminal (from an index); one column, `live`. */
export const COUNT_LIVE_ATTEMPTS_SQL = `SELECT count(*) AS live FROM charge_attempts WHERE ${LIVE_STATE_CONDITION}`;

/** Payments live now on any terminal: the backup and the updater wait for none. */
export function countLiveAttempts(db: Db): number {
  return prepared<[], { live: number }>(db, COUNT_LIVE_ATTEMPTS_SQL).get()?.live ?? 0;
}
