// Charging an invoice on its counter's terminal, and following the session to its outcome.
// Order matters: the attempt is written before Zoho is called, the session id the moment it
// arrives, and only Zoho's retrieve answer may mark a payment succeeded or failed. Session ages,
// the late phase and holds run on a monotonic clock; the wall clock (`now`) only for what is
// recorded and shown.
import {
  chargeRateLimitedMessage,
  chargeRefusedMessage,
  chargeTroubleMessage,
  describeFailure,
  type ZohoTrouble,
} from '../../contract/failures';
import type { ChargeAttempt, DayClose } from '../../contract/records';
import { toRequestAmount } from '../../contract/money';
import { MAX_POLL_INTERVAL_MS, SESSION_VALIDITY_MS } from '../../contract/rules';
import type { ParsedInput } from '../../contract/handlers';
import * as attempts from '../../db/local/attempts';
import { insertCreatingAttempt, recordSessionCreated } from '../../db/local/charge-write-ahead';
import * as invoices from '../../db/local/invoices';
import { recordLateCharge } from '../after-sale/corrections';
import { isZohoError, surelyNotMade, ZohoError, zohoTrouble } from '../zoho/errors';
import type { ZohoSession } from '../zoho/schemas';
import { assessSession, findMismatch, isFinalStatus, type Assessment, type AttemptExpectation } from './assess';
import { Holds } from './holds';
import { Lifecycle, type WrittenAhead } from './lifecycle';
import type { CheckOutcome } from './poller';
import type { FollowingServiceOptions } from './service-options';

export interface ChargeTiming {
  /** How long Zoho keeps a pos_payment session open. */
  sessionValidityMs: number;
  /** Extra time after validity before the late phase, and on top of it for a hold: clock skew and a slow answer. */
  graceMs: number;
  /** Interval in the late phase (by default as seldom as Zoho allows). */
  lateIntervalMs: number;
  /** How long the late phase lasts before an attempt Zoho still calls open is handed to a person (unresolved). */
  lateWindowMs: number;
  /** Past the late window with no answer from Zoho (an outage): checks back off to this interval until Zoho answers. */
  outageIntervalMs: number;
  /** How long a charge may wait for a 429 pause to end before it is refused instead (not sent). */
  createPauseWaitMs: number;
}

export const DEFAULT_CHARGE_TIMING: ChargeTiming = {
  sessionValidityMs: SESSION_VALIDITY_MS,
  graceMs: 30_000,
  lateIntervalMs: MAX_POLL_INTERVAL_MS,
  lateWindowMs: 15 * 60_000,
  outageIntervalMs: 60_000,
  createPauseWaitMs: 10_000,
};

export interface ChargeServiceOptions extends FollowingServiceOptions {
  timing: ChargeTiming;
}

/** Zoho's answer to a create: the new session's id, and the session when its answer could be read. */
interface SessionMade {
  sessionId: string;
  session: ZohoSession | null;
}

type ChargeInput = ParsedInput<'charge-create'>;

export class ChargeService {
  private readonly lifecycle: Lifecycle<ChargeAttempt, ChargeInput, SessionMade>;
  private readonly holds: Holds;

