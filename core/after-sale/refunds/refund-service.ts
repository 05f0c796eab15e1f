// Refunding a paid card/UPI payment through Zoho, and following the refund until it is final. The
// same order as charges: the refund is written (`creating`) before Zoho is asked, Zoho's refund id
// is stored the moment it arrives, only Zoho's answers move it on, and a lost answer is never sent
// again blindly: the refund is held (`unknown`) and Zoho's list of the payment's refunds is asked
// until it shows it (then it is followed) or, after a grace period, surely does not (`rejected`).
// Where Zoho refuses that list call, only a person can tell: after the grace the refund needs review
// (what to look for on Zoho's dashboard), and a manager records whether it was made.
// Refund checks go through the one poller, so they count against the same budget as sessions.
import { formatDate } from '../../../contract/calendar';
import { FOLLOWED_REFUND_STATES, isFinalRefundState, type RefundState } from '../../../contract/vocabulary';
import { describeRefundFailure } from '../../../contract/failures';
import type { ParsedInput } from '../../../contract/handlers';
import { REFUND_NEEDS_REVIEW, refundNeedsReview, type DayClose, type Refund } from '../../../contract/records';
import { formatMoney, toRequestAmount } from '../../../contract/money';
import { CodedError } from '../../../contract/result';
import { MAX_POLL_INTERVAL_MS } from '../../../contract/rules';
import { correctionFor } from '../../../db/local/day-closes';
import { requireAttempt } from '../../../db/local/attempts';
import { RefundExceedsPaymentError } from '../../../db/local/errors';
import * as refunds from '../../../db/local/refunds';
import { Lifecycle, type WrittenAhead } from '../../charges/lifecycle';
import type { CheckOutcome } from '../../charges/poller';
import type { FollowingServiceOptions } from '../../charges/service-options';
import { HandlerFailure } from '../../failure';
import { ELSEWHERE_NEEDS_STORE, type RefundGuard } from '../../ports';
import { recordLateAnswer } from '../corrections';
import { isZohoError, surelyNotMade, ZohoError, zohoTrouble } from '../../zoho/errors';
import type { ZohoRefund } from '../../zoho/schemas';
import { findOurRefund, readZohoRefund, REFUND_ID_KEY, type RefundReading } from './refund-outcome';

export interface RefundTiming {
  /** After a lost answer: how long a refund may take to show in the payment's list before "not there" means "not made". */
  lostAnswerGraceMs: number;
  /** How long a refund is checked at the poll interval; then every `lateIntervalMs`. */
  activeWindowMs: number;
  lateIntervalMs: number;
  /** After this a refund Zoho has not finished is left for a person to re-check (it stays in progress). */
  followForMs: number;
  /** The longest a refund waits out a 429 pause before it is not sent. */
  createPauseWaitMs: number;
}

export const DEFAULT_REFUND_TIMING: RefundTiming = {
  lostAnswerGraceMs: 2 * 60_000,
  activeWindowMs: 5 * 60_000,
  lateIntervalMs: 6 * MAX_POLL_INTERVAL_MS,
  followForMs: 2 * 3_600_000,
  createPauseWaitMs: 10_000,
};

/** What the connection may do about refunds: Zoho's token answer or a refusal may show the scope is missing. */
export interface RefundScope {
  allowed: () => Promise<boolean>;
  markMissing: () => Promise<void>;
}

export interface RefundServiceOptions extends FollowingServiceOptions {
  scope: RefundScope;
  timing: RefundTiming;
  /** Where what is left of a payment is counted: this PC's database alone, or the store of its PCs (core/ports.ts). */
  guard: () => RefundGuard;
}

export const REFUND_SCOPE_MESSAGE =
  'This Zoho connection was made without permission to refund. A manager must sign in with Zoho again (Manager → Zoho connection) to turn refunds on. Charging works as before.';

/** The connection lacks the refund scopes: nothing was sent. */
export class RefundsNotAllowedError extends CodedError {
  override readonly name = 'RefundsNotAllowedError';
  readonly code = 'not_connected';
  constructor() {
    super(REFUND_SCOPE_MESSAGE);
  }
}

const FOLLOWED: readonly RefundState[] = FOLLOWED_REFUND_STATES;

/** A refund asked for, and the cashier who asked (none: the manager, or a program's request). */
type RefundInput = Omit<ParsedInput<'refund-create'>, 'managerToken' | 'counterId'> & { cashier?: string };

export class RefundService {
  private readonly lifecycle: Lifecycle<Refund, RefundInput, ZohoRefund>;

