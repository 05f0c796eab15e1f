// Writing charge attempts. Every state change is a compare-and-set on the current state and
// appends its audit event in the same transaction.
import type { AttemptState } from '../../contract/vocabulary';
import { FINAL_STATES, isLiveState } from '../../contract/vocabulary';
import type { ChargeAttempt, DeclinedTry } from '../../contract/records';
import { requireAttempt } from './attempt-queries';
import { recordSessionCreated, type SessionCreated } from './charge-write-ahead';
import type { Db } from './database';
import { NotFoundError } from './errors';
import { appendAttemptEvent } from './events';
import { recordInvoicePaid, recordInvoicePaymentFailed } from './invoices';
import { refuseTaken, takenBy, type PaymentTarget } from './live-attempts';
import { assignments, inWriteTransaction, prepared } from './statements';

export { insertCreatingAttempt, type CreatedAttempt, type NewChargeAttempt } from './charge-write-ahead';
export {
  getAttempt,
  getAttemptBySessionId,
  latestAttemptForCounter,
  listAttemptsAwaitingReview,
  listAttemptsForInvoice,
  listLiveAttempts,
  requireAttempt,
} from './attempt-queries';

/** Who caused a change and why: recorded in the attempt's audit trail. */
export interface ChangeCause {
  at: number;
  actor: string;
  reason: string;
}

/** Fields a non-final transition may set alongside the state. */
export type TransitionFields = Partial<
  Pick<ChargeAttempt, 'paymentsSessionId' | 'sessionCreatedAt' | 'failureCode' | 'failureMessage'> & {
    /** To 'unknown' only: the attempt holds its terminal and invoice (see db/local/holds.ts); unix ms, shown as the hold's end. */
    holdUntil: number;
  }
>;

const TRANSITION_COLUMNS: Record<keyof TransitionFields, string> = {
  paymentsSessionId: 'payments_session_id',
  sessionCreatedAt: 'session_created_at',
  failureCode: 'failure_code',
  failureMessage: 'failure_message',
  holdUntil: 'hold_until',
};

export interface AttemptTransition extends ChangeCause, TransitionFields {
  attemptId: string;
  /** The states the caller believes the attempt is in; nothing happens if it is in none of them. */
  from: readonly AttemptState[];
  /** succeeded and failed also settle the invoice: see finalizeAttempt. */
  to: Exclude<AttemptState, 'succeeded' | 'failed'>;
}

/**
 * Compare-and-set: moves the attempt to `to` only if its state is one of `from`, and appends the
 * event. Returns the updated attempt, or null when the state had already moved on (a stale
 * caller). Throws ConflictError when `to` is live but the terminal or invoice has another live payment.
 */
export function transitionAttempt(db: Db, transition: AttemptTransition): ChargeAttempt | null {
  return inWriteTransaction(db, () => {
    const current = requireAttempt(db, transition.attemptId);
    if (!transition.from.includes(current.state)) return null;
    if (isLiveState(transition.to) && !isLiveState(current.state)) assertNoOtherLivePayment(db, current, current.id, transition.at);

    const fields = assignments<keyof TransitionFields>(TRANSITION_COLUMNS, transition);
    const finalAt = (FINAL_STATES as readonly AttemptState[]).includes(transition.to) ? transition.at : null;
    const extraColumns = fields.sql === '' ? '' : `, ${fields.sql}`;
    prepared<[Record<string, unknown>]>(
      db,
      `UPDATE charge_attempts SET state = @to, updated_at = @at, final_at = @finalAt${extraColumns} WHERE id = @attemptId`,
    ).run({ ...fields.params, to: transition.to, at: transition.at, finalAt, attemptId: current.id });
    appendTransitionEvent(db, current, transition.to, transition);
    return requireAttempt(db, current.id);
  });
}

/** creating → in_progress once Zoho has created the session (see charge-write-ahead.ts). Null if the attempt was no longer creating. */
export function markSessionCreated(db: Db, session: SessionCreated & { attemptId: string }): ChargeAttempt | null {
  return inWriteTransaction(db, () => recordSessionCreated(db, requireAttempt(db, session.attemptId), session));
}

interface OutcomeBase extends ChangeCause {
  attemptId: string;
  from: readonly AttemptState[];
}

export type AttemptOutcome =
  // Zoho's success names its payment; a missing id still settles the invoice (the money was taken).
  | (OutcomeBase & { to: 'succeeded'; paymentId: string | null; paidMethod: string | null })
  | (OutcomeBase & {
      to: 'failed';
      failureCode: string | null;
      failureMessage: string | null;
      paymentId?: string | null;
      paidMethod?: string | null;
    });

/**
 * Settles the attempt (guarded like transitionAttempt) and its invoice in one transaction:
 * succeeded → invoice paid once its parts cover its total; failed → invoice payment_failed unless already paid (a balance stays due). A success on an
 * invoice another payment already settled is kept, and flagged as a mismatch: it is a double charge.
 */
