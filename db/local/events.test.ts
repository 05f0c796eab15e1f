import { describe, expect, it } from 'vitest';
import { addDeclinedTry, finalizeAttempt, markSessionCreated, recordPoll } from './attempts';
import { listEventsForAttempt } from './events';
import { T0, makeCounter, makeInvoice, startAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

describe('attempt events', () => {
  it('tell the life of an attempt in order: one event per state change, none for polls or declined tries', () => {
    const { db } = temp;
    const attempt = startAttempt(db, makeInvoice(db, makeCounter(db)), { at: T0 });
    markSessionCreated(db, { attemptId: attempt.id, paymentsSessionId: 'S', sessionCreatedAt: T0 + 1, at: T0 + 2 });
    recordPoll(db, attempt.id, T0 + 3);
    addDeclinedTry(db, attempt.id, { paymentId: 'D', failureCode: 'declined', method: 'card', at: T0 + 4 }, T0 + 4);
    finalizeAttempt(db, {
      attemptId: attempt.id,
      from: ['in_progress'],
      to: 'succeeded',
      paymentId: 'P',
      paidMethod: 'upi',
      at: T0 + 5,
      actor: 'recheck',
      reason: 'Paid on the second try',
    });
    expect(listEventsForAttempt(db, attempt.id).map(({ at, fromState, toState, actor }) => ({ at, fromState, toState, actor }))).toEqual([
      { at: T0, fromState: null, toState: 'creating', actor: 'cashier' },
      { at: T0 + 2, fromState: 'creating', toState: 'in_progress', actor: 'zoho' },
      { at: T0 + 5, fromState: 'in_progress', toState: 'succeeded', actor: 'recheck' },
    ]);
    expect(listEventsForAttempt(db, 'missing')).toEqual([]);
  });
});
