// Is a payment still running (or awaiting a person's check) on a terminal, invoice or counter?
// Asked inside write transactions before changes that would break the one-live-payment rules.
import { LIVE_STATES } from '../../contract/vocabulary';
import type { Db } from './database';
import { ConflictError } from './errors';
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

/** A row of an attempt that takes a terminal or an invoice (TAKEN_CONDITION): its state and hold. */
export interface TakingRow {
  state: string;
  hold_until: number | null;
}

/** How the attempt of `row` takes its terminal and invoice. */
export function takenFrom(row: TakingRow): TakenBy {
  return row.hold_until !== null && !(LIVE_STATES as readonly string[]).includes(row.state)
    ? { kind: 'held', holdUntil: row.hold_until }
    : { kind: 'live' };
}

/** Whether another attempt takes the terminal or the invoice (`column`), and how. */
export function takenBy(db: Db, column: 'terminal_id' | 'invoice_id', value: string, exceptAttemptId: string | null): TakenBy | null {
  const sql = `SELECT state, hold_until FROM charge_attempts WHERE ${column} = ? AND (${TAKEN_CONDITION}) AND id IS NOT ?`;
  const row = prepared<[string, string | null], TakingRow>(db, sql).get(value, exceptAttemptId);
  return row ? takenFrom(row) : null;
}

/** What a new live payment would take. */
export interface PaymentTarget {
  invoiceId: string;
  invoiceNumber: string;
  terminalId: string;
}

/** Throws ConflictError (field invoiceId or terminalId) when another attempt takes the invoice or the terminal: live, or held. */
export function refuseTaken(target: PaymentTarget, taken: { invoice: TakenBy | null; terminal: TakenBy | null }, at: number): void {
  if (taken.invoice?.kind === 'live') {
    throw new ConflictError('chargeAttempt', 'invoiceId', `Invoice ${target.invoiceNumber} already has a payment in progress.`);
  }
  if (taken.invoice?.kind === 'held') {
    const message = `Invoice ${target.invoiceNumber} is on hold: the answer to its last charge was lost, and the terminal may still show that payment for ${timeLeft(taken.invoice.holdUntil - at)}. Wait, or ask a manager to check the terminal and release it.`;
    throw new ConflictError('chargeAttempt', 'invoiceId', message);
  }
  if (taken.terminal?.kind === 'live') {
    throw new ConflictError('chargeAttempt', 'terminalId', `Terminal ${target.terminalId} is busy with another payment.`);
  }
  if (taken.terminal?.kind === 'held') {
    const message = `Terminal ${target.terminalId} is on hold: the answer to an earlier charge was lost, and the terminal may still show that payment for ${timeLeft(taken.terminal.holdUntil - at)}. Wait, or ask a manager to check the terminal and release it.`;
    throw new ConflictError('chargeAttempt', 'terminalId', message);
  }
}

/** "up to 3 more minutes", "less than a minute": how long a hold may still last, in a cashier's words. */
function timeLeft(ms: number): string {
  if (ms <= 60_000) return 'less than a minute';
  return `up to ${Math.ceil(ms / 60_000)} more minutes`;
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
