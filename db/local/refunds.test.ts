// Refunds as the repository writes them: the paid payment, what is left of it, the one unsettled
// refund at a time, a repeated request finding the same refund, and the audit trail.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChargeAttempt } from '../../contract/records';
import type { Db } from './database';
import { InvalidStateError, RefundExceedsPaymentError, ConflictError } from './errors';
import { committedRefundMinor, insertCreatingRefund, listRefundEvents, listRefundsForAttempt, transitionRefund, type NewRefund } from './refunds';
import { T0, caught, failAttempt, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
let db: Db;
let paid: ChargeAttempt;
let seq = 0;

const ask = (amountMinor: number, overrides: Partial<NewRefund> = {}) =>
  insertCreatingRefund(db, { attemptId: paid.id, amountMinor, reason: 'requested_by_customer', note: null, requestKey: `key-${(seq += 1)}-0000`, at: T0 + 60_000, actor: 'manager', ...overrides });

beforeEach(() => {
  db = temp.db;
  const counter = makeCounter(db);
  paid = succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, counter, { totalMinor: 10_050 })))) ?? (() => { throw new Error('not paid'); })();
});

describe('insertCreatingRefund', () => {
  it('records the refund before Zoho is asked, with its first event', () => {
    const { refund, repeated } = ask(4_000, { note: 'Damaged box' });
    expect(repeated).toBe(false);
    expect(refund).toMatchObject({ attemptId: paid.id, paymentId: paid.paymentId, amountMinor: 4_000, state: 'creating', note: 'Damaged box', zohoRefundId: null });
    expect(listRefundEvents(db, refund.id)).toMatchObject([{ fromState: null, toState: 'creating', actor: 'manager' }]);
  });

  it('a repeated request (same key) is the same refund, and makes no second one', () => {
    const first = ask(4_000, { requestKey: 'double-click-1' });
    const second = ask(4_000, { requestKey: 'double-click-1' });
    expect(second).toEqual({ refund: first.refund, repeated: true });
    expect(listRefundsForAttempt(db, paid.id)).toHaveLength(1);
  });

  it('refuses the same key for another payment', () => {
    ask(100, { requestKey: 'shared-key-1' });
    const other = succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db)))));
    expect(caught(() => ask(100, { requestKey: 'shared-key-1', attemptId: other?.id ?? '' }), ConflictError).field).toBe('requestKey');
  });

  it('refuses more than is left of the payment, saying how much is left', () => {
    const first = ask(6_000).refund;
    transitionRefund(db, { refundId: first.id, from: ['creating'], to: 'initiated', zohoRefundId: 'Z1', at: T0, actor: 'zoho', reason: 'created' });
    const refused = caught(() => ask(4_051), RefundExceedsPaymentError);
    expect([refused.leftMinor, refused.paymentMinor, refused.field]).toEqual([4_050, 10_050, 'amountMinor']);
    ask(4_050);
    expect(committedRefundMinor(db, paid.id)).toBe(10_050);
  });

  it('a refund that refunded nothing gives its amount back', () => {
    const first = ask(10_050).refund;
    transitionRefund(db, { refundId: first.id, from: ['creating'], to: 'rejected', failureReason: 'validation', at: T0, actor: 'zoho', reason: 'refused' });
    expect(ask(10_050).refund.state).toBe('creating');
  });

  it('holds the payment while a refund has no answer: one unsettled refund at a time', () => {
    const lost = ask(1_000).refund;
    transitionRefund(db, { refundId: lost.id, from: ['creating'], to: 'unknown', at: T0, actor: 'zoho', reason: 'lost' });
    expect(caught(() => ask(1_000), InvalidStateError).reason).toBe('refund_unsettled');
  });

  it('refuses a payment that was not paid', () => {
    const declined = failAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db)))));
    expect(caught(() => ask(100, { attemptId: declined?.id ?? '' }), InvalidStateError).reason).toBe('payment_not_paid');
  });

  it('is refused by the database itself when two connections race for the rest of the payment', () => {
    const other = temp.connect();
    ask(10_000);
    // A second station that checked before the first wrote: the trigger still refuses its insert.
    expect(() =>
      other
        .prepare(
          `INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at)
           VALUES ('race', ?, ?, ?, ?, 100, 'INR', 'others', 'race-key', 'creating', ?, ?)`,
        )
        .run(paid.id, paid.invoiceId, paid.counterId, paid.paymentId, T0, T0),
    ).toThrow(/more than the payment/);
  });
});

describe('transitionRefund', () => {
  it('is a compare-and-set with an event; a final state stays final', () => {
    const refund = ask(500).refund;
    const moved = transitionRefund(db, { refundId: refund.id, from: ['creating'], to: 'initiated', zohoRefundId: 'Z9', at: T0 + 1, actor: 'zoho', reason: 'created' });
    expect(moved).toMatchObject({ state: 'initiated', zohoRefundId: 'Z9', finalAt: null });
    expect(transitionRefund(db, { refundId: refund.id, from: ['creating'], to: 'unknown', at: T0 + 2, actor: 'x', reason: 'stale' })).toBeNull();
    const done = transitionRefund(db, { refundId: refund.id, from: ['initiated'], to: 'succeeded', at: T0 + 3, actor: 'poller', reason: 'done' });
    expect(done).toMatchObject({ state: 'succeeded', finalAt: T0 + 3 });
    expect(() => db.prepare("UPDATE refunds SET state = 'failed' WHERE id = ?").run(refund.id)).toThrow(/final state/);
    expect(listRefundEvents(db, refund.id).map((event) => event.toState)).toEqual(['creating', 'initiated', 'succeeded']);
  });
});
