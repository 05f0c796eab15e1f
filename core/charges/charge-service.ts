// Charging an invoice on its counter's terminal, and following the session to its outcome.
// Order matters: the attempt is written before Zoho is called, the session id the moment it
// arrives, and only Zoho's retrieve answer may mark a payment succeeded or failed.
import { describeFailure } from '../../contract/failures';
import type { ChargeAttempt, DayClose } from '../../contract/model';
import { toRequestAmount } from '../../contract/money';
import { MAX_POLL_INTERVAL_MS, SESSION_VALIDITY_MS } from '../../contract/rules';
import type { ParsedInput } from '../../contract/handlers';
import * as attempts from '../../db/attempts';
import type { Db } from '../../db/database';
import { closeCovering, correctionFor } from '../../db/day-closes';
import { appendAttemptEvent } from '../../db/events';
import * as invoices from '../../db/invoices';
import { recordLateAnswer } from '../corrections';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import { isZohoError, surelyNotMade, ZohoError } from '../zoho/errors';
import type { PaymentsClient } from '../zoho/payments-client';
import type { ZohoSession } from '../zoho/schemas';
import { assessSession, findMismatch, type Assessment, type AttemptExpectation } from './assess';
import type { CheckOutcome, Poller } from './poller';

export interface ChargeTiming {
  /** How long Zoho keeps a pos_payment session open. */
  sessionValidityMs: number;
  /** Extra time after validity before the late phase, for clock skew and a slow final answer. */
  graceMs: number;
  /** Interval in the late phase (by default as seldom as Zoho allows). */
  lateIntervalMs: number;
  /** How long the late phase lasts before the attempt is handed to a person (unresolved). */
  lateWindowMs: number;
}

export const DEFAULT_CHARGE_TIMING: ChargeTiming = {
  sessionValidityMs: SESSION_VALIDITY_MS,
  graceMs: 30_000,
  lateIntervalMs: MAX_POLL_INTERVAL_MS,
  lateWindowMs: 15 * 60_000,
};

export interface ChargeServiceOptions {
  db: Db;
  now: () => number;
  log: Logger;
  events: EventBus;
  /** The payments client, or a refusal when no usable Zoho connection exists. */
  payments: () => PaymentsClient;
  timing: ChargeTiming;
  /** The poll interval now in force (for the first check after creation). */
  intervalMs: () => number;
  /** Zoho answered, or failed to: drives the connection-degraded signal. */
  onZohoReachable: (reachable: boolean) => void;
}

export class ChargeService {
  private poller: Poller | null = null;

  constructor(private readonly options: ChargeServiceOptions) {}

  attachPoller(poller: Poller): void {
    this.poller = poller;
  }

  async create(input: ParsedInput<'charge-create'>): Promise<ChargeAttempt> {
    const { db, now } = this.options;
    const payments = this.options.payments();
    // The database reads the invoice and the counter once, in the transaction that writes the
    // attempt, and refuses there: an unknown invoice or counter, an invoice of another counter, a
    // paid or void invoice, one awaiting review (unless the cashier confirms having checked the
    // terminal), an inactive counter, and a second live payment on the invoice or the terminal.
    const { attempt, counter } = attempts.insertCreatingAttempt(db, {
      invoiceId: input.invoiceId,
      counterId: input.counterId,
      method: input.method,
      reviewAcknowledged: input.confirmChecked ?? false,
      at: now(),
      actor: 'cashier',
    });
    this.publish(attempt);

    let session: ZohoSession;
    // A create spends the account's rate limit as polls do: it counts against the poller's budget.
    this.poller?.noteCall();
    try {
      session = await payments.createSession({
        amount: toRequestAmount(attempt.amountMinor),
        currency: attempt.currency,
        terminalId: attempt.terminalId,
        invoiceNumber: attempt.invoiceNumber,
        description: `Invoice ${attempt.invoiceNumber} at ${counter.name}`,
        // Identifiers only: never names, phone numbers, card or bank data.
        metaData: [
          { key: 'attempt_id', value: attempt.id },
          { key: 'counter_id', value: counter.id },
        ],
        method: input.method,
      });
    } catch (error) {
      // An answer we cannot read that still names its session: the session exists, so follow it
      // (every retrieve is read and checked in full) rather than leave the payment unknown.
      if (isZohoError(error, 'malformed') && error.details.sessionId) return this.recordSession(attempt, error.details.sessionId, null);
      return this.createFailed(attempt, error);
    }
    return this.recordSession(attempt, session.payments_session_id, session);
  }

