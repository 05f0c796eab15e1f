// Writing charge attempts. Every state change is a compare-and-set on the current state and
// appends its audit event in the same transaction.
import { randomUUID } from 'node:crypto';
import type { AttemptState, PaymentMethod } from '../../contract/vocabulary';
import { FINAL_STATES, isLiveState } from '../../contract/vocabulary';
import type { ChargeAttempt, Counter, DeclinedTry } from '../../contract/records';
import { requireAttempt } from './attempt-queries';
import { requireCounter } from './counters';
import type { Db } from './database';
import { assertDayOpen } from './day-closes';
import { ConflictError, InvalidStateError, InvoiceOfAnotherCounterError, NotFoundError } from './errors';
import { appendAttemptEvent } from './events';
import { recordInvoicePaid, recordInvoicePaymentFailed, requireInvoice } from './invoices';
import { takenBy } from './live-attempts';
import { invoiceAwaitsReview } from './reviews';
import { assignments, inWriteTransaction, prepared } from './statements';

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

export interface NewChargeAttempt {
  invoiceId: string;
  /** The counter charging: its current terminal receives the payment. */
  counterId: string;
  method: PaymentMethod;
  /**
   * A person has checked the outcome of an earlier attempt on this invoice that is unknown or
   * unresolved. Without it such an invoice is refused, since the customer may already have paid.
   */
  reviewAcknowledged?: boolean;
  at: number;
  actor: string;
}

/** The new attempt, and the counter as it was read in the same transaction. */
export interface CreatedAttempt {
  attempt: ChargeAttempt;
  counter: Counter;
}

type AttemptInsert = Pick<
  ChargeAttempt,
  'id' | 'invoiceId' | 'counterId' | 'terminalId' | 'amountMinor' | 'currency' | 'method'
> & { at: number };

/**
 * Records the attempt in state 'creating', before Zoho is asked: the amount is the invoice's balance
 * due (its total, unless part was paid in cash), the currency the invoice's, the terminal the counter's, and its first event says which method on which terminal.
 * Throws NotFoundError for an unknown invoice or counter; InvoiceOfAnotherCounterError when the
 * invoice was written at another counter; InvalidStateError when the invoice is paid, void or awaits
 * review, or the counter is inactive; ConflictError (field invoiceId or terminalId) when the invoice
 * or the terminal already has a live payment; DayClosedError when the day of `at` is closed.
 */
export function insertCreatingAttempt(db: Db, input: NewChargeAttempt): CreatedAttempt {
  return inWriteTransaction(db, () => {
    const invoice = requireInvoice(db, input.invoiceId);
    const counter = requireCounter(db, input.counterId);
    if (invoice.counterId !== counter.id) throw new InvoiceOfAnotherCounterError(invoice.number);
    if (invoice.status === 'paid') throw new InvalidStateError('invoice_paid');
    if (invoice.status === 'void') throw new InvalidStateError('invoice_void');
    if (invoice.balanceDueMinor <= 0) throw new RangeError(`Invoice ${invoice.number} has nothing to charge.`);
    if (!counter.active) throw new InvalidStateError('counter_inactive');
    if (!input.reviewAcknowledged && invoiceAwaitsReview(db, invoice.id)) {
      throw new InvalidStateError('invoice_needs_review');
    }
    const target = { invoiceId: invoice.id, invoiceNumber: invoice.number, terminalId: counter.terminalId };
    assertNoOtherLivePayment(db, target, null, input.at);
    // The attempt is today's record, and paying changes the invoice: both days must be open.
    assertDayOpen(db, input.at);
    assertDayOpen(db, invoice.createdAt);

    const id = randomUUID();
    prepared<[AttemptInsert]>(
      db,
      `INSERT INTO charge_attempts
         (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, created_at, updated_at)
       VALUES (@id, @invoiceId, @counterId, @terminalId, @amountMinor, @currency, @method, 'creating', @at, @at)`,
    ).run({
      id,
      invoiceId: invoice.id,
      counterId: counter.id,
      terminalId: counter.terminalId,
      amountMinor: invoice.balanceDueMinor,
      currency: invoice.currency,
      method: input.method,
      at: input.at,
    });
    const reason = `Charge ${input.method} on terminal ${counter.terminalId}`;
    appendAttemptEvent(db, { attemptId: id, fromState: null, toState: 'creating', at: input.at, actor: input.actor, reason });
    return { attempt: requireAttempt(db, id), counter };
  });
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

export interface SessionCreated {
  attemptId: string;
  paymentsSessionId: string;
  /** When the session was created (unix ms, this computer's clock: the 3-minute countdown runs on it). */
  sessionCreatedAt: number;
  at: number;
}

/** creating → in_progress once Zoho has created the session. Null if the attempt was no longer creating. */
export function markSessionCreated(db: Db, session: SessionCreated): ChargeAttempt | null {
  return transitionAttempt(db, {
    ...session,
    from: ['creating'],
    to: 'in_progress',
    actor: 'zoho',
    reason: `Payment session ${session.paymentsSessionId} created`,
  });
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

type PaymentTarget = Pick<ChargeAttempt, 'invoiceId' | 'invoiceNumber' | 'terminalId'>;

/** Refuses (ConflictError) when another attempt takes the invoice or the terminal: live, or held after a lost answer. */
function assertNoOtherLivePayment(db: Db, target: PaymentTarget, exceptAttemptId: string | null, at: number): void {
  const invoice = takenBy(db, 'invoice_id', target.invoiceId, exceptAttemptId);
  if (invoice?.kind === 'live') {
    throw new ConflictError('chargeAttempt', 'invoiceId', `Invoice ${target.invoiceNumber} already has a payment in progress.`);
  }
  if (invoice?.kind === 'held') {
    const message = `Invoice ${target.invoiceNumber} is on hold: the answer to its last charge was lost, and the terminal may still show that payment for ${timeLeft(invoice.holdUntil - at)}. Wait, or ask a manager to check the terminal and release it.`;
    throw new ConflictError('chargeAttempt', 'invoiceId', message);
  }
  const terminal = takenBy(db, 'terminal_id', target.terminalId, exceptAttemptId);
  if (terminal?.kind === 'live') {
    throw new ConflictError('chargeAttempt', 'terminalId', `Terminal ${target.terminalId} is busy with another payment.`);
  }
  if (terminal?.kind === 'held') {
    const message = `Terminal ${target.terminalId} is on hold: the answer to an earlier charge was lost, and the terminal may still show that payment for ${timeLeft(terminal.holdUntil - at)}. Wait, or ask a manager to check the terminal and release it.`;
    throw new ConflictError('chargeAttempt', 'terminalId', message);
  }
}

/** "up to 3 more minutes", "less than a minute": how long a hold may still last, in a cashier's words. */
function timeLeft(ms: number): string {
  if (ms <= 60_000) return 'less than a minute';
  return `up to ${Math.ceil(ms / 60_000)} more minutes`;
}

function appendTransitionEvent(db: Db, before: ChargeAttempt, toState: AttemptState, cause: ChangeCause): void {
  const { at, actor, reason } = cause;
  appendAttemptEvent(db, { attemptId: before.id, fromState: before.state, toState, at, actor, reason });
}
