// Writing refunds. Like charges: the refund is written (`creating`) before Zoho is asked, in a
// transaction that reads the payment and what its refunds already take; every state change is a
// compare-and-set on the current state with its audit event in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Currency, RefundReason, RefundState } from '../../contract/vocabulary';
import { isFinalRefundState } from '../../contract/vocabulary';
import { REFUND_NEEDS_REVIEW, type Refund } from '../../contract/records';
import { requireAttempt } from './attempt-queries';
import type { Db } from './database';
import { assertDayOpen } from './day-closes';
import { ConflictError, InvalidStateError, RefundExceedsPaymentError } from './errors';
import { assertRelearned } from './relearn';
import { keepPaymentElsewhere, type PaymentElsewhere } from './remote-payments';
import { committedRefundMinor, getRefundByRequestKey, requireRefund, unsettledRefund } from './refund-queries';
import { assignments, inWriteTransaction, prepared } from './statements';

export {
  committedRefundMinor,
  getRefund,
  getRefundByRequestKey,
  listRefundEvents,
  listRefundsForAttempt,
  listRefundsForDay,
  listRefundsWithEvents,
  listUnfinishedRefunds,
  refundRowForStore,
  requireRefund,
} from './refund-queries';
export type { PaymentElsewhere } from './remote-payments';

export interface NewRefund {
  attemptId: string;
  amountMinor: number;
  reason: RefundReason;
  note: string | null;
  /** Made by the screen once per refund form: the same key again finds the same refund. */
  requestKey: string;
  at: number;
  actor: string;
  /** Another PC's payment, read from the store (none: this PC's own, read here). */
  elsewhere?: PaymentElsewhere | null;
  /** The cashier signed in at the counter where it was asked for (none: the manager). */
  cashier?: string;
}

/** The refund, and whether it was already there (a repeated request): then Zoho is not asked again. */
export interface CreatedRefund {
  refund: Refund;
  repeated: boolean;
}

/**
 * Records the refund in state `creating`. A request key already used for this payment returns that
 * refund (`repeated`); for another payment it is a ConflictError. Refuses (typed) a payment that
 * was not paid (InvalidStateError payment_not_paid), one with a refund of unknown outcome
 * (refund_unsettled), more than is left of it (RefundExceedsPaymentError), and a closed day
 * (DayClosedError). The triggers of migration 007 refuse the first and the third again.
 */
export function insertCreatingRefund(db: Db, input: NewRefund): CreatedRefund {
  return inWriteTransaction(db, () => {
    const earlier = getRefundByRequestKey(db, input.requestKey);
    if (earlier) {
      if (earlier.attemptId !== input.attemptId) throw new ConflictError('refund', 'requestKey', 'This refund request was already used for another payment.');
      return { refund: earlier, repeated: true };
    }
    const attempt = input.elsewhere ? paidElsewhere(db, input.elsewhere, input.at) : paidHere(db, input.attemptId);
    const unsettled = unsettledRefund(db, attempt.id);
    if (unsettled) throw new InvalidStateError(unsettled.failureReason === REFUND_NEEDS_REVIEW ? 'refund_needs_review' : 'refund_unsettled');
    const left = attempt.amountMinor - committedRefundMinor(db, attempt.id);
    if (input.amountMinor > left) throw new RefundExceedsPaymentError(left, attempt.amountMinor, attempt.currency);
    assertDayOpen(db, input.at);

    const id = randomUUID();
    prepared<[Record<string, unknown>]>(
      db,
      `INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, note, request_key,
                            state, created_at, updated_at, cashier)
       VALUES (@id, @attemptId, @invoiceId, @counterId, @paymentId, @amountMinor, @currency, @reason, @note, @requestKey,
               'creating', @at, @at, @cashier)`,
    ).run({
      id,
      attemptId: attempt.id,
      invoiceId: attempt.invoiceId,
      counterId: attempt.counterId,
      paymentId: attempt.paymentId,
      amountMinor: input.amountMinor,
      currency: attempt.currency,
      reason: input.reason,
      note: input.note,
      requestKey: input.requestKey,
      at: input.at,
      cashier: input.cashier ?? null,
    });
    appendRefundEvent(db, { refundId: id, fromState: null, toState: 'creating', at: input.at, actor: input.actor, reason: `Refund of payment ${attempt.paymentId}` });
    return { refund: requireRefund(db, id), repeated: false };
  });
}