  constructor(private readonly options: RefundServiceOptions) {
    const { db } = options;
    // A refund's specifics; the lifecycle (create, record the id, follow, settle or correct) is shared with charges.
    this.lifecycle = new Lifecycle(options, {
      kind: 'refund',
      stoppingMessage: 'Counter is stopping. Refund again once it has started.',
      createPauseWaitMs: options.timing.createPauseWaitMs,
      writeAhead: (input) => this.writeAhead(input),
      recordCreated: (refund, answer) => this.recordCreated(refund, answer),
      createFailed: (refund, error) => this.createFailed(refund, error),
      notSent: (refund, waitMs, stopping) => this.notSent(refund, waitMs, stopping),
      lostAnswer: (refund) => this.lostAnswerAtStart(refund),
      isFollowed: (refund) => FOLLOWED.includes(refund.state),
      ask: (refund, actor) => this.ask(refund, actor),
      bornAt: (refund) => refund.createdAt,
      load: (id) => refunds.requireRefund(db, id),
      unfinished: () => refunds.listUnfinishedRefunds(db),
      publish: (refund) => this.publish(refund),
    });
  }

  /** A person asked: asks Zoho about the refund now (see Following.checkNow). */
  recheck(refundId: string): Promise<void> {
    return this.lifecycle.recheck(refundId);
  }

  /** Refunds the payment. Stopping waits for it: Zoho's refund id is always recorded, never lost to a closed database. */
  create(input: RefundInput): Promise<Refund> {
    return this.lifecycle.create(input);
  }

  /** Refuses new refunds and waits for every refund request under way. */
  stop(): Promise<void> {
    return this.lifecycle.stop();
  }

  private async writeAhead(input: RefundInput): Promise<WrittenAhead<Refund, ZohoRefund>> {
    const { db, now } = this.options;
    if (!(await this.options.scope.allowed())) throw new RefundsNotAllowedError();
    const payments = this.options.payments();
    const guard = this.options.guard();
    // Another PC's payment is read from the store (a repeated request finds its refund here).
    const elsewhere = refunds.getRefundByRequestKey(db, input.requestKey) ? null : await guard.paymentElsewhere(input.attemptId);
    // The database reads the payment and its refunds in the transaction that writes this one, and
    // refuses there: not paid, more than is left, a refund of unknown outcome, a closed day. The
    // same request key again is the same refund: a double press sends nothing twice.
    const { refund, repeated } = refunds.insertCreatingRefund(db, {
      attemptId: input.attemptId,
      amountMinor: input.amountMinor,
      reason: input.reason,
      note: input.note ?? null,
      requestKey: input.requestKey,
      at: now(),
      actor: 'manager',
      elsewhere,
      ...(input.cashier ? { cashier: input.cashier } : {}),
    });
    if (repeated) return { record: refund, send: null };
    // Then the store counts every PC's refunds of the payment and reserves this one, before Zoho is asked.
    const paidMinor = elsewhere?.amountMinor ?? requireAttempt(db, refund.attemptId).amountMinor;
    const takenHereMinor = refunds.committedRefundMinor(db, refund.attemptId) - refund.amountMinor;
    const reservation = await guard.reserve(refund, { paidMinor, takenHereMinor });
    if (reservation.kind === 'refused') {
      this.notReserved(refund, `Not sent: the refunds of this payment made on every PC of the store leave ${formatMoney(reservation.leftMinor, refund.currency)}`);
      throw new RefundExceedsPaymentError(reservation.leftMinor, paidMinor, refund.currency);
    }
    if (reservation.kind === 'unreachable' && elsewhere) {
      this.notReserved(refund, 'Not sent: the store could not be asked what the other PCs have refunded of this payment');
      throw new HandlerFailure('conflict', ELSEWHERE_NEEDS_STORE, 'attemptId');
    }
    const send = () =>
      payments.createRefund(refund.paymentId, {
        amount: toRequestAmount(refund.amountMinor),
        reason: refund.reason,
        type: 'initiated_by_merchant',
        // Identifiers only: the manager's note stays here (it may name the customer).
        description: `Refund for invoice ${refund.invoiceNumber}`,
        metaData: [{ key: REFUND_ID_KEY, value: refund.id }],
      });
    return { record: refund, send };
  }

  /** The store did not reserve the refund: nothing was sent to Zoho, and it refunds nothing. */
  private notReserved(refund: Refund, why: string): void {
    const moved = refunds.transitionRefund(this.options.db, {
      refundId: refund.id,
      from: ['creating'],
      to: 'rejected',
      failureReason: null,
      failureMessage: `${why}.`,
      at: this.options.now(),
      actor: 'store',
      reason: why,
    });
    this.publish(moved ?? refund);
  }

