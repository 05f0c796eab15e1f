// A charge whose answer was lost holds its terminal and its invoice, in the database itself (as the
// live-payment rules do), until the hold ends by the clock or a manager releases it.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChargeAttempt, Counter } from '../../contract/records';
import { transitionAttempt } from './attempts';
import { listEventsForAttempt } from './events';
import { ConflictError, InvalidStateError } from './errors';
import { endHold, listHeldAttempts, renewHold } from './holds';
import { T0, caught, makeCounter, makeInvoice, markInProgress, startAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
let counter: Counter;
beforeEach(() => {
  counter = makeCounter(temp.db, { terminalId: 'TERM-1' });
});

const HOLD_MS = 210_000;

/** A charge whose answer was lost at T0: unknown, holding until T0 + 3.5 minutes. */
function lostCharge(): ChargeAttempt {
  const attempt = startAttempt(temp.db, makeInvoice(temp.db, counter));
  const lost = transitionAttempt(temp.db, { attemptId: attempt.id, from: ['creating'], to: 'unknown', holdUntil: T0 + HOLD_MS, at: T0, actor: 'zoho', reason: 'answer lost' });
  if (!lost) throw new Error('not creating');
  return lost;
}

describe('a held terminal and invoice', () => {
  it('refuse another charge, from any connection, saying for how long the terminal may still show the payment', () => {
    const lost = lostCharge();
    expect(lost.hold).toEqual({ until: T0 + HOLD_MS, endedAt: null });
    const other = temp.connect();
    const onTerminal = caught(() => startAttempt(other, makeInvoice(other, counter), { at: T0 + 60_000 }), ConflictError);
    expect(onTerminal.field).toBe('terminalId');
    expect(onTerminal.message).toBe(
      'Terminal TERM-1 is on hold: the answer to an earlier charge was lost, and the terminal may still show that payment for up to 3 more minutes. Wait, or ask a manager to check the terminal and release it.',
    );
    const sameInvoice = caught(() => startAttempt(other, { ...makeInvoice(other, counter), id: lost.invoiceId }, { reviewAcknowledged: true, at: T0 + HOLD_MS - 10_000 }), ConflictError);
    expect(sameInvoice.field).toBe('invoiceId');
    expect(sameInvoice.message).toMatch(/^Invoice INV-\d+ is on hold: .* for less than a minute\. Wait, or ask a manager/);
  });

  it('are refused by the unique indexes even to a raw write that skips the repository', () => {
    const lost = lostCharge();
    const raw = (id: string, invoiceId: string, terminalId: string) =>
      temp.db
        .prepare(`INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, created_at, updated_at)
                  VALUES (?, ?, ?, ?, 100, 'INR', 'card', 'creating', 0, 0)`)
        .run(id, invoiceId, counter.id, terminalId);
    expect(() => raw('x1', makeInvoice(temp.db, counter).id, 'TERM-1')).toThrow(/UNIQUE constraint failed: charge_attempts\.terminal_id/);
    expect(() => raw('x2', lost.invoiceId, 'TERM-9')).toThrow(/UNIQUE constraint failed: charge_attempts\.invoice_id/);
  });

  it('are free again once the hold ends, which is recorded with who and why, once', () => {
    const lost = lostCharge();
    expect(listHeldAttempts(temp.db).map((a) => a.id)).toEqual([lost.id]);
    const ended = endHold(temp.db, { attemptId: lost.id, at: T0 + 5_000, actor: 'manager', reason: 'Terminal shows no pending payment' });
    expect(ended).toMatchObject({ state: 'unknown', hold: { until: T0 + HOLD_MS, endedAt: T0 + 5_000 } });
    expect(endHold(temp.db, { attemptId: lost.id, at: T0 + 6_000, actor: 'hold-timer', reason: 'expired' })).toBeNull();
    expect(listHeldAttempts(temp.db)).toEqual([]);
    expect(listEventsForAttempt(temp.db, lost.id).at(-1)).toMatchObject({ fromState: 'unknown', toState: 'unknown', actor: 'manager', reason: 'Terminal shows no pending payment' });
    expect(startAttempt(temp.db, makeInvoice(temp.db, counter)).state).toBe('creating');
  });

  it('a running hold can be renewed (with an event); an ended one cannot, and nothing else holds', () => {
    const lost = lostCharge();
    expect(renewHold(temp.db, { attemptId: lost.id, until: T0 + 999_000, at: T0 + 1, actor: 'startup', reason: 'restarted' })?.hold).toEqual({ until: T0 + 999_000, endedAt: null });
    endHold(temp.db, { attemptId: lost.id, at: T0 + 2, actor: 'hold-timer', reason: 'expired' });
    expect(renewHold(temp.db, { attemptId: lost.id, until: T0 + 1_999_000, at: T0 + 3, actor: 'startup', reason: 'restarted' })).toBeNull();
    const running = markInProgress(temp.db, startAttempt(temp.db, makeInvoice(temp.db, counter)));
    expect(caught(() => endHold(temp.db, { attemptId: running.id, at: T0, actor: 'manager', reason: 'x' }), InvalidStateError).reason).toBe('not_held');
  });
});
