import { beforeEach, describe, expect, it } from 'vitest';
import {
  addDeclinedTry,
  finalizeAttempt,
  getAttempt,
  getAttemptBySessionId,
  latestAttemptForCounter,
  listAttemptsForInvoice,
  listLiveAttempts,
  markSessionCreated,
  recordPoll,
  setMismatch,
  transitionAttempt,
} from './attempts';
import { deactivateCounter } from './counters';
import type { Db } from './database';
import { ConflictError, InvalidStateError, InvoiceOfAnotherCounterError, NotFoundError } from './errors';
import { listEventsForAttempt } from './events';
import { getInvoice, voidInvoice } from './invoices';
import { GENERATED_ID, T0, caught, failAttempt, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
let db: Db;
beforeEach(() => {
  db = temp.db;
});

const later = { at: T0 + 1000, actor: 'poller', reason: 'test' };

describe('insertCreatingAttempt', () => {
  it("records the invoice's amount on the counter's terminal, in state creating, with its first event", () => {
    const counter = makeCounter(db, { terminalId: '87971593' });
    const invoice = makeInvoice(db, counter, { totalMinor: 10050 });
    const attempt = startAttempt(db, invoice, { method: 'upi' });
    expect(attempt.id).toMatch(GENERATED_ID);
    expect(attempt).toEqual({
      id: attempt.id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      counterId: counter.id,
      terminalId: '87971593',
      amountMinor: 10050,
      currency: 'INR',
      method: 'upi',
      paymentsSessionId: null,
      state: 'creating',
      failureCode: null,
      failureMessage: null,
      paymentId: null,
      paidMethod: null,
      declinedTries: [],
      mismatch: null,
      createdAt: T0,
      updatedAt: T0,
      finalAt: null,
      lastPolledAt: null,
      pollCount: 0,
      sessionCreatedAt: null,
      review: null,
      hold: null,
    });
    expect(listEventsForAttempt(db, attempt.id)).toEqual([
      { id: 1, attemptId: attempt.id, at: T0, fromState: null, toState: 'creating', actor: 'cashier', reason: 'Charge upi on terminal 87971593' },
    ]);
  });

  it('refuses a second live payment on the invoice, then on the terminal, saying which', () => {
    const counter = makeCounter(db);
    const invoice = makeInvoice(db, counter);
    startAttempt(db, invoice);
    expect(caught(() => startAttempt(db, invoice), ConflictError)).toMatchObject({
      record: 'chargeAttempt',
      field: 'invoiceId',
    });
    expect(caught(() => startAttempt(db, makeInvoice(db, counter)), ConflictError)).toMatchObject({
      record: 'chargeAttempt',
      field: 'terminalId',
    });
  });

  it('allows the next payment on the terminal and invoice once the live one has ended', () => {
    const invoice = makeInvoice(db, makeCounter(db));
    const first = markInProgress(db, startAttempt(db, invoice));
    failAttempt(db, first, 'insufficient_funds');
    expect(getInvoice(db, invoice.id)?.status).toBe('payment_failed');
    expect(startAttempt(db, invoice).state).toBe('creating');
  });

  it('refuses a paid or void invoice, and an inactive counter', () => {
    const counter = makeCounter(db);
    const paid = makeInvoice(db, counter);
    succeedAttempt(db, markInProgress(db, startAttempt(db, paid)), 'P1');
    expect(caught(() => startAttempt(db, paid), InvalidStateError).reason).toBe('invoice_paid');

    const voided = makeInvoice(db, counter);
    voidInvoice(db, voided.id);
    expect(caught(() => startAttempt(db, voided), InvalidStateError).reason).toBe('invoice_void');

    const open = makeInvoice(db, counter);
    deactivateCounter(db, counter.id);
    expect(caught(() => startAttempt(db, open), InvalidStateError).reason).toBe('counter_inactive');
  });

  it('refuses unknown invoices and counters, naming the input field', () => {
    const counter = makeCounter(db);
    const invoice = makeInvoice(db, counter);
    expect(caught(() => startAttempt(db, { ...invoice, id: 'missing' }), NotFoundError)).toMatchObject({ record: 'invoice', field: 'invoiceId' });
    expect(caught(() => startAttempt(db, invoice, { counter: { ...counter, id: 'missing' } }), NotFoundError)).toMatchObject({
      record: 'counter',
      field: 'counterId',
    });
  });

  it("refuses an invoice of another counter, before anything else about it, writing nothing", () => {
    const invoice = makeInvoice(db, makeCounter(db), { number: 'A-000007' });
    voidInvoice(db, invoice.id);
    const error = caught(() => startAttempt(db, invoice, { counter: makeCounter(db) }), InvoiceOfAnotherCounterError);
    expect(error).toMatchObject({ field: 'invoiceId', message: 'Invoice A-000007 belongs to another counter.' });
    expect(listAttemptsForInvoice(db, invoice.id)).toEqual([]);
  });

  it('refuses an invoice whose earlier payment has an unknown outcome, until a person has checked', () => {
    const invoice = makeInvoice(db, makeCounter(db));
    const lost = startAttempt(db, invoice);
    transitionAttempt(db, { attemptId: lost.id, from: ['creating'], to: 'unknown', ...later });
    expect(caught(() => startAttempt(db, invoice), InvalidStateError).reason).toBe('invoice_needs_review');
    expect(startAttempt(db, invoice, { reviewAcknowledged: true }).state).toBe('creating');
  });

  it('asks once per unknown outcome: after a checked charge reached Zoho and failed, the next needs no check', () => {
    const invoice = makeInvoice(db, makeCounter(db));
    const lost = startAttempt(db, invoice, { at: T0 });
    transitionAttempt(db, { attemptId: lost.id, from: ['creating'], to: 'unknown', ...later });
    // A refusal (e.g. the terminal still busy with the lost session) proves nothing: ask again.
    const refused = startAttempt(db, invoice, { reviewAcknowledged: true, at: T0 + 1 });
    transitionAttempt(db, { attemptId: refused.id, from: ['creating'], to: 'rejected', ...later });
    expect(caught(() => startAttempt(db, invoice, { at: T0 + 2 }), InvalidStateError).reason).toBe('invoice_needs_review');
    const checked = markInProgress(db, startAttempt(db, invoice, { reviewAcknowledged: true, at: T0 + 3 }));
    finalizeAttempt(db, { attemptId: checked.id, from: ['in_progress'], to: 'failed', failureCode: 'insufficient_funds', failureMessage: null, ...later });
    const next = startAttempt(db, invoice, { at: T0 + 4 });
    expect(next.state).toBe('creating');
    transitionAttempt(db, { attemptId: next.id, from: ['creating'], to: 'unknown', ...later });
    expect(caught(() => startAttempt(db, invoice, { at: T0 + 5 }), InvalidStateError).reason).toBe('invoice_needs_review');
  });
});

describe('markSessionCreated', () => {
  it('moves creating to in_progress with the session id and time, once', () => {
    const attempt = startAttempt(db, makeInvoice(db, makeCounter(db)));
    const session = { attemptId: attempt.id, paymentsSessionId: 'PS-1', sessionCreatedAt: T0 + 500, at: T0 + 600 };
    const moved = markSessionCreated(db, session);
    expect(moved).toMatchObject({ state: 'in_progress', paymentsSessionId: 'PS-1', sessionCreatedAt: T0 + 500, updatedAt: T0 + 600 });
    expect(getAttemptBySessionId(db, 'PS-1')?.id).toBe(attempt.id);
    expect(getAttemptBySessionId(db, 'PS-2')).toBeNull();
    expect(markSessionCreated(db, session)).toBeNull();
    expect(listEventsForAttempt(db, attempt.id).map((e) => [e.fromState, e.toState, e.actor])).toEqual([
      [null, 'creating', 'cashier'],
      ['creating', 'in_progress', 'zoho'],
    ]);
  });
});

describe('transitionAttempt', () => {
  it('does nothing when the attempt is no longer in a `from` state (a stale caller)', () => {
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    const before = getAttempt(db, attempt.id);
    expect(transitionAttempt(db, { attemptId: attempt.id, from: ['creating'], to: 'unknown', ...later })).toBeNull();
    expect(getAttempt(db, attempt.id)).toEqual(before);
    expect(listEventsForAttempt(db, attempt.id)).toHaveLength(2);
  });

  it('sets the given fields, and final_at when the new state is final', () => {
    const attempt = startAttempt(db, makeInvoice(db, makeCounter(db)));
    const rejected = transitionAttempt(db, {
      attemptId: attempt.id,
      from: ['creating'],
      to: 'rejected',
      failureCode: 'invalid_terminal',
      failureMessage: 'Terminal not found',
      at: T0 + 700,
      actor: 'zoho',
      reason: 'Zoho refused the charge',
    });
    expect(rejected).toMatchObject({
      state: 'rejected',
      failureCode: 'invalid_terminal',
      failureMessage: 'Terminal not found',
      finalAt: T0 + 700,
      updatedAt: T0 + 700,
    });
    expect(listEventsForAttempt(db, attempt.id).at(-1)).toMatchObject({
      fromState: 'creating',
      toState: 'rejected',
      at: T0 + 700,
      actor: 'zoho',
      reason: 'Zoho refused the charge',
    });
    expect(getInvoice(db, attempt.invoiceId)?.status).toBe('open');
  });

  it('refuses to bring an attempt back to life on a terminal busy with another payment', () => {
    const counter = makeCounter(db);
    const lost = startAttempt(db, makeInvoice(db, counter));
    transitionAttempt(db, { attemptId: lost.id, from: ['creating'], to: 'unknown', ...later });
    startAttempt(db, makeInvoice(db, counter));
    const revive = (): unknown =>
      transitionAttempt(db, { attemptId: lost.id, from: ['unknown'], to: 'in_progress', paymentsSessionId: 'S', ...later });
    expect(caught(revive, ConflictError).field).toBe('terminalId');
    expect(getAttempt(db, lost.id)?.state).toBe('unknown');
  });

  it('throws for an unknown attempt', () => {
    expect(() => transitionAttempt(db, { attemptId: 'missing', from: ['creating'], to: 'unknown', ...later })).toThrow(NotFoundError);
  });
});

describe('finalizeAttempt', () => {
  it('on success marks the attempt succeeded, the invoice paid and appends the event, together', () => {
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    const done = succeedAttempt(db, attempt, 'PAY-1');
    expect(done).toMatchObject({ state: 'succeeded', paymentId: 'PAY-1', paidMethod: 'visa', finalAt: T0 + 5000, updatedAt: T0 + 5000 });
    expect(getInvoice(db, attempt.invoiceId)).toMatchObject({ status: 'paid', paidAt: T0 + 5000 });
    expect(db.prepare('SELECT payment_id FROM invoices WHERE id = ?').get(attempt.invoiceId)).toEqual({ payment_id: 'PAY-1' });
    expect(listEventsForAttempt(db, attempt.id).at(-1)).toMatchObject({ fromState: 'in_progress', toState: 'succeeded', actor: 'poller' });
  });

  it('changes nothing at all when any part fails', () => {
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    db.exec(`CREATE TEMP TRIGGER refuse_invoice_update BEFORE UPDATE ON invoices BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    expect(() => succeedAttempt(db, attempt, 'PAY-1')).toThrow(/disk trouble/);
    expect(getAttempt(db, attempt.id)).toEqual(attempt);
    expect(getInvoice(db, attempt.invoiceId)?.status).toBe('open');
    expect(listEventsForAttempt(db, attempt.id)).toHaveLength(2);
  });

  it('on failure records the code and marks the invoice payment_failed', () => {
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    const failed = finalizeAttempt(db, {
      attemptId: attempt.id,
      from: ['in_progress'],
      to: 'failed',
      failureCode: 'insufficient_funds',
      failureMessage: 'The card has insufficient funds.',
      paymentId: 'PAY-F',
      ...later,
    });
    expect(failed).toMatchObject({ state: 'failed', failureCode: 'insufficient_funds', paymentId: 'PAY-F', finalAt: later.at });
    expect(getInvoice(db, attempt.invoiceId)).toMatchObject({ status: 'payment_failed', paidAt: null });
  });

  it('does nothing for a stale caller', () => {
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    succeedAttempt(db, attempt, 'PAY-1');
    expect(failAttempt(db, attempt)).toBeNull();
    expect(getAttempt(db, attempt.id)?.state).toBe('succeeded');
    expect(getInvoice(db, attempt.invoiceId)?.status).toBe('paid');
  });

  it('keeps a paid invoice paid when a late attempt fails, and flags a late second success as a double charge', () => {
    const invoice = makeInvoice(db, makeCounter(db));
    const first = markInProgress(db, startAttempt(db, invoice), 'S-first');
    transitionAttempt(db, { attemptId: first.id, from: ['in_progress'], to: 'unresolved', ...later });
    const second = markInProgress(db, startAttempt(db, invoice, { reviewAcknowledged: true }), 'S-second');
    succeedAttempt(db, second, 'PAY-2');

    const lateSuccess = succeedAttempt(db, first, 'PAY-1', ['unresolved']);
    expect(lateSuccess).toMatchObject({ state: 'succeeded', paymentId: 'PAY-1' });
    expect(lateSuccess?.mismatch).toMatch(/already paid.*PAY-1.*refunded/);
    expect(getInvoice(db, invoice.id)).toMatchObject({ status: 'paid', paidAt: T0 + 5000 });
    expect(db.prepare('SELECT payment_id FROM invoices WHERE id = ?').get(invoice.id)).toEqual({ payment_id: 'PAY-2' });
  });
});

describe('polls, declined tries and mismatches', () => {
  it('counts polls without an event or a change of updated_at', () => {
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    recordPoll(db, attempt.id, T0 + 5000);
    const polled = recordPoll(db, attempt.id, T0 + 10_000);
    expect(polled).toMatchObject({ pollCount: 2, lastPolledAt: T0 + 10_000, updatedAt: attempt.updatedAt });
    expect(listEventsForAttempt(db, attempt.id)).toHaveLength(2);
    expect(() => recordPoll(db, 'missing', T0)).toThrow(NotFoundError);
  });

  it('adds each declined try once, by payment id', () => {
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    const first = { paymentId: 'D1', failureCode: 'card_declined', method: 'card', at: T0 + 100 };
    const second = { paymentId: 'D2', failureCode: null, method: null, at: T0 + 200 };
    expect(addDeclinedTry(db, attempt.id, first, T0 + 300)?.declinedTries).toEqual([first]);
    expect(addDeclinedTry(db, attempt.id, first, T0 + 400)).toBeNull();
    const updated = addDeclinedTry(db, attempt.id, second, T0 + 500);
    expect(updated).toMatchObject({ declinedTries: [first, second], updatedAt: T0 + 500 });
    expect(() => addDeclinedTry(db, 'missing', first, T0)).toThrow(NotFoundError);
  });

  it('records a mismatch', () => {
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    expect(setMismatch(db, attempt.id, 'Zoho shows amount 100.00, expected 100.50', T0 + 900)).toMatchObject({
      mismatch: 'Zoho shows amount 100.00, expected 100.50',
      updatedAt: T0 + 900,
    });
    expect(() => setMismatch(db, 'missing', 'x', T0)).toThrow(NotFoundError);
  });
});

describe('attempt queries', () => {
  it('lists the live attempts (creating, in_progress) oldest first, and nothing else', () => {
    const counters = [makeCounter(db), makeCounter(db), makeCounter(db), makeCounter(db)];
    const [creating, running, lost, done] = counters.map((counter, i) => startAttempt(db, makeInvoice(db, counter), { at: T0 + i }));
    if (!creating || !running || !lost || !done) throw new Error('four attempts expected');
    markInProgress(db, running);
    transitionAttempt(db, { attemptId: lost.id, from: ['creating'], to: 'unknown', ...later });
    succeedAttempt(db, markInProgress(db, done), 'P');
    expect(listLiveAttempts(db).map((a) => [a.id, a.state])).toEqual([
      [creating.id, 'creating'],
      [running.id, 'in_progress'],
    ]);
  });

  it("finds a counter's latest attempt and an invoice's attempts in order", () => {
    const counter = makeCounter(db);
    const invoice = makeInvoice(db, counter);
    expect(latestAttemptForCounter(db, counter.id)).toBeNull();
    const first = startAttempt(db, invoice, { at: T0 });
    transitionAttempt(db, { attemptId: first.id, from: ['creating'], to: 'rejected', ...later });
    const second = startAttempt(db, invoice, { at: T0 + 2000 });
    expect(latestAttemptForCounter(db, counter.id)?.id).toBe(second.id);
    expect(listAttemptsForInvoice(db, invoice.id).map((a) => a.id)).toEqual([first.id, second.id]);
    expect(getAttempt(db, 'missing')).toBeNull();
  });
});
