import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MINOR } from '../../contract/money';
import { transitionAttempt } from './attempts';
import { ConflictError, InvalidStateError, NotFoundError } from './errors';
import { createInvoice, getInvoice, getInvoiceByNumber, latestOpenInvoice, voidInvoice } from './invoices';
import { GENERATED_ID, T0, caught, failAttempt, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

describe('createInvoice', () => {
  it('stores the lines and total, open, and reads it back by id and by number', () => {
    const counter = makeCounter(temp.db);
    const invoice = createInvoice(temp.db, {
      counterId: counter.id,
      number: 'A-000001',
      lines: [
        { description: 'Masala tea', quantity: 2, unitPriceMinor: 2500 },
        { description: 'Samosa', quantity: 3, unitPriceMinor: 1850 },
      ],
      totalMinor: 10550,
      currency: 'INR',
      createdAt: T0,
    });
    expect(invoice.id).toMatch(GENERATED_ID);
    expect(invoice).toEqual({
      id: invoice.id,
      number: 'A-000001',
      counterId: counter.id,
      lines: [
        { description: 'Masala tea', quantity: 2, unitPriceMinor: 2500 },
        { description: 'Samosa', quantity: 3, unitPriceMinor: 1850 },
      ],
      totalMinor: 10550,
      currency: 'INR',
      status: 'open',
      createdAt: T0,
      paidAt: null,
      balanceDueMinor: 10550,
      paidInCashMinor: 0,
    });
    expect(getInvoice(temp.db, invoice.id)).toEqual(invoice);
    expect(getInvoiceByNumber(temp.db, 'A-000001')).toEqual(invoice);
    expect(getInvoice(temp.db, 'missing')).toBeNull();
    expect(getInvoiceByNumber(temp.db, 'missing')).toBeNull();
  });

  it('refuses a number already used, naming the field', () => {
    const counter = makeCounter(temp.db);
    makeInvoice(temp.db, counter, { number: 'A-000001' });
    expect(caught(() => makeInvoice(temp.db, counter, { number: 'A-000001' }), ConflictError)).toMatchObject({
      record: 'invoice',
      field: 'number',
    });
  });

  it('refuses an unknown counter', () => {
    const counter = makeCounter(temp.db);
    expect(caught(() => makeInvoice(temp.db, { ...counter, id: 'missing' }), NotFoundError)).toMatchObject({
      record: 'counter',
      id: 'missing',
    });
  });

  it('refuses a total that is not exactly the sum of the lines, or is above the maximum', () => {
    const counter = makeCounter(temp.db);
    const base = { counterId: counter.id, number: 'N', currency: 'INR' as const, createdAt: T0 };
    expect(() =>
      createInvoice(temp.db, { ...base, lines: [{ description: 'x', quantity: 3, unitPriceMinor: 333 }], totalMinor: 1000 }),
    ).toThrow(/not the sum of its lines \(999\)/);
    expect(() =>
      createInvoice(temp.db, {
        ...base,
        lines: [{ description: 'x', quantity: 2, unitPriceMinor: MAX_AMOUNT_MINOR }],
        totalMinor: 2 * MAX_AMOUNT_MINOR,
      }),
    ).toThrow(RangeError);
    expect(getInvoiceByNumber(temp.db, 'N')).toBeNull();
  });
});

describe('latestOpenInvoice', () => {
  it("is the counter's newest open invoice", () => {
    const counter = makeCounter(temp.db);
    const other = makeCounter(temp.db);
    expect(latestOpenInvoice(temp.db, counter.id)).toBeNull();
    makeInvoice(temp.db, counter, { createdAt: T0 });
    const newest = makeInvoice(temp.db, counter, { createdAt: T0 + 10 });
    makeInvoice(temp.db, other, { createdAt: T0 + 20 });
    const voided = makeInvoice(temp.db, counter, { createdAt: T0 + 30 });
    voidInvoice(temp.db, voided.id);
    expect(latestOpenInvoice(temp.db, counter.id)?.id).toBe(newest.id);
  });
});

describe('voidInvoice', () => {
  it('voids an open invoice; voiding again changes nothing', () => {
    const invoice = makeInvoice(temp.db, makeCounter(temp.db));
    expect(voidInvoice(temp.db, invoice.id).status).toBe('void');
    expect(voidInvoice(temp.db, invoice.id).status).toBe('void');
    expect(() => voidInvoice(temp.db, 'missing')).toThrow(NotFoundError);
  });

  it('refuses while a payment is live, or awaits review, and once paid', () => {
    const invoice = makeInvoice(temp.db, makeCounter(temp.db));
    const attempt = startAttempt(temp.db, invoice);
    expect(caught(() => voidInvoice(temp.db, invoice.id), InvalidStateError).reason).toBe('payment_in_progress');

    const cause = { at: T0 + 1, actor: 'startup', reason: 'restart' };
    transitionAttempt(temp.db, { attemptId: attempt.id, from: ['creating'], to: 'unknown', ...cause });
    expect(caught(() => voidInvoice(temp.db, invoice.id), InvalidStateError).reason).toBe('invoice_needs_review');

    transitionAttempt(temp.db, { attemptId: attempt.id, from: ['unknown'], to: 'in_progress', paymentsSessionId: 'S', ...cause });
    succeedAttempt(temp.db, attempt);
    expect(caught(() => voidInvoice(temp.db, invoice.id), InvalidStateError).reason).toBe('invoice_paid');
  });

  it('voids an invoice whose payment failed', () => {
    const invoice = makeInvoice(temp.db, makeCounter(temp.db));
    const attempt = startAttempt(temp.db, invoice);
    failAttempt(temp.db, markInProgress(temp.db, attempt));
    expect(getInvoice(temp.db, invoice.id)?.status).toBe('payment_failed');
    expect(voidInvoice(temp.db, invoice.id).status).toBe('void');
  });
});