  /** Stores the new session's id, checks what Zoho echoed (when it could be read), and starts polling. */
  private recordSession(attempt: ChargeAttempt, sessionId: string, session: ZohoSession | null): ChargeAttempt {
    const { db, now } = this.options;
    const sessionCreatedAt = now();
    this.options.onZohoReachable(true);
    // Logged before anything else can go wrong, so a failed write still leaves the id on record.
    this.options.log.info('payment session created', { attemptId: attempt.id, paymentsSessionId: sessionId, answerRead: session !== null });
    let created: ChargeAttempt;
    try {
      created =
        attempts.markSessionCreated(db, { attemptId: attempt.id, paymentsSessionId: sessionId, sessionCreatedAt, at: sessionCreatedAt }) ??
        attempts.requireAttempt(db, attempt.id);
    } catch (error) {
      return this.sessionNotRecorded(attempt, sessionId, error);
    }
    const mismatch = session && findMismatch({ ...this.expectationOf(created), paymentsSessionId: null }, session);
    if (mismatch) created = attempts.setMismatch(db, created.id, mismatch, now());
    this.publish(created);
    this.poller?.track(created.id, sessionCreatedAt + this.options.intervalMs());
    return created;
  }

  /** One retrieve call for the attempt, applied to it. Used by the poller and by re-check. */
  async check(attemptId: string, actor: 'poller' | 'recheck'): Promise<CheckOutcome> {
    const { db } = this.options;
    const attempt = attempts.requireAttempt(db, attemptId);
    if ((attempt.state !== 'in_progress' && attempt.state !== 'unresolved') || !attempt.paymentsSessionId) {
      return { done: true };
    }
    if (correctionFor(db, 'charge', attempt.id)) return { done: true };
    let session: ZohoSession;
    try {
      session = await this.options.payments().retrieveSession(attempt.paymentsSessionId);
    } catch (error) {
      return this.checkFailed(attempt, error);
    }
    this.options.onZohoReachable(true);
    const polled = attempts.recordPoll(db, attempt.id, this.options.now());
    return this.apply(polled, session, actor);
  }

  /** Resumes after a restart: `creating` lost its answer (unknown); `in_progress` is checked again. */
  resume(): void {
    const { db, now } = this.options;
    for (const attempt of attempts.listLiveAttempts(db)) {
      if (attempt.state === 'creating') {
        const moved = attempts.transitionAttempt(db, {
          attemptId: attempt.id,
          from: ['creating'],
          to: 'unknown',
          at: now(),
          actor: 'startup',
          reason: 'Counter stopped before Zoho answered the charge request',
        });
        if (moved) this.publish(moved);
      } else if (attempt.state === 'in_progress') {
        this.poller?.track(attempt.id, now());
      }
    }
  }

  private apply(attempt: ChargeAttempt, session: ZohoSession, actor: string): CheckOutcome {
    const { db, now } = this.options;
    const close = closeCovering(db, attempt.createdAt);
    if (close) return this.applyToClosedDay(attempt, session, close);
    const assessment = assessSession(this.expectationOf(attempt), session);
    if (assessment.kind === 'mismatch') return this.followMismatch(attempt, assessment);
    const newlyDeclined = assessment.declinedTries.filter((declined) => attempts.addDeclinedTry(db, attempt.id, declined, now()));
    if (assessment.kind === 'in_progress') {
      // Published on every answer, so the screens can show when it was last checked.
      this.publish(attempts.requireAttempt(db, attempt.id));
      if (newlyDeclined.length > 0) this.options.log.info('declined try inside a live session', { attemptId: attempt.id });
      return this.inProgressOutcome(attempt);
    }
    const finalized =
      assessment.kind === 'succeeded'
        ? attempts.finalizeAttempt(db, {
            attemptId: attempt.id,
            from: ['in_progress', 'unresolved'],
            to: 'succeeded',
            paymentId: assessment.paymentId,
            paidMethod: assessment.paidMethod,
            at: now(),
            actor,
            reason: 'Zoho reports the payment succeeded',
          })
        : attempts.finalizeAttempt(db, {
            attemptId: attempt.id,
            from: ['in_progress', 'unresolved'],
            to: 'failed',
            failureCode: assessment.failureCode,
            failureMessage: describeFailure(assessment.failureCode),
            at: now(),
            actor,
            reason: `Zoho reports the payment failed (${assessment.failureCode ?? 'no code'})`,
          });
    if (finalized) this.publish(finalized);
    return { done: true };
  }

