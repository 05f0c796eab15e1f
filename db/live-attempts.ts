// Is a payment still running (or awaiting a person's check) on a terminal, invoice or counter?
// Asked inside write transactions before changes that would break the one-live-payment rules.
import { LIVE_STATES } from '../contract/domain';
import type { Db } from './database';
import { prepared, sqlLiterals } from './statements';

/** Same text as the WHERE of the partial unique indexes, so lookups by terminal or invoice use them. */
export const LIVE_STATE_CONDITION = `state IN (${sqlLiterals(LIVE_STATES)})`;

function exists(db: Db, condition: string, value: string, exceptAttemptId: string | null): boolean {
  const sql = `SELECT EXISTS (SELECT 1 FROM charge_attempts WHERE ${condition} AND id IS NOT ?) AS found`;
  return prepared<[string, string | null], { found: 0 | 1 }>(db, sql).get(value, exceptAttemptId)?.found === 1;
}

export function terminalHasLiveAttempt(db: Db, terminalId: string, exceptAttemptId: string | null = null): boolean {
  return exists(db, `terminal_id = ? AND ${LIVE_STATE_CONDITION}`, terminalId, exceptAttemptId);
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
