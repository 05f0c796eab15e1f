// A day's totals with cash sales, refunds and corrections: collected, refunded, net, by tender and
// by counter with each drawer's expected cash.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Counter } from '../../contract/records';
import type { Db } from './database';
import { closeDay, recordCorrection } from './day-closes';
import { dayTotals } from './ledger';
import { insertCreatingRefund, transitionRefund } from './refunds';
import { settleInCash } from './tenders';
import { T0, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
const DAY = { fromMs: T0 - 10 * 3_600_000, toMs: T0 + 14 * 3_600_000, day: '2025-01-15' };
let db: Db;
let front: Counter;
let back: Counter;

function cardSale(counter: Counter, amountMinor: number, method: 'card' | 'upi' = 'card') {
  return succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, counter, { totalMinor: amountMinor }), { method })));
}

function cashSale(counter: Counter, amountMinor: number, tenderedMinor: number, at = T0 + 3_600_000) {
  return settleInCash(db, { invoiceId: makeInvoice(db, counter, { totalMinor: amountMinor }).id, counterId: counter.id, tenderedMinor, at });
}

beforeEach(() => {
  db = temp.db;
  front = makeCounter(db, { name: 'Front' });
  back = makeCounter(db, { name: 'Back' });
  makeCounter(db, { name: 'Idle' });
});

describe('day totals with cash and refunds', () => {
  it('collects card, UPI and cash, takes refunds off, and tells each drawer its cash', () => {
    const card = cardSale(front, 10_000);
    cardSale(back, 2_500, 'upi');
    cashSale(front, 4_550, 5_000);
    cashSale(back, 1_000, 2_000);
    const done = insertCreatingRefund(db, { attemptId: card?.id ?? '', amountMinor: 3_000, reason: 'others', note: null, requestKey: 'refund-done', at: T0 + 7_200_000, actor: 'manager' }).refund;
    transitionRefund(db, { refundId: done.id, from: ['creating'], to: 'succeeded', zohoRefundId: 'Z1', at: T0, actor: 'zoho', reason: 'done' });
    insertCreatingRefund(db, { attemptId: card?.id ?? '', amountMinor: 1_000, reason: 'others', note: null, requestKey: 'refund-open', at: T0 + 7_200_000, actor: 'manager' });

    const totals = dayTotals(db, DAY);

    expect(totals).toMatchObject({ collectedMinor: 18_050, refundedMinor: 3_000, refundsInProgressMinor: 1_000, netMinor: 15_050 });
    expect(totals.byTender).toEqual([
      { tender: 'card', count: 1, amountMinor: 10_000 },
      { tender: 'upi', count: 1, amountMinor: 2_500 },
      { tender: 'cash', count: 2, amountMinor: 5_550 },
    ]);
    expect(totals.byCounter).toEqual([
      { counterId: front.id, cardMinor: 10_000, upiMinor: 0, cashMinor: 4_550, refundedMinor: 3_000, cashExpectedMinor: 4_550, correctedMinor: 0 },
      { counterId: back.id, cardMinor: 0, upiMinor: 2_500, cashMinor: 1_000, refundedMinor: 0, cashExpectedMinor: 1_000, correctedMinor: 0 },
    ]);
    expect(totals.collectedByHour.reduce((sum, amount) => sum + amount, 0)).toBe(18_050);
    expect(dayTotals(db, { ...DAY, counterId: back.id })).toMatchObject({ collectedMinor: 3_500, refundedMinor: 0 });
    // A state or method filter narrows to card/UPI attempts.
    expect(dayTotals(db, { ...DAY, method: 'card' })).toMatchObject({ collectedMinor: 10_000, refundedMinor: 0, byCounter: [expect.objectContaining({ cashMinor: 0 })] });
  });

  it('counts a correction for a closed day on the day it is recorded on', () => {
    closeDay(db, { day: '2025-01-14', fromMs: DAY.fromMs - 86_400_000, toMs: DAY.fromMs, closedBy: 'Asha', awaitingReview: 1, summary: {}, at: DAY.fromMs });
    recordCorrection(db, {
      day: DAY.day,
      closedDay: '2025-01-14',
      recordKind: 'charge',
      recordId: 'a-yesterday',
      counterId: back.id,
      invoiceNumber: 'B-9',
      fromState: 'unresolved',
      toState: 'succeeded',
      amountMinor: 7_000,
      paymentId: 'P9',
      detail: 'late',
      at: T0,
    });
    const totals = dayTotals(db, DAY);
    expect(totals).toMatchObject({ collectedMinor: 7_000, netMinor: 7_000 });
    expect(totals.byCounter).toEqual([expect.objectContaining({ counterId: back.id, correctedMinor: 7_000 })]);
  });

  it('leaves out of a closed day the rows a later day’s correction counts (they reached the store after the close), by counter, method, tender and hour', () => {
    const kept = cardSale(front, 10_000);
    const late = cardSale(back, 2_500, 'upi');
    const keptCash = cashSale(front, 4_550, 5_000);
    const lateCash = cashSale(back, 1_000, 2_000);
    const refund = insertCreatingRefund(db, { attemptId: kept?.id ?? '', amountMinor: 3_000, reason: 'others', note: null, requestKey: 'refund-late', at: T0 + 7_200_000, actor: 'manager' }).refund;
    transitionRefund(db, { refundId: refund.id, from: ['creating'], to: 'succeeded', zohoRefundId: 'Z1', at: T0, actor: 'zoho', reason: 'done' });
    const before = dayTotals(db, DAY);
    expect(before).toMatchObject({ collectedMinor: 18_050, refundedMinor: 3_000 });
    closeDay(db, { day: DAY.day, fromMs: DAY.fromMs, toMs: DAY.toMs, closedBy: 'Asha', awaitingReview: 0, summary: {}, at: DAY.toMs });
    const correct = (recordKind: 'charge' | 'refund', recordId: string, counterId: string, amountMinor: number) =>
      recordCorrection(db, { day: '2025-01-16', closedDay: DAY.day, recordKind, recordId, counterId, invoiceNumber: 'X', fromState: 'not counted in the close', toState: 'succeeded', amountMinor, paymentId: null, detail: 'late', at: DAY.toMs });
    correct('charge', late?.id ?? '', back.id, 2_500);
    correct('charge', lateCash.sale.id, back.id, 1_000);
    correct('refund', refund.id, front.id, 3_000);

    const closed = dayTotals(db, DAY);
    expect(closed).toMatchObject({ collectedMinor: 14_550, refundedMinor: 0, netMinor: 14_550, attemptCount: 1 });
    expect(closed.byTender).toEqual([
      { tender: 'card', count: 1, amountMinor: 10_000 },
      { tender: 'upi', count: 0, amountMinor: 0 },
      { tender: 'cash', count: 1, amountMinor: keptCash.sale.amountMinor },
    ]);
    expect(closed.byCounter.find((c) => c.counterId === back.id)).toMatchObject({ upiMinor: 0, cashMinor: 0, cashExpectedMinor: 0 });
    expect(closed.collectedByHour.reduce((sum, amount) => sum + amount, 0)).toBe(14_550);
    expect(dayTotals(db, { ...DAY, method: 'upi' })).toMatchObject({ collectedMinor: 0, attemptCount: 0 });
    const next = { fromMs: DAY.toMs, toMs: DAY.toMs + 86_400_000, day: '2025-01-16' };
    expect(dayTotals(db, next)).toMatchObject({ collectedMinor: 3_500, refundedMinor: 3_000 });
  });
});