  /**
   * The attempt's day is closed, so the attempt never changes: Zoho's final word (a re-check of an
   * unresolved payment) is kept as a correction on a later, open day, and noted in its history.
   */
  private applyToClosedDay(attempt: ChargeAttempt, session: ZohoSession, close: DayClose): CheckOutcome {
    const { db, now } = this.options;
    const assessment = assessSession(this.expectationOf(attempt), session);
    const status = assessment.kind === 'mismatch' ? assessment.sessionStatus : assessment.kind;
    if (status === 'in_progress') return { done: attempt.state === 'unresolved' };
    const toState = assessment.kind === 'mismatch' ? 'unresolved' : assessment.kind;
    const paymentId = assessment.kind === 'succeeded' || assessment.kind === 'mismatch' ? assessment.paymentId : null;
    const detail =
      assessment.kind === 'mismatch'
        ? `${assessment.detail}. Zoho reports the session ${assessment.sessionStatus}: a person must decide.`
        : assessment.kind === 'succeeded'
          ? 'Zoho reports the payment succeeded'
          : `Zoho reports the payment failed (${assessment.kind === 'failed' ? (assessment.failureCode ?? 'no code') : ''})`;
    const correction = recordLateAnswer(db, {
      close,
      recordKind: 'charge',
      recordId: attempt.id,
      counterId: attempt.counterId,
      invoiceNumber: attempt.invoiceNumber,
      fromState: attempt.state,
      toState,
      amountMinor: toState === 'succeeded' ? attempt.amountMinor : 0,
      paymentId,
      detail,
      now: now(),
    });
    appendAttemptEvent(db, {
      attemptId: attempt.id,
      fromState: attempt.state,
      toState: attempt.state,
      at: now(),
      actor: 'zoho',
      reason: `After ${close.day} was closed: ${detail}. Counted as a correction on ${correction.day}.`,
    });
    this.options.events.emit({ type: 'ledger-changed' });
    return { done: true };
  }

  /** Still in progress: keep checking, more slowly after the session's validity, then hand over. */
  private inProgressOutcome(attempt: ChargeAttempt): CheckOutcome {
    const { timing, now, db } = this.options;
    const age = now() - (attempt.sessionCreatedAt ?? attempt.createdAt);
    const lateFrom = timing.sessionValidityMs + timing.graceMs;
    if (age < lateFrom) return { done: false };
    if (age < lateFrom + timing.lateWindowMs) return { done: false, minIntervalMs: timing.lateIntervalMs };
    const moved = attempts.transitionAttempt(db, {
      attemptId: attempt.id,
      from: ['in_progress'],
      to: 'unresolved',
      at: now(),
      actor: 'poller',
      reason: 'Zoho gave no final status long after the session expired; a person must check',
    });
    if (moved) this.publish(moved);
    return { done: true };
  }

  private checkFailed(attempt: ChargeAttempt, error: unknown): CheckOutcome {
    if (isZohoError(error, 'rate_limited')) {
      const outcome = attempt.state === 'unresolved' ? { done: true } : this.inProgressOutcome(attempt);
      return { ...outcome, pauseAllMs: error.details.retryAfterMs ?? 60_000 };
    }
    const reachable = isZohoError(error, 'not_connected') || isZohoError(error, 'validation') || isZohoError(error, 'not_found');
    this.options.onZohoReachable(reachable);
    this.options.log.warn('checking a payment failed', {
      attemptId: attempt.id,
      kind: error instanceof ZohoError ? error.kind : 'unexpected',
      error: error instanceof Error ? error.message : String(error),
    });
    // Nothing about the payment is known from a failed check: its state stays as it is.
    return attempt.state === 'unresolved' ? { done: true } : this.inProgressOutcome(attempt);
  }

