// A closed day's records cannot change: every write path refuses it with a typed error (and the
// triggers refuse raw SQL, see migrations/009_day_closes.test.ts); corrections go to a later day.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChargeAttempt, Counter } from '../../contract/records';
import { finalizeAttempt, insertCreatingAttempt, transitionAttempt } from './attempts';
import type { Db } from './database';
import { localDayRange } from '../../contract/calendar';
import { businessDayRange, closeDay, correctionFor, getDayClose, listCorrectionsForDay, recordCorrection } from './day-closes';
import { ConflictError, DayClosedError } from './errors';
import { insertCreatingRefund } from './refunds';
import { markAttemptReviewed } from './reviews';
import { settleInCash } from './tenders';
import { databaseFingerprint } from '../../testkit/fingerprint';
import { T0, caught, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
const DAY = { day: '2025-01-15', fromMs: T0 - 10 * 3_600_000, toMs: T0 + 14 * 3_600_000 };
let db: Db;
let counter: Counter;
let paid: ChargeAttempt;
let unresolved: ChargeAttempt;

beforeEach(() => {
  db = temp.db;
  counter = makeCounter(db);
  paid = succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, counter)))) as ChargeAttempt;
  const running = markInProgress(db, startAttempt(db, makeInvoice(db, counter)));
  unresolved = transitionAttempt(db, { attemptId: running.id, from: ['in_progress'], to: 'unresolved', at: T0, actor: 'poller', reason: 'late' }) as ChargeAttempt;
  closeDay(db, { ...DAY, closedBy: 'Asha', awaitingReview: 1, summary: { collectedMinor: 10_050 }, at: DAY.toMs });
});

describe('a closed day', () => {
  it('is closed once, by whom and with how many payments still needing review', () => {
    expect(getDayClose(db, DAY.day)).toMatchObject({ day: DAY.day, closedBy: 'Asha', awaitingReview: 1, closedAt: DAY.toMs });
    expect(caught(() => closeDay(db, { ...DAY, closedBy: 'Ravi', awaitingReview: 0, summary: {}, at: DAY.toMs }), ConflictError).field).toBe('date');
  });

  it('refuses every write dated in it with DayClosedError, and changes nothing', () => {
    const at = T0 + 3_600_000;
    const nextDays = [makeInvoice(db, counter, { createdAt: DAY.toMs }), makeInvoice(db, counter, { createdAt: DAY.toMs })];
    const writes = [
      () => insertCreatingAttempt(db, { invoiceId: nextDays[0]?.id ?? '', counterId: counter.id, method: 'card', at, actor: 'cashier' }),
      () => settleInCash(db, { invoiceId: nextDays[1]?.id ?? '', counterId: counter.id, tenderedMinor: 20_000, at }),
      () => insertCreatingRefund(db, { attemptId: paid.id, amountMinor: 100, reason: 'others', note: null, requestKey: 'closed-day-1', at, actor: 'manager' }),
    ];
    const before = databaseFingerprint(temp.filePath);
    for (const write of writes) expect(caught(write, DayClosedError)).toMatchObject({ day: DAY.day, closedBy: 'Asha' });
    expect(caught(() => makeInvoice(db, counter, { createdAt: at }), DayClosedError).day).toBe(DAY.day);
    expect(caught(() => markAttemptReviewed(db, { attemptId: unresolved.id, note: 'late check', at: DAY.toMs + 1, actor: 'manager' }), DayClosedError).day).toBe(DAY.day);
    // The triggers are the last word, whatever path tries: here an outcome written straight.
    expect(() =>
      finalizeAttempt(db, { attemptId: unresolved.id, from: ['unresolved'], to: 'succeeded', paymentId: 'P', paidMethod: 'card', at: DAY.toMs + 1, actor: 'recheck', reason: 'late' }),
    ).toThrow(/day_closed/);
    expect(databaseFingerprint(temp.filePath)).toEqual(before);
  });

  it('takes Zoho’s late word as a correction on a later, open day, once', () => {
    const input = {
      day: '2025-01-16',
      closedDay: DAY.day,
      recordKind: 'charge' as const,
      recordId: unresolved.id,
      counterId: counter.id,
      invoiceNumber: unresolved.invoiceNumber,
      fromState: 'unresolved',
      toState: 'succeeded',
      amountMinor: unresolved.amountMinor,
      paymentId: 'P-late',
      detail: 'Zoho reports the payment succeeded',
      at: DAY.toMs + 60_000,
    };
    const correction = recordCorrection(db, input);
    expect(recordCorrection(db, { ...input, detail: 'again' })).toEqual(correction);
    expect(correctionFor(db, 'charge', unresolved.id)).toEqual(correction);
    expect(listCorrectionsForDay(db, '2025-01-16')).toEqual([correction]);
    expect(listCorrectionsForDay(db, '2025-01-16', makeCounter(db).id)).toEqual([]);
  });
});

describe('business days', () => {
  it('a day closed before its midnight ends at the close: the rest of that date belongs to the next business day', () => {
    const calendar = localDayRange('2025-02-10');
    const closedAt = calendar.fromMs + 15 * 3_600_000;
    closeDay(db, { day: '2025-02-10', fromMs: calendar.fromMs, toMs: closedAt, closedBy: 'Asha', awaitingReview: 0, summary: {}, at: closedAt });

    expect(businessDayRange(db, '2025-02-10')).toEqual({ fromMs: calendar.fromMs, toMs: closedAt });
    expect(businessDayRange(db, '2025-02-11')).toEqual({ fromMs: closedAt, toMs: localDayRange('2025-02-11').toMs });
    expect(businessDayRange(db, '2025-02-12')).toEqual(localDayRange('2025-02-12'));
    // A sale at 15:00 that evening is recorded (it is the 11th's); one a minute before the close is refused.
    expect(makeInvoice(db, counter, { createdAt: closedAt }).createdAt).toBe(closedAt);
    expect(caught(() => makeInvoice(db, counter, { createdAt: closedAt - 60_000 }), DayClosedError).day).toBe('2025-02-10');
  });

  it('a day closed after its midnight keeps its whole date, and the next one starts at its midnight', () => {
    expect(businessDayRange(db, DAY.day)).toEqual({ fromMs: DAY.fromMs, toMs: DAY.toMs });
    const next = localDayRange('2025-01-16');
    expect(businessDayRange(db, '2025-01-16')).toEqual({ fromMs: Math.min(DAY.toMs, next.fromMs), toMs: next.toMs });
  });
});