  constructor(private readonly options: ChargeServiceOptions) {
    const { db } = options;
    // A charge's specifics; the lifecycle (create, record the id, follow, settle or correct) is shared with refunds.
    this.lifecycle = new Lifecycle(options, {
      kind: 'charge',
      stoppingMessage: 'Counter is stopping. Charge again once it has started.',
      createPauseWaitMs: options.timing.createPauseWaitMs,
      writeAhead: (input) => this.writeAhead(input),
      recordCreated: (attempt, made) => this.recordSession(attempt, made),
      createFailed: async (attempt, error) => this.createFailed(attempt, error),
      notSent: (attempt, waitMs, stopping) => this.notSent(attempt, waitMs, stopping),
      lostAnswer: (attempt) => this.lostAnswer(attempt, { actor: 'startup', reason: 'Counter stopped before Zoho answered the charge request' }),
      isFollowed: (attempt) => attempt.state === 'in_progress',
      // A person may ask again about one handed to them (unresolved).
      mayCheck: (attempt) => attempt.state === 'in_progress' || attempt.state === 'unresolved',
      ask: (attempt, actor) => this.ask(attempt, actor),
      bornAt: (attempt) => attempt.sessionCreatedAt ?? attempt.createdAt,
      load: (id) => attempts.requireAttempt(db, id),
      unfinished: () => attempts.listLiveAttempts(db),
      publish: (attempt) => this.publish(attempt),
    });
    this.holds = new Holds({
      db: options.db,
      now: options.now,
      log: options.log,
      durationMs: options.timing.sessionValidityMs + options.timing.graceMs,
      publish: (attempt) => this.publish(attempt),
    });
  }

  /** A person asked: checks the attempt with Zoho now (see Following.checkNow). */
  recheck(attemptId: string): Promise<void> {
    return this.lifecycle.recheck(attemptId);
  }

  /** Charges the invoice. Stopping waits for it: its session id is always recorded, never lost to a closed database. */
  create(input: ChargeInput): Promise<ChargeAttempt> {
    return this.lifecycle.create(input);
  }

  /** Refuses new charges, ends the hold timers and waits for every create under way (their HTTP calls time out, so this ends). */
  async stop(): Promise<void> {
    const creates = this.lifecycle.stop();
    this.holds.stop();
    await creates;
  }

  /** A manager who checked the terminal ends the attempt's hold now. */
  releaseHold(attemptId: string, note: string): ChargeAttempt {
    return this.holds.release(attemptId, note, 'manager') ?? attempts.requireAttempt(this.options.db, attemptId);
  }