  private recordCreated(refund: Refund, answer: ZohoRefund): Refund {
    this.options.log.info('refund created', { refundId: refund.id, zohoRefundId: answer.refund_id });
    return this.apply(refund, answer, 'zoho', 'Zoho took the refund');
  }

  /** One question to Zoho about the refund: its retrieve, or the payment's list after a lost answer. */
  private async ask(refund: Refund, actor: 'poller' | 'recheck'): Promise<CheckOutcome> {
    const { db, now } = this.options;
    try {
      const payments = this.options.payments();
      if (refund.zohoRefundId !== null) {
        const zoho = await payments.retrieveRefund(refund.zohoRefundId);
        refunds.recordRefundCheck(db, refund.id, now());
        this.options.onZohoTrouble(null);
        return this.followOutcome(this.apply(refund, zoho, actor, 'Zoho reports the refund'));
      }
      const listed = await payments.listRefunds(refund.paymentId).catch((error: unknown) => {
        if (isZohoError(error, 'validation') || isZohoError(error, 'not_found')) throw new ListRefused(error);
        throw error;
      });
      refunds.recordRefundCheck(db, refund.id, now());
      this.options.onZohoTrouble(null);
      const ours = findOurRefund(refund.id, listed);
      if (ours) return this.followOutcome(this.apply(refund, ours, actor, 'Found in the payment’s refunds at Zoho'));
      if (this.lifecycle.ageOf(refund) < this.options.timing.lostAnswerGraceMs) return { done: false };
      return this.followOutcome(this.notMade(refund, actor));
    } catch (error) {
      if (error instanceof ListRefused) return this.listRefused(refund, error.cause);
      return this.checkFailed(refund, error);
    }
  }

  /**
   * Zoho refuses to list the payment's refunds (the call is not offered to this account): once the
   * grace has passed, the refund needs a person, who can look on Zoho's dashboard. On a closed day
   * too: the mark changes neither its state nor its money (migration 028 allows just that), and the
   * manager's decision is then a correction on the next open day (decide).
   */
  private listRefused(refund: Refund, error: ZohoError): CheckOutcome {
    const { db, now } = this.options;
    this.options.onZohoTrouble(null); // Zoho answered: it refuses this one call, not every call
    this.options.log.warn('Zoho refused the list of a payment’s refunds', { refundId: refund.id, kind: error.kind, zohoCode: error.details.zohoCode ?? null });
    if (this.lifecycle.ageOf(refund) < this.options.timing.lostAnswerGraceMs) return { done: false };
    if (refundNeedsReview(refund)) return this.lifecycle.done(refund.id);
    const moved = refunds.transitionRefund(db, {
      refundId: refund.id,
      from: ['unknown'],
      to: 'unknown',
      failureReason: REFUND_NEEDS_REVIEW,
      failureMessage: dashboardCheck(refund),
      at: now(),
      actor: 'zoho',
      reason: `Zoho refused the list of the payment’s refunds (${error.details.zohoCode ?? error.kind}): a manager must check Zoho’s dashboard`,
    });
    if (moved) this.publish(moved);
    return this.lifecycle.done(refund.id);
  }

  /**
   * A refund that needs review: a manager has looked on Zoho's dashboard and says whether it was
   * made. Recorded with the note (in the refund's history); on a closed day as a correction.
   */
  decide(refund: Refund, made: boolean, note: string): Refund {
    const { db, now } = this.options;
    const to: RefundState = made ? 'succeeded' : 'rejected';
    const detail = made
      ? `A manager checked Zoho’s dashboard: the refund was made. Note: ${note}`
      : `A manager checked Zoho’s dashboard: the refund was not made, so nothing was refunded. Note: ${note}`;
    return this.lifecycle.settle(
      refund,
      () => {
        const moved = refunds.transitionRefund(db, {
          refundId: refund.id,
          from: ['unknown'],
          to,
          failureReason: made ? null : 'not_made',
          failureMessage: made ? null : detail,
          at: now(),
          actor: 'manager',
          reason: detail,
        });
        if (moved) this.publish(moved);
        return moved ?? refunds.requireRefund(db, refund.id);
      },
      (close) => {
        this.correct(refund, close, to, null, detail, 'manager');
        return { corrected: true, result: refund };
      },
    );
  }

  /** After a restart: a refund still `creating` lost its answer (held, then asked about); the others are followed again. */
  resume(): void {
    this.lifecycle.resume();
  }

