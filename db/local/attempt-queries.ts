// Reading charge attempts: the row mapping shared by every attempt query, and the lookups the core needs.
import { REVIEW_STATES, type AttemptState, type Currency, type PaymentMethod } from '../../contract/vocabulary';
import type { ChargeAttempt } from '../../contract/records';
import type { Db } from './database';
import { NotFoundError } from './errors';
import { readDeclinedTries } from './json-columns';
import { LIVE_STATE_CONDITION } from './live-attempts';
import { prepared, sqlLiterals } from './statements';

export interface AttemptRow {
  id: string;
  invoice_id: string;
  invoice_number: string;
  /** The invoice's cashier (this PC's rows, and the store's). */
  cashier?: string | null;
  counter_id: string;
  terminal_id: string;
  amount_minor: number;
  currency: Currency;
  method: PaymentMethod;
  payments_session_id: string | null;
  state: AttemptState;
  failure_code: string | null;
  failure_message: string | null;
  payment_id: string | null;
  paid_method: string | null;
  declined_tries: string;
  mismatch: string | null;
  created_at: number;
  updated_at: number;
  final_at: number | null;
  last_polled_at: number | null;
  poll_count: number;
  session_created_at: number | null;
  reviewed_at: number | null;
  review_note: string | null;
  hold_until: number | null;
  hold_ended_at: number | null;
}

/** An attempt's columns with its invoice's number and cashier, and where they come from. */
const ATTEMPT_COLUMNS = 'a.*, i.number AS invoice_number, i.cashier AS cashier';
export const ATTEMPTS_FROM = 'FROM charge_attempts AS a JOIN invoices AS i ON i.id = a.invoice_id';

/** Attempts as `a`, with their invoice's number; add WHERE / ORDER BY. */
export const SELECT_ATTEMPTS = `SELECT ${ATTEMPT_COLUMNS} ${ATTEMPTS_FROM}`;

export function toChargeAttempt(row: AttemptRow): ChargeAttempt {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    counterId: row.counter_id,
    terminalId: row.terminal_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    method: row.method,
    paymentsSessionId: row.payments_session_id,
    state: row.state,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    paymentId: row.payment_id,
    paidMethod: row.paid_method,
    declinedTries: readDeclinedTries(row.declined_tries),
    mismatch: row.mismatch,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finalAt: row.final_at,
    lastPolledAt: row.last_polled_at,
    pollCount: row.poll_count,
    sessionCreatedAt: row.session_created_at,
    review: row.reviewed_at === null ? null : { at: row.reviewed_at, note: row.review_note ?? '' },
    hold: row.hold_until === null ? null : { until: row.hold_until, endedAt: row.hold_ended_at },
    ...(row.cashier ? { cashier: row.cashier } : {}),
  };
}

function one(db: Db, where: string, value: string): ChargeAttempt | null {
  const row = prepared<[string], AttemptRow>(db, `${SELECT_ATTEMPTS} WHERE ${where}`).get(value);
  return row ? toChargeAttempt(row) : null;
}

export function getAttempt(db: Db, id: string): ChargeAttempt | null {
  return one(db, 'a.id = ?', id);
}

export function requireAttempt(db: Db, id: string): ChargeAttempt {
  const attempt = getAttempt(db, id);
  if (!attempt) throw new NotFoundError('chargeAttempt', id);
  return attempt;
}

export function getAttemptBySessionId(db: Db, paymentsSessionId: string): ChargeAttempt | null {
  return one(db, 'a.payments_session_id = ?', paymentsSessionId);
}

/** The counter's newest attempt in any state, e.g. to show the last payment after a restart. */
export function latestAttemptForCounter(db: Db, counterId: string): ChargeAttempt | null {
  return one(db, 'a.counter_id = ? ORDER BY a.created_at DESC, a.rowid DESC LIMIT 1', counterId);
}

/** Attempts that may still be running on a terminal (creating, in_progress): resumed at start-up. */
export function listLiveAttempts(db: Db): ChargeAttempt[] {
  // Unqualified `state` is the attempt's: invoices have a `status`.
  return prepared<[], AttemptRow>(db, `${SELECT_ATTEMPTS} WHERE ${LIVE_STATE_CONDITION} ORDER BY a.created_at, a.rowid`)
    .all()
    .map(toChargeAttempt);
}

/** Every attempt on the invoice, in the order they were made (rowid: attempts are never deleted), whatever the clock did meanwhile. */
export function listAttemptsForInvoice(db: Db, invoiceId: string): ChargeAttempt[] {
  return prepared<[string], AttemptRow>(db, `${SELECT_ATTEMPTS} WHERE a.invoice_id = ? ORDER BY a.rowid`)
    .all(invoiceId)
    .map(toChargeAttempt);
}

/** Unknown or unresolved attempts no manager has checked yet, of every day, newest first (at most `limit`). */
export function listAttemptsAwaitingReview(db: Db, limit: number): ChargeAttempt[] {
  return prepared<[number], AttemptRow>(
    db,
    `${SELECT_ATTEMPTS} WHERE a.state IN (${sqlLiterals(REVIEW_STATES)}) AND a.reviewed_at IS NULL ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?`,
  )
    .all(limit)
    .map(toChargeAttempt);
}
