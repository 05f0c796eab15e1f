import { beforeEach, describe, expect, it } from 'vitest';
import { finalizeAttempt, transitionAttempt } from './attempts';
import type { Db } from './database';
import { InvalidStateError } from './errors';
import { listEventsForAttempt } from './events';
import { dayTotals } from './ledger';
import { invoiceAwaitsReview, markAttemptReviewed } from './reviews';
import { T0, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
let db: Db;
beforeEach(() => {
  db = temp.db;
});

const DAY = { fromMs: T0 - 10 * 3_600_000, toMs: T0 + 14 * 3_600_000 };
const review = (attemptId: string, note = 'Terminal shows nothing; customer paid cash') =>
  markAttemptReviewed(db, { attemptId, note, at: T0 + 60_000, actor: 'manager' });

function lostAttempt() {
  const invoice = makeInvoice(db, makeCounter(db));
  const attempt = startAttempt(db, invoice);
  transitionAttempt(db, { attemptId: attempt.id, from: ['creating'], to: 'unknown', at: T0 + 1000, actor: 'zoho', reason: 'no answer' });
  return { invoice, attempt };
}

describe('whether an invoice awaits a person', () => {
  it('goes by the order attempts were made, not by the clock: a clock stepped back covers nothing', () => {
    const invoice = makeInvoice(db, makeCounter(db));
    const failed = markInProgress(db, startAttempt(db, invoice, { at: T0 }));
    finalizeAttempt(db, { attemptId: failed.id, from: ['in_progress'], to: 'failed', failureCode: 'declined', failureMessage: null, at: T0 + 5_000, actor: 'poller', reason: 'test' });
    // The clock steps back two minutes (NTP, a manual change) before the next charge, whose answer is lost.
    const lost = startAttempt(db, invoice, { at: T0 - 120_000 });
    transitionAttempt(db, { attemptId: lost.id, from: ['creating'], to: 'unknown', at: T0 - 119_000, actor: 'zoho', reason: 'no answer' });
    expect(invoiceAwaitsReview(db, invoice.id)).toBe(true);
    expect(() => startAttempt(db, invoice, { at: T0 - 60_000 })).toThrow(InvalidStateError);
  });
});

describe('a manager review of an unknown outcome', () => {
  it('keeps the state, records who and why in the audit trail, and ends the wait for a person', () => {
    const { invoice, attempt } = lostAttempt();
    expect(dayTotals(db, DAY).awaitingReview).toBe(1);
    expect(() => startAttempt(db, invoice)).toThrow(InvalidStateError);

    const reviewed = review(attempt.id);

    expect(reviewed.state).toBe('unknown');
    expect(reviewed.review).toEqual({ at: T0 + 60_000, note: 'Terminal shows nothing; customer paid cash' });
    expect(listEventsForAttempt(db, attempt.id).at(-1)).toMatchObject({
      fromState: 'unknown',
      toState: 'unknown',
      actor: 'manager',
      reason: 'Checked by hand: Terminal shows nothing; customer paid cash',
    });
    const totals = dayTotals(db, DAY);
    expect(totals.awaitingReview).toBe(0);
    expect(totals.byState).toContainEqual({ state: 'unknown', count: 1, amountMinor: 10050 });
    expect(startAttempt(db, invoice).state).toBe('creating');
  });

  it('is given once: a second review returns the first unchanged', () => {
    const { attempt } = lostAttempt();
    const first = review(attempt.id, 'first');
    expect(review(attempt.id, 'second')).toEqual(first);
    expect(listEventsForAttempt(db, attempt.id).filter((e) => e.actor === 'manager')).toHaveLength(1);
    expect(() => db.prepare("UPDATE charge_attempts SET review_note = 'edited' WHERE id = ?").run(attempt.id)).toThrow(/given once/);
  });

  it('is refused for an outcome Zoho gave or a payment still running, changing nothing', () => {
    const counter = makeCounter(db);
    const paid = succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, counter))));
    const running = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db), { number: 'RUN-1' })));
    for (const attempt of [paid, running]) {
      if (!attempt) throw new Error('no attempt');
      const eventsBefore = listEventsForAttempt(db, attempt.id);
      expect(() => review(attempt.id)).toThrow(/Only a payment whose outcome is unknown/);
      expect(listEventsForAttempt(db, attempt.id)).toEqual(eventsBefore);
    }
    expect(() => db.prepare('UPDATE charge_attempts SET reviewed_at = 1, review_note = ? WHERE id = ?').run('x', paid?.id)).toThrow(/only of an unknown or unresolved/);
  });
});