/** The payment refunded, as its refund records it. */
interface PaidPayment {
  id: string;
  invoiceId: string;
  counterId: string;
  paymentId: string;
  amountMinor: number;
  currency: Currency;
}

/** This PC's payment: paid, and not one a restored file has yet to re-learn. */
function paidHere(db: Db, attemptId: string): PaidPayment {
  const attempt = requireAttempt(db, attemptId);
  assertRelearned(db, attempt.createdAt, 'attemptId');
  if (attempt.state !== 'succeeded' || attempt.paymentId === null) throw new InvalidStateError('payment_not_paid');
  return { ...attempt, paymentId: attempt.paymentId };
}

/** Another PC's paid payment, kept here beside its refund; the refunds this PC made of it count here too. */
function paidElsewhere(db: Db, payment: PaymentElsewhere, at: number): PaidPayment {
  const kept = keepPaymentElsewhere(db, payment, at);
  return { ...kept, id: kept.attemptId };
}

/** Fields a transition may set alongside the state. */
export type RefundFields = Partial<Pick<Refund, 'zohoRefundId' | 'failureReason' | 'failureMessage'>>;

const REFUND_COLUMNS: Record<keyof RefundFields, string> = {
  zohoRefundId: 'zoho_refund_id',
  failureReason: 'failure_reason',
  failureMessage: 'failure_message',
};

export interface RefundTransition extends RefundFields {
  refundId: string;
  /** The states the caller believes the refund is in; nothing happens if it is in none of them. */
  from: readonly RefundState[];
  to: RefundState;
  at: number;
  actor: string;
  reason: string;
}

/**
 * Compare-and-set: moves the refund to `to` (with its fields) only from one of `from`, and appends
 * the event. Null when the refund had moved on already.
 */
export function transitionRefund(db: Db, transition: RefundTransition): Refund | null {
  return inWriteTransaction(db, () => {
    const current = requireRefund(db, transition.refundId);
    if (!transition.from.includes(current.state)) return null;
    const fields = assignments<keyof RefundFields>(REFUND_COLUMNS, transition);
    const finalAt = isFinalRefundState(transition.to) ? transition.at : null;
    const extra = fields.sql === '' ? '' : `, ${fields.sql}`;
    prepared<[Record<string, unknown>]>(db, `UPDATE refunds SET state = @to, updated_at = @at, final_at = @finalAt${extra} WHERE id = @refundId`).run({
      ...fields.params,
      to: transition.to,
      at: transition.at,
      finalAt,
      refundId: current.id,
    });
    appendRefundEvent(db, { refundId: current.id, fromState: current.state, toState: transition.to, at: transition.at, actor: transition.actor, reason: transition.reason });
    return requireRefund(db, current.id);
  });
}

/** Counts a check with Zoho; not a state change, so no event. */
export function recordRefundCheck(db: Db, refundId: string, at: number): void {
  prepared<[number, string]>(db, 'UPDATE refunds SET check_count = check_count + 1, last_checked_at = ? WHERE id = ?').run(at, refundId);
}

interface NewRefundEvent {
  refundId: string;
  fromState: RefundState | null;
  toState: RefundState;
  at: number;
  actor: string;
  reason: string;
}

/** Adds to the refund's history inside the caller's transaction (a note without a state change too). */
export function appendRefundEvent(db: Db, event: NewRefundEvent): void {
  prepared<[NewRefundEvent]>(
    db,
    `INSERT INTO refund_events (refund_id, at, from_state, to_state, actor, reason)
     VALUES (@refundId, @at, @fromState, @toState, @actor, @reason)`,
  ).run(event);
}