export function finalizeAttempt(db: Db, outcome: AttemptOutcome): ChargeAttempt | null {
  return inWriteTransaction(db, () => {
    const current = requireAttempt(db, outcome.attemptId);
    if (!outcome.from.includes(current.state)) return null;

    const settled = outcome.to === 'succeeded'
      ? { paymentId: outcome.paymentId, paidMethod: outcome.paidMethod, failureCode: null, failureMessage: null }
      : {
          paymentId: outcome.paymentId ?? null,
          paidMethod: outcome.paidMethod ?? null,
          failureCode: outcome.failureCode,
          failureMessage: outcome.failureMessage,
        };
    prepared<[Record<string, unknown>]>(
      db,
      `UPDATE charge_attempts
       SET state = @to, updated_at = @at, final_at = @at, payment_id = @paymentId, paid_method = @paidMethod,
           failure_code = @failureCode, failure_message = @failureMessage
       WHERE id = @attemptId`,
    ).run({ ...settled, to: outcome.to, at: outcome.at, attemptId: current.id });

    if (outcome.to === 'succeeded') {
      const paid = recordInvoicePaid(db, current.invoiceId, outcome.paymentId, outcome.at);
      if (paid === 'already_paid') {
        const payment = outcome.paymentId === null ? 'This payment' : `Payment ${outcome.paymentId}`;
        const note = `Invoice ${current.invoiceNumber} was already paid: ${payment} charged it a second time`;
        writeMismatch(db, current.id, `${note} and must be refunded.`, outcome.at);
      }
    } else {
      recordInvoicePaymentFailed(db, current.invoiceId);
    }
    appendTransitionEvent(db, current, outcome.to, outcome);
    return requireAttempt(db, current.id);
  });
}

/** Records in the attempt's audit trail something a person should know that changes no state (e.g. an answer Zoho gave that Counter does not know). */
export function noteOnAttempt(db: Db, note: ChangeCause & { attemptId: string }): void {
  inWriteTransaction(db, () => {
    const attempt = requireAttempt(db, note.attemptId);
    appendAttemptEvent(db, { attemptId: attempt.id, fromState: attempt.state, toState: attempt.state, at: note.at, actor: note.actor, reason: note.reason });
  });
}

/** Counts a retrieve call; not a state change, so no event. */
export function recordPoll(db: Db, attemptId: string, at: number): ChargeAttempt {
  const { changes } = prepared<[number, string]>(
    db,
    'UPDATE charge_attempts SET poll_count = poll_count + 1, last_polled_at = ? WHERE id = ?',
  ).run(at, attemptId);
  if (changes === 0) throw new NotFoundError('chargeAttempt', attemptId);
  return requireAttempt(db, attemptId);
}

/**
 * Remembers a declined try inside a session that goes on (the customer may try another card).
 * Idempotent by paymentId: returns the updated attempt, or null if that try was already recorded.
 */
export function addDeclinedTry(db: Db, attemptId: string, declinedTry: DeclinedTry, at: number): ChargeAttempt | null {
  return inWriteTransaction(db, () => {
    const { changes } = prepared<[{ attemptId: string; paymentId: string; declinedTry: string; at: number }]>(
      db,
      `UPDATE charge_attempts
       SET declined_tries = json_insert(declined_tries, '$[#]', json(@declinedTry)), updated_at = @at
       WHERE id = @attemptId
         AND NOT EXISTS (SELECT 1 FROM json_each(declined_tries) WHERE value ->> '$.paymentId' = @paymentId)`,
    ).run({ attemptId, paymentId: declinedTry.paymentId, declinedTry: JSON.stringify(declinedTry), at });
    const attempt = requireAttempt(db, attemptId); // throws for an unknown id, which also changes nothing
    return changes === 0 ? null : attempt;
  });
}

/** Records that Zoho's session disagrees with what was asked (amount, currency, terminal, invoice). */
export function setMismatch(db: Db, attemptId: string, mismatch: string, at: number): ChargeAttempt {
  return inWriteTransaction(db, () => {
    writeMismatch(db, attemptId, mismatch, at);
    return requireAttempt(db, attemptId);
  });
}

function writeMismatch(db: Db, attemptId: string, mismatch: string, at: number): void {
  const { changes } = prepared<[string, number, string]>(
    db,
    'UPDATE charge_attempts SET mismatch = ?, updated_at = ? WHERE id = ?',
  ).run(mismatch, at, attemptId);
  if (changes === 0) throw new NotFoundError('chargeAttempt', attemptId);
}

/** Refuses (ConflictError) when another attempt takes the invoice or the terminal: live, or held after a lost answer. */
function assertNoOtherLivePayment(db: Db, target: PaymentTarget, exceptAttemptId: string | null, at: number): void {
  const invoice = takenBy(db, 'invoice_id', target.invoiceId, exceptAttemptId);
  const terminal = invoice ? null : takenBy(db, 'terminal_id', target.terminalId, exceptAttemptId);
  refuseTaken(target, { invoice, terminal }, at);
}

function appendTransitionEvent(db: Db, before: ChargeAttempt, toState: AttemptState, cause: ChangeCause): void {
  const { at, actor, reason } = cause;
  appendAttemptEvent(db, { attemptId: before.id, fromState: before.state, toState, at, actor, reason });
}
