// One live payment per terminal and per invoice, held by the database itself: across connections
// (as a second app process would have) and even for writes that skip the repository's checks.
import { beforeEach, describe, expect, it } from 'vitest';
import { ATTEMPT_STATES, LIVE_STATES } from '../../contract/vocabulary';
import type { Counter, Invoice } from '../../contract/records';
import { transitionAttempt } from './attempts';
import type { Db } from './database';
import { ConflictError } from './errors';
import { T0, caught, makeCounter, makeInvoice, startAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
let first: Db;
let second: Db;
let counter: Counter;
beforeEach(() => {
  first = temp.db;
  second = temp.connect();
  counter = makeCounter(first, { terminalId: 'TERM-1' });
});

/** A raw INSERT, as code that bypassed the repository would write. */
function insertRaw(db: Db, id: string, invoice: Invoice, terminalId: string, state: string): void {
  db.prepare(
    `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state,
                                  payments_session_id, final_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 100, 'INR', 'card', ?, ?, ?, 0, 0)`,
  ).run(id, invoice.id, invoice.counterId, terminalId, state, state === 'in_progress' ? `S-${id}` : null,
    ['succeeded', 'failed', 'rejected'].includes(state) ? 0 : null);
}

describe('one live payment per terminal and per invoice, across two connections', () => {
  it('refuses, from the second connection, a payment on a terminal the first made busy', () => {
    startAttempt(first, makeInvoice(first, counter));
    const invoiceOnSameTerminal = makeInvoice(second, counter);
    expect(caught(() => startAttempt(second, invoiceOnSameTerminal), ConflictError).field).toBe('terminalId');
  });

  it('refuses, from the second connection, a second payment on an invoice the first is charging', () => {
    const invoice = makeInvoice(first, counter);
    startAttempt(first, invoice);
    expect(caught(() => startAttempt(second, invoice), ConflictError).field).toBe('invoiceId');
  });

  it.each(LIVE_STATES)('the unique indexes refuse a raw second %s attempt on the terminal or the invoice', (state) => {
    const invoice = makeInvoice(first, counter);
    insertRaw(first, 'a1', invoice, 'TERM-1', state);
    expect(() => insertRaw(second, 'a2', makeInvoice(second, counter), 'TERM-1', state)).toThrow(
      /UNIQUE constraint failed: charge_attempts\.terminal_id/,
    );
    expect(() => insertRaw(second, 'a3', invoice, 'TERM-9', state)).toThrow(/UNIQUE constraint failed: charge_attempts\.invoice_id/);
  });

  it('the unique indexes refuse a raw update that makes a second attempt live', () => {
    startAttempt(first, makeInvoice(first, counter));
    insertRaw(second, 'old', makeInvoice(second, counter), 'TERM-1', 'unknown');
    expect(() => second.prepare("UPDATE charge_attempts SET state = 'creating' WHERE id = 'old'").run()).toThrow(
      /UNIQUE constraint failed/,
    );
  });

  it('leaves attempts that are not live unconstrained: any number per terminal and invoice', () => {
    const invoice = makeInvoice(first, counter);
    const notLive = ATTEMPT_STATES.filter((state) => !(LIVE_STATES as readonly string[]).includes(state));
    notLive.forEach((state, i) => insertRaw(i % 2 === 0 ? first : second, `x${i}`, invoice, 'TERM-1', state));
    notLive.forEach((state, i) => insertRaw(i % 2 === 0 ? second : first, `y${i}`, invoice, 'TERM-1', state));
    expect(first.prepare('SELECT count(*) AS n FROM charge_attempts').get()).toEqual({ n: notLive.length * 2 });
  });

  it('frees the terminal for the other connection once the live payment ends', () => {
    const attempt = startAttempt(first, makeInvoice(first, counter));
    transitionAttempt(first, { attemptId: attempt.id, from: ['creating'], to: 'rejected', at: T0, actor: 'zoho', reason: 'refused' });
    expect(startAttempt(second, makeInvoice(second, counter)).state).toBe('creating');
  });
});