  private lostAnswerAtStart(refund: Refund): Refund {
    const { db, now } = this.options;
    const moved = refunds.transitionRefund(db, {
      refundId: refund.id,
      from: ['creating'],
      to: 'unknown',
      failureMessage: LOST_ANSWER,
      at: now(),
      actor: 'startup',
      reason: 'Counter stopped before Zoho answered the refund request',
    });
    if (moved) this.publish(moved);
    return moved ?? refunds.requireRefund(db, refund.id);
  }

  publish(refund: Refund): void {
    this.options.events.emit({ type: 'refund-updated', refund });
  }

  /** Writes Zoho's word on the refund; on a closed day, as a correction on a later day instead. */
  private apply(current: Refund, zoho: ZohoRefund, actor: string, why: string): Refund {
    const reading = readZohoRefund(current, zoho);
    return this.lifecycle.settle(
      current,
      () => this.applyToOpenDay(current, zoho, reading, actor, why),
      (close) => {
        const corrected = reading.state !== current.state && isFinalRefundState(reading.state);
        if (corrected) this.correct(current, close, reading.state, zoho.refund_id, describe(reading));
        return { corrected, result: current };
      },
    );
  }

  private applyToOpenDay(current: Refund, zoho: ZohoRefund, reading: RefundReading, actor: string, why: string): Refund {
    const { db, now } = this.options;
    if (reading.state === current.state && current.zohoRefundId === zoho.refund_id && reading.mismatch === null) return current;
    const moved = refunds.transitionRefund(db, {
      refundId: current.id,
      from: [current.state],
      to: reading.state,
      zohoRefundId: zoho.refund_id,
      failureReason: reading.failureReason,
      failureMessage: reading.mismatch ?? (reading.state === 'failed' ? describeRefundFailure(reading.failureReason) : null),
      at: now(),
      actor,
      reason: `${why}: ${describe(reading)}`,
    });
    if (!moved) return refunds.requireRefund(db, current.id);
    this.publish(moved);
    return moved;
  }

  /** Zoho's list of the payment's refunds, long after the request, does not have it: nothing was refunded. */
  private notMade(current: Refund, actor: string): Refund {
    const detail = 'Zoho has no record of this refund: nothing was refunded. It can be refunded again.';
    return this.lifecycle.settle(
      current,
      () => this.notMadeOnOpenDay(current, actor, detail),
      (close) => {
        this.correct(current, close, 'rejected', null, detail);
        return { corrected: true, result: current };
      },
    );
  }

  private notMadeOnOpenDay(current: Refund, actor: string, detail: string): Refund {
    const { db, now } = this.options;
    const moved = refunds.transitionRefund(db, {
      refundId: current.id,
      from: ['unknown'],
      to: 'rejected',
      failureReason: 'not_made',
      failureMessage: detail,
      at: now(),
      actor,
      reason: detail,
    });
    if (moved) this.publish(moved);
    return moved ?? refunds.requireRefund(db, current.id);
  }

  private correct(current: Refund, close: DayClose, toState: RefundState, zohoRefundId: string | null, detail: string, by: 'zoho' | 'manager' = 'zoho'): void {
    const { db, now } = this.options;
    const correction = recordLateAnswer(db, {
      close,
      recordKind: 'refund',
      recordId: current.id,
      counterId: current.counterId,
      invoiceNumber: current.invoiceNumber,
      fromState: current.state,
      toState,
      amountMinor: toState === 'succeeded' ? current.amountMinor : 0,
      paymentId: current.paymentId,
      detail: `${detail}${zohoRefundId ? ` (Zoho refund ${zohoRefundId})` : ''}`,
      now: now(),
    });
    refunds.appendRefundEvent(db, {
      refundId: current.id,
      fromState: current.state,
      toState: current.state,
      at: now(),
      actor: by,
      reason: `After ${formatDate(close.day)} was closed ${by === 'zoho' ? 'Zoho reports' : 'a manager recorded'} the refund ${toState}: counted as a correction on ${formatDate(correction.day)}`,
    });
    // Its record stays; its history and correction changed, which the payment log's panel reads again.
    this.publish(refunds.requireRefund(db, current.id));
  }