  private createFailed(attempt: ChargeAttempt, error: unknown): ChargeAttempt {
    const { db, now } = this.options;
    const nothingCreated = surelyNotMade(error);
    const zohoCode = error instanceof ZohoError ? (error.details.zohoCode ?? null) : null;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ZohoError && error.kind !== 'network') this.options.onZohoReachable(error.kind !== 'server' && error.kind !== 'malformed');
    else this.options.onZohoReachable(false);
    const moved = attempts.transitionAttempt(db, {
      attemptId: attempt.id,
      from: ['creating'],
      to: nothingCreated ? 'rejected' : 'unknown',
      failureCode: zohoCode,
      failureMessage: nothingCreated ? message : 'The charge request got no clear answer from Zoho. Check the terminal before charging again.',
      at: now(),
      actor: 'zoho',
      reason: nothingCreated ? `Zoho refused the charge: ${message}` : `No clear answer to the charge request: ${message}`,
    });
    const current = moved ?? attempts.requireAttempt(db, attempt.id);
    this.publish(current);
    return current;
  }

  /**
   * A session that disagrees with the charge is never settled by the app. It is followed until Zoho
   * gives its final word, which goes into the audit trail for the person who must decide.
   */
  private followMismatch(attempt: ChargeAttempt, found: Extract<Assessment, { kind: 'mismatch' }>): CheckOutcome {
    const { db, now } = this.options;
    const flagged = attempt.mismatch === found.detail ? attempt : attempts.setMismatch(db, attempt.id, found.detail, now());
    if (found.sessionStatus === 'in_progress') {
      this.publish(flagged);
      return this.inProgressOutcome(flagged);
    }
    const payment = found.paymentId ? ` (payment ${found.paymentId})` : '';
    const moved = attempts.transitionAttempt(db, {
      attemptId: attempt.id,
      from: ['in_progress'],
      to: 'unresolved',
      at: now(),
      actor: 'zoho',
      reason: `${found.detail}. Zoho reports the session ${found.sessionStatus}${payment}: a person must decide.`,
    });
    this.publish(moved ?? attempts.requireAttempt(db, attempt.id));
    return { done: true };
  }

  /** Zoho created the session but it could not be written down: keep its id in the trail and ask a person. */
  private sessionNotRecorded(attempt: ChargeAttempt, sessionId: string, error: unknown): ChargeAttempt {
    const { db, now, log } = this.options;
    log.error('could not record a created payment session', { attemptId: attempt.id, paymentsSessionId: sessionId, error: String(error) });
    const moved = attempts.transitionAttempt(db, {
      attemptId: attempt.id,
      from: ['creating'],
      to: 'unknown',
      failureMessage: `Zoho created payment session ${sessionId} but Counter could not record it. Check the terminal before charging again.`,
      at: now(),
      actor: 'zoho',
      reason: `Session ${sessionId} created but not recorded: ${error instanceof Error ? error.message : String(error)}`,
    });
    const current = moved ?? attempts.requireAttempt(db, attempt.id);
    this.publish(current);
    return current;
  }

  private expectationOf(attempt: ChargeAttempt): AttemptExpectation {
    return {
      paymentsSessionId: attempt.paymentsSessionId,
      amountMinor: attempt.amountMinor,
      currency: attempt.currency,
      terminalId: attempt.terminalId,
      invoiceNumber: attempt.invoiceNumber,
    };
  }

  /** Tells the screens about a changed attempt, with its invoice as it now stands. */
  publish(attempt: ChargeAttempt): void {
    const invoice = invoices.requireInvoice(this.options.db, attempt.invoiceId);
    this.options.events.emit({ type: 'charge-updated', attempt, invoice });
  }
}
