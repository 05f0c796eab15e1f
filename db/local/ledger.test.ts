import { beforeEach, describe, expect, it } from 'vitest';
import type { AttemptState, PaymentMethod } from '../../contract/vocabulary';
import type { ChargeAttempt, Counter } from '../../contract/records';
import { finalizeAttempt, markSessionCreated, transitionAttempt } from './attempts';
import type { Db } from './database';
import { dayTotals, listAttemptsForDay } from './ledger';
import { makeCounter, makeInvoice, startAttempt, tempDatabaseEachTest } from '../../testkit/db';

/** Midnight of 15 January 2025 in India (UTC+05:30). */
const DAY_START = Date.UTC(2025, 0, 14, 18, 30);
const DAY_END = DAY_START + 24 * 3_600_000;
const hour = (h: number, minutes = 0): number => DAY_START + h * 3_600_000 + minutes * 60_000;

const temp = tempDatabaseEachTest();
let db: Db;
beforeEach(() => {
  db = temp.db;
});

interface Sale {
  counter: Counter;
  state: AttemptState;
  at: number;
  amountMinor: number;
  method?: PaymentMethod;
  number?: string;
}

/** An attempt created at `at` that has reached `state` by the proper transitions. */
function sale({ counter, state, at, amountMinor, method = 'card', number }: Sale): ChargeAttempt {
  const invoice = makeInvoice(db, counter, { totalMinor: amountMinor, createdAt: at, ...(number ? { number } : {}) });
  const attempt = startAttempt(db, invoice, { method, at });
  const cause = { at: at + 60_000, actor: 'poller', reason: 'test' };
  const session = { attemptId: attempt.id, paymentsSessionId: `S-${attempt.id}`, sessionCreatedAt: at, at };
  if (state === 'creating') return attempt;
  if (state === 'rejected' || state === 'unknown') {
    return transitionAttempt(db, { attemptId: attempt.id, from: ['creating'], to: state, ...cause }) ?? attempt;
  }
  const running = markSessionCreated(db, session) ?? attempt;
  if (state === 'in_progress') return running;
  if (state === 'unresolved') return transitionAttempt(db, { attemptId: attempt.id, from: ['in_progress'], to: state, ...cause }) ?? attempt;
  const outcome =
    state === 'succeeded'
      ? ({ to: 'succeeded', paymentId: `P-${attempt.id}`, paidMethod: method } as const)
      : ({ to: 'failed', failureCode: 'declined', failureMessage: null } as const);
  return finalizeAttempt(db, { attemptId: attempt.id, from: ['in_progress'], ...outcome, ...cause }) ?? attempt;
}