  /** A long 429 pause, or Counter stopping, kept the request from going: nothing was sent. */
  private notSent(refund: Refund, waitMs: number, stopping: boolean): Refund {
    const message = stopping
      ? 'Counter was stopping, so the refund was not sent to Zoho. Refund again once it has started.'
      : `Zoho asked Counter to slow down (too many requests). The refund was not sent: refund again in about ${Math.max(1, Math.ceil(waitMs / 1000))} seconds.`;
    const moved = refunds.transitionRefund(this.options.db, {
      refundId: refund.id,
      from: ['creating'],
      to: 'rejected',
      failureReason: null,
      failureMessage: message,
      at: this.options.now(),
      actor: 'zoho',
      reason: stopping ? 'Not sent: Counter was stopping' : `Not sent: Zoho asked Counter to wait ${Math.ceil(waitMs / 1000)} s`,
    });
    const current = moved ?? refunds.requireRefund(this.options.db, refund.id);
    this.publish(current);
    return current;
  }

  /** (The lifecycle has paused every call for a 429, and follows a refund whose answer was lost.) */
  private async createFailed(refund: Refund, error: unknown): Promise<Refund> {
    const { db, now } = this.options;
    const message = error instanceof Error ? error.message : String(error);
    if (isZohoError(error, 'auth') && error.details.scopeMissing) await this.options.scope.markMissing();
    const notMade = surelyNotMade(error);
    this.options.onZohoTrouble(zohoTrouble(error));
    const zohoCode = error instanceof ZohoError ? (error.details.zohoCode ?? error.kind) : 'unexpected';
    const refused = isZohoError(error, 'auth') && error.details.scopeMissing ? REFUND_SCOPE_MESSAGE : `Zoho refused the refund: ${message}`;
    const moved = refunds.transitionRefund(db, {
      refundId: refund.id,
      from: ['creating'],
      to: notMade ? 'rejected' : 'unknown',
      failureReason: notMade ? zohoCode : null,
      failureMessage: notMade ? refused : LOST_ANSWER,
      at: now(),
      actor: 'zoho',
      reason: notMade ? refused : `No clear answer to the refund request: ${message}`,
    });
    const current = moved ?? refunds.requireRefund(db, refund.id);
    this.publish(current);
    if (!notMade) this.options.log.warn('a refund request got no clear answer', { refundId: refund.id, error: message });
    return current;
  }

  private async checkFailed(refund: Refund, error: unknown): Promise<CheckOutcome> {
    if (isZohoError(error, 'rate_limited')) return { ...this.followOutcome(refund), pauseAllMs: error.details.retryAfterMs ?? 60_000 };
    if (isZohoError(error, 'auth') && error.details.scopeMissing) await this.options.scope.markMissing();
    this.options.onZohoTrouble(zohoTrouble(error));
    this.options.log.warn('checking a refund failed', {
      refundId: refund.id,
      kind: error instanceof ZohoError ? error.kind : 'unexpected',
      error: error instanceof Error ? error.message : String(error),
    });
    // Nothing about the refund is known from a failed check: its state stays as it is.
    return this.followOutcome(refund);
  }

  /** Keep following while Zoho has not finished: at the poll interval at first, then more seldom, then leave it to a person. */
  private followOutcome(refund: Refund): CheckOutcome {
    const { timing } = this.options;
    if (!FOLLOWED.includes(refund.state) || correctionFor(this.options.db, 'refund', refund.id)) return this.lifecycle.done(refund.id);
    const age = this.lifecycle.ageOf(refund);
    if (age < timing.activeWindowMs) return { done: false };
    if (age < timing.followForMs) return { done: false, minIntervalMs: timing.lateIntervalMs };
    return this.lifecycle.done(refund.id);
  }
}

/** Zoho refused the list of the payment's refunds: a refusal, not trouble to wait out. */
class ListRefused extends Error {
  constructor(override readonly cause: ZohoError) {
    super(cause.message);
  }
}

/** What a manager looks for on Zoho's dashboard to tell whether a refund whose answer was lost was made. */
function dashboardCheck(refund: Refund): string {
  const amount = formatMoney(refund.amountMinor, refund.currency);
  return `Zoho did not answer this refund request, and does not let Counter list the payment’s refunds, so Counter cannot tell whether ${amount} was refunded. On Zoho’s dashboard open Payments, find payment ${refund.paymentId} (invoice ${refund.invoiceNumber}) and look in its refunds for ${amount}. Then a manager records here whether it was made.`;
}

const LOST_ANSWER = 'Zoho’s answer to the refund request was lost. Counter is asking Zoho whether it was made; it will not be sent again.';

function describe(reading: RefundReading): string {
  if (reading.mismatch) return reading.mismatch;
  if (reading.unknownStatus) return `status “${reading.unknownStatus}” (not known to Counter: still followed)`;
  if (reading.state === 'failed') return `failed (${reading.failureReason ?? 'no reason'})`;
  return reading.state;
}