  private async writeAhead(input: ChargeInput): Promise<WrittenAhead<ChargeAttempt, SessionMade>> {
    const { db, now } = this.options;
    const payments = this.options.payments();
    // The database reads the invoice and the counter once, in the transaction that writes the
    // attempt, and refuses there: an unknown invoice or counter, an invoice of another counter, a
    // paid or void invoice, one awaiting review (unless the cashier confirms having checked the
    // terminal), an inactive counter, and a second payment on an invoice or terminal that is live or on hold.
    const { attempt, counter } = insertCreatingAttempt(db, {
      invoiceId: input.invoiceId,
      counterId: input.counterId,
      method: input.method,
      ...(input.amountMinor === undefined ? {} : { amountMinor: input.amountMinor }),
      reviewAcknowledged: input.confirmChecked ?? false,
      at: now(),
      actor: 'cashier',
    });
    const send = async (): Promise<SessionMade> => {
      try {
        const session = await payments.createSession({
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
        return { sessionId: session.payments_session_id, session };
      } catch (error) {
        // An answer we cannot read that still names its session: the session exists, so follow it
        // (every retrieve is read and checked in full) rather than leave the payment unknown.
        if (isZohoError(error, 'malformed') && error.details.sessionId) return { sessionId: error.details.sessionId, session: null };
        throw error;
      }
    };
    return { record: attempt, send };
  }

  /** Stores the new session's id and checks what Zoho echoed (when it could be read); the lifecycle then follows it. */
  private recordSession(attempt: ChargeAttempt, { sessionId, session }: SessionMade): ChargeAttempt {
    const { db, now } = this.options;
    const sessionCreatedAt = now();
    // Logged before anything else can go wrong, so a failed write still leaves the id on record.
    this.options.log.info('payment session created', { attemptId: attempt.id, paymentsSessionId: sessionId, answerRead: session !== null });
    let created: ChargeAttempt;
    try {
      created =
        recordSessionCreated(db, attempt, { paymentsSessionId: sessionId, sessionCreatedAt, at: sessionCreatedAt }) ?? attempts.requireAttempt(db, attempt.id);
    } catch (error) {
      return this.sessionNotRecorded(attempt, sessionId, error);
    }
    const mismatch = session && findMismatch({ ...this.expectationOf(created), paymentsSessionId: null }, session);
    if (mismatch) created = attempts.setMismatch(db, created.id, mismatch, now());
    this.publish(created);
    return created;
  }

  /** One retrieve call for the attempt, applied to it. Used by the poller and by re-check. */
  private async ask(attempt: ChargeAttempt, actor: 'poller' | 'recheck'): Promise<CheckOutcome> {
    const { db } = this.options;
    if (!attempt.paymentsSessionId) return this.finished(attempt.id);
    let session: ZohoSession;
    try {
      session = await this.options.payments().retrieveSession(attempt.paymentsSessionId);
    } catch (error) {
      return this.checkFailed(attempt, error);
    }
    this.options.onZohoTrouble(null);
    const polled = attempts.recordPoll(db, attempt.id, this.options.now());
    return this.apply(polled, session, actor);
  }

  /**
   * Resumes after a restart: running holds start over (see holds.ts); `creating` lost its answer
   * (unknown, and now on hold); `in_progress` is checked again.
   */
  resume(): void {
    this.holds.resume();
    this.lifecycle.resume();
  }

  private apply(attempt: ChargeAttempt, session: ZohoSession, actor: string): CheckOutcome {
    return this.lifecycle.settle(
      attempt,
      () => this.applyToOpenDay(attempt, session, actor),
      (close) => this.applyToClosedDay(attempt, session, close),
    );
  }

  private applyToOpenDay(attempt: ChargeAttempt, session: ZohoSession, actor: string): CheckOutcome {
    const { db, now } = this.options;
    const assessment = assessSession(this.expectationOf(attempt), session);
    if (assessment.kind === 'mismatch') return this.followMismatch(attempt, assessment);
    const newlyDeclined = assessment.declinedTries.filter((declined) => attempts.addDeclinedTry(db, attempt.id, declined, now()));
    if (assessment.kind === 'in_progress') {
      if (assessment.unknownStatus !== null) this.noteUnknownStatus(attempt, assessment.unknownStatus);
      // Published on every answer, so the screens can show when it was last checked.
      this.publish(attempts.requireAttempt(db, attempt.id));
      if (newlyDeclined.length > 0) this.options.log.info('declined try inside a live session', { attemptId: attempt.id });
      return this.stillOpen(attempt);
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
    return this.finished(attempt.id);
  }

  /**
   * The attempt's day is closed, so the attempt never changes: Zoho's final word (a re-check of an
   * unresolved payment) is kept as a correction on a later, open day, and noted in its history.
   */
  private applyToClosedDay(attempt: ChargeAttempt, session: ZohoSession, close: DayClose): { corrected: boolean; result: CheckOutcome } {
    const { db, now } = this.options;
    const assessment = assessSession(this.expectationOf(attempt), session);
    const status = assessment.kind === 'mismatch' ? assessment.sessionStatus : assessment.kind;
    if (status === 'in_progress') return { corrected: false, result: attempt.state === 'unresolved' ? this.finished(attempt.id) : { done: false } };
    const toState = assessment.kind === 'mismatch' ? 'unresolved' : assessment.kind;
    const paymentId = assessment.kind === 'succeeded' || assessment.kind === 'mismatch' ? assessment.paymentId : null;
    const detail =
      assessment.kind === 'mismatch'
        ? `${assessment.detail}. Zoho reports the session ${assessment.sessionStatus}: a person must decide.`
        : assessment.kind === 'succeeded'
          ? 'Zoho reports the payment succeeded'
          : `Zoho reports the payment failed (${assessment.kind === 'failed' ? (assessment.failureCode ?? 'no code') : ''})`;
    recordLateCharge(db, attempt, close, { toState, paymentId, detail, actor: 'zoho', now: now() });
    return { corrected: true, result: this.finished(attempt.id) };
  }

  /** Zoho sent a status Counter does not know: logged each time, and recorded in the trail once per status. */
  private noteUnknownStatus(attempt: ChargeAttempt, status: string): void {
    this.options.log.warn('zoho sent an unknown session status', { attemptId: attempt.id, sessionStatus: status });
    const seen = this.lifecycle.age(attempt).noted;
    if (seen.has(status)) return;
    seen.add(status);
    attempts.noteOnAttempt(this.options.db, {
      attemptId: attempt.id,
      at: this.options.now(),
      actor: 'zoho',
      reason: `Zoho reported a session status Counter does not know ("${status.slice(0, 40)}"): the payment is checked again until Zoho says succeeded or failed`,
    });
  }

  /**
   * Zoho answered that the session is not final: keep checking, more slowly after its validity;
   * once the late window has passed, hand it to a person (unresolved).
   */
  private stillOpen(attempt: ChargeAttempt): CheckOutcome {
    if (attempt.state === 'unresolved') return this.finished(attempt.id);
    const phase = this.phaseOf(attempt);
    if (phase === 'live') return { done: false };
    if (phase === 'late') return { done: false, minIntervalMs: this.options.timing.lateIntervalMs };
    const { db, now } = this.options;
    const moved = attempts.transitionAttempt(db, {
      attemptId: attempt.id,
      from: ['in_progress'],
      to: 'unresolved',
      at: now(),
      actor: 'poller',
      reason: 'Zoho still gave no final status long after the session expired; a person must check',
    });
    if (moved) this.publish(moved);
    return this.finished(attempt.id);
  }

  /**
   * No answer about the session (Zoho unreachable, our access refused, an answer we cannot read,
   * a 429): nothing is known, so the state stays. Past the late window the attempt is not handed
   * to a person for an outage: it is asked about ever more seldom, up to once every
   * outageIntervalMs, until Zoho answers.
   */
  private unanswered(attempt: ChargeAttempt): CheckOutcome {
    if (attempt.state === 'unresolved') return this.finished(attempt.id);
    const { lateIntervalMs, outageIntervalMs } = this.options.timing;
    const phase = this.phaseOf(attempt);
    if (phase === 'live') return { done: false };
    if (phase === 'late') return { done: false, minIntervalMs: lateIntervalMs };
    const followed = this.lifecycle.age(attempt);
    followed.missed += 1;
    return { done: false, minIntervalMs: Math.min(outageIntervalMs, lateIntervalMs * 2 ** followed.missed) };
  }

  /** live: within the session's validity and grace; late: within the late window after it; over: past both. */
  private phaseOf(attempt: ChargeAttempt): 'live' | 'late' | 'over' {
    const { sessionValidityMs, graceMs, lateWindowMs } = this.options.timing;
    const age = this.lifecycle.ageOf(attempt);
    if (age < sessionValidityMs + graceMs) return 'live';
    return age < sessionValidityMs + graceMs + lateWindowMs ? 'late' : 'over';
  }

  private finished(attemptId: string): CheckOutcome {
    return this.lifecycle.done(attemptId);
  }

  private checkFailed(attempt: ChargeAttempt, error: unknown): CheckOutcome {
    if (isZohoError(error, 'rate_limited')) {
      return { ...this.unanswered(attempt), pauseAllMs: error.details.retryAfterMs ?? 60_000 };
    }
    const trouble = zohoTrouble(error);
    this.options.onZohoTrouble(trouble);
    this.options.log.warn('checking a payment failed', {
      attemptId: attempt.id,
      kind: error instanceof ZohoError ? error.kind : 'unexpected',
      error: error instanceof Error ? error.message : String(error),
    });
    // Zoho answered, refusing the question (an unknown session, a refused request): that is an
    // answer about the session. Anything else told us nothing about it.
    return trouble === null ? this.stillOpen(attempt) : this.unanswered(attempt);
  }

  private createFailed(attempt: ChargeAttempt, error: unknown): ChargeAttempt {
    const nothingCreated = surelyNotMade(error);
    const trouble = zohoTrouble(error);
    this.options.onZohoTrouble(trouble);
    const message = error instanceof Error ? error.message : String(error);
    if (!nothingCreated) return this.lostAnswer(attempt, { actor: 'zoho', reason: `No clear answer to the charge request: ${message}`, trouble: trouble ?? 'unreachable' });
    // (The lifecycle has paused every call for a 429.)
    const retryAfterMs = isZohoError(error, 'rate_limited') ? (error.details.retryAfterMs ?? 60_000) : null;
    let shown: string;
    if (retryAfterMs !== null) shown = chargeRateLimitedMessage(retryAfterMs);
    else if (trouble) shown = chargeTroubleMessage(trouble, 'not_sent');
    else shown = chargeRefusedMessage(message);
    return this.reject(attempt, {
      failureCode: error instanceof ZohoError ? (error.details.zohoCode ?? null) : null,
      failureMessage: shown,
      reason: `Zoho refused the charge: ${message}`,
    });
  }

  /** The budget would not let the create go soon enough (a long 429 pause), or Counter is stopping: nothing was sent. */
  private notSent(attempt: ChargeAttempt, waitMs: number, stopping: boolean): ChargeAttempt {
    return this.reject(attempt, {
      failureCode: null,
      failureMessage: stopping ? 'Counter was stopping, so nothing was sent to the terminal. Charge again once it has started.' : chargeRateLimitedMessage(waitMs),
      reason: stopping ? 'Not sent: Counter was stopping' : `Not sent: Zoho asked Counter to wait ${Math.ceil(waitMs / 1000)} s`,
    });
  }

  private reject(attempt: ChargeAttempt, outcome: { failureCode: string | null; failureMessage: string; reason: string }): ChargeAttempt {
    const { db, now } = this.options;
    const moved = attempts.transitionAttempt(db, { attemptId: attempt.id, from: ['creating'], to: 'rejected', ...outcome, at: now(), actor: 'zoho' });
    const current = moved ?? attempts.requireAttempt(db, attempt.id);
    this.publish(current);
    return current;
  }

  /**
   * The create's answer was lost (timeout, 5xx, unreadable, or Counter stopped after sending): Zoho
   * may have made a session that is live on the terminal. The attempt becomes unknown and holds
   * its terminal and invoice until that session has surely expired.
   */
  private lostAnswer(attempt: ChargeAttempt, cause: { actor: string; reason: string; trouble?: ZohoTrouble; failureMessage?: string }): ChargeAttempt {
    const { db, now } = this.options;
    const moved = attempts.transitionAttempt(db, {
      attemptId: attempt.id,
      from: ['creating'],
      to: 'unknown',
      holdUntil: this.holds.untilFromNow(),
      ...(cause.failureMessage || cause.trouble ? { failureMessage: cause.failureMessage ?? chargeTroubleMessage(cause.trouble ?? 'unreachable', 'unknown') } : {}),
      at: now(),
      actor: cause.actor,
      reason: cause.reason,
    });
    if (moved) this.holds.schedule(moved.id);
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
    if (!isFinalStatus(found.sessionStatus)) {
      this.publish(flagged);
      return this.stillOpen(flagged);
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
    return this.finished(attempt.id);
  }

  /** Zoho created the session but it could not be written down: keep its id in the trail and ask a person. */
  private sessionNotRecorded(attempt: ChargeAttempt, sessionId: string, error: unknown): ChargeAttempt {
    this.options.log.error('could not record a created payment session', { attemptId: attempt.id, paymentsSessionId: sessionId, error: String(error) });
    return this.lostAnswer(attempt, {
      actor: 'zoho',
      reason: `Session ${sessionId} created but not recorded: ${error instanceof Error ? error.message : String(error)}`,
      failureMessage: `Zoho created payment session ${sessionId} but Counter could not record it. Check the terminal before charging again.`,
    });
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