describe('the day log', () => {
  let front: Counter;
  let back: Counter;
  let ids: Record<string, string>;

  beforeEach(() => {
    front = makeCounter(db, { name: 'Front' });
    back = makeCounter(db, { name: 'Back' });
    const live = makeCounter(db, { name: 'Live' });
    const sales: Record<string, Sale> = {
      yesterday: { counter: front, state: 'succeeded', at: DAY_START - 1, amountMinor: 99_999 },
      morningCard: { counter: front, state: 'succeeded', at: hour(9, 15), amountMinor: 10_050, number: 'A-000001' },
      morningUpi: { counter: back, state: 'succeeded', at: hour(9, 45), amountMinor: 2_000, method: 'upi', number: 'B-000001' },
      declined: { counter: front, state: 'failed', at: hour(11), amountMinor: 5_000, number: 'A-000002' },
      refused: { counter: back, state: 'rejected', at: hour(12), amountMinor: 700, method: 'upi', number: 'B-000002' },
      evening: { counter: back, state: 'succeeded', at: hour(18, 30), amountMinor: 30_000, number: 'B_00003' },
      lost: { counter: front, state: 'unknown', at: hour(19), amountMinor: 1_500, number: 'A-000003' },
      running: { counter: live, state: 'in_progress', at: hour(23, 59), amountMinor: 400, number: 'L-000001' },
      tomorrow: { counter: back, state: 'succeeded', at: DAY_END, amountMinor: 88_888 },
    };
    ids = Object.fromEntries(Object.entries(sales).map(([name, s]) => [name, sale(s).id]));
  });

  const names = (attempts: ChargeAttempt[]): string[] =>
    attempts.map((a) => Object.keys(ids).find((name) => ids[name] === a.id) ?? a.id);

  it('lists the attempts created in [fromMs, toMs), newest first', () => {
    expect(names(listAttemptsForDay(db, { fromMs: DAY_START, toMs: DAY_END }))).toEqual([
      'running',
      'lost',
      'evening',
      'refused',
      'declined',
      'morningUpi',
      'morningCard',
    ]);
  });

  it('narrows by counter, state, method and part of the invoice number, and limits', () => {
    const day = { fromMs: DAY_START, toMs: DAY_END };
    expect(names(listAttemptsForDay(db, { ...day, counterId: back.id }))).toEqual(['evening', 'refused', 'morningUpi']);
    expect(names(listAttemptsForDay(db, { ...day, state: 'succeeded' }))).toEqual(['evening', 'morningUpi', 'morningCard']);
    expect(names(listAttemptsForDay(db, { ...day, method: 'upi' }))).toEqual(['refused', 'morningUpi']);
    expect(names(listAttemptsForDay(db, { ...day, counterId: front.id, state: 'failed', method: 'card' }))).toEqual(['declined']);
    expect(names(listAttemptsForDay(db, { ...day, invoiceSearch: ' a-00000 ' }))).toEqual(['lost', 'declined', 'morningCard']);
    // LIKE's wildcards are taken literally.
    expect(names(listAttemptsForDay(db, { ...day, invoiceSearch: '_' }))).toEqual(['evening']);
    expect(names(listAttemptsForDay(db, { ...day, invoiceSearch: '%' }))).toEqual([]);
    expect(names(listAttemptsForDay(db, { ...day, limit: 2 }))).toEqual(['running', 'lost']);
  });

  it('totals the day: collected, by state, collected by method, collected per hour', () => {
    const totals = dayTotals(db, { fromMs: DAY_START, toMs: DAY_END });
    expect(totals.collectedMinor).toBe(10_050 + 2_000 + 30_000);
    expect(totals.attemptCount).toBe(7);
    expect(totals.byState).toEqual([
      { state: 'creating', count: 0, amountMinor: 0 },
      { state: 'in_progress', count: 1, amountMinor: 400 },
      { state: 'succeeded', count: 3, amountMinor: 42_050 },
      { state: 'failed', count: 1, amountMinor: 5_000 },
      { state: 'rejected', count: 1, amountMinor: 700 },
      { state: 'unknown', count: 1, amountMinor: 1_500 },
      { state: 'unresolved', count: 0, amountMinor: 0 },
    ]);
    expect(totals.byMethod).toEqual([
      { method: 'card', count: 2, amountMinor: 40_050 },
      { method: 'upi', count: 1, amountMinor: 2_000 },
    ]);
    const expectedHours = new Array<number>(24).fill(0);
    expectedHours[9] = 12_050;
    expectedHours[18] = 30_000;
    expect(totals.collectedByHour).toEqual(expectedHours);
  });

  it('totals with the same filters as the list', () => {
    const totals = dayTotals(db, { fromMs: DAY_START, toMs: DAY_END, counterId: back.id, method: 'upi' });
    expect(totals).toMatchObject({ collectedMinor: 2_000, attemptCount: 2 });
    expect(dayTotals(db, { fromMs: DAY_START, toMs: DAY_END, state: 'failed' })).toMatchObject({
      collectedMinor: 0,
      attemptCount: 1,
      collectedByHour: new Array<number>(24).fill(0),
    });
  });

  it('reads a window off the quarter hours (a business day a close ended, a day of long ago) from the attempts themselves, to the millisecond', () => {
    const offQuarter = { fromMs: DAY_START + 7 * 60_000, toMs: DAY_END + 7 * 60_000 };
    // Tomorrow's first sale (at DAY_END) is inside; the 09:15 card sale too, nothing before 00:07.
    expect(dayTotals(db, offQuarter)).toMatchObject({ collectedMinor: 42_050 + 88_888, attemptCount: 8 });
    expect(dayTotals(db, { fromMs: hour(9, 16), toMs: hour(18, 31) })).toMatchObject({ collectedMinor: 32_000, attemptCount: 4 });
  });

  it('has one hour per hour of the window, e.g. 25 on the day clocks go back', () => {
    expect(dayTotals(db, { fromMs: DAY_START, toMs: DAY_START + 25 * 3_600_000 }).collectedByHour).toHaveLength(25);
    expect(dayTotals(db, { fromMs: DAY_START, toMs: DAY_START }).collectedByHour).toEqual([]);
  });
});
