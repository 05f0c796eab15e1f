// Cash at the till: the invoice is paid in the same transaction, change is worked out, and cash is
// refused while a card or UPI payment of the invoice is live or its outcome is not checked.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Counter, Invoice } from '../../contract/records';
import { transitionAttempt } from './attempts';
import type { Db } from './database';
import { InvalidStateError, InvoiceOfAnotherCounterError, TenderTooSmallError } from './errors';
import { requireInvoice } from './invoices';
import { markAttemptReviewed } from './reviews';
import { cashSalesForInvoice, listCashSalesForDay, settleInCash } from './tenders';
import { T0, caught, failAttempt, makeCounter, makeInvoice, markInProgress, startAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
let db: Db;
let counter: Counter;
let invoice: Invoice;

const pay = (tenderedMinor: number, at = T0 + 60_000) => settleInCash(db, { invoiceId: invoice.id, counterId: counter.id, tenderedMinor, at });

beforeEach(() => {
  db = temp.db;
  counter = makeCounter(db);
  invoice = makeInvoice(db, counter, { totalMinor: 45_050 });
});

describe('settleInCash', () => {
  it('records the tender with its change and marks the invoice paid, in one transaction', () => {
    const { invoice: paid, sale } = pay(50_000);
    expect(sale).toMatchObject({ invoiceNumber: invoice.number, amountMinor: 45_050, tenderedMinor: 50_000, changeMinor: 4_950 });
    expect(paid).toMatchObject({ status: 'paid', paidAt: T0 + 60_000 });
    expect(listCashSalesForDay(db, T0, T0 + 86_400_000)).toEqual([sale]);
    expect(caught(() => pay(50_000), InvalidStateError).reason).toBe('invoice_paid');
  });

  it('refuses less than the total, and changes nothing', () => {
    const refused = caught(() => pay(45_049), TenderTooSmallError);
    expect([refused.field, refused.tenderedMinor, refused.totalMinor]).toEqual(['tenderedMinor', 45_049, 45_050]);
    expect(requireInvoice(db, invoice.id).status).toBe('open');
    expect(cashSalesForInvoice(db, invoice.id)).toEqual([]);
  });

  it('refuses an invoice of another counter', () => {
    expect(() => settleInCash(db, { invoiceId: invoice.id, counterId: makeCounter(db).id, tenderedMinor: 50_000, at: T0 })).toThrow(InvoiceOfAnotherCounterError);
  });

  it('refuses cash while a card payment of the invoice is live', () => {
    markInProgress(db, startAttempt(db, invoice));
    expect(caught(() => pay(50_000), InvalidStateError).reason).toBe('invoice_card_payment_pending');
    expect(requireInvoice(db, invoice.id).status).toBe('open');
  });

  it('refuses cash while a lost card payment is not checked, and takes it once a manager checked it', () => {
    const lost = startAttempt(db, invoice);
    transitionAttempt(db, { attemptId: lost.id, from: ['creating'], to: 'unknown', at: T0, actor: 'zoho', reason: 'lost' });
    expect(caught(() => pay(50_000), InvalidStateError).reason).toBe('invoice_card_payment_pending');
    markAttemptReviewed(db, { attemptId: lost.id, note: 'Terminal shows nothing', at: T0, actor: 'manager' });
    expect(pay(50_000).invoice.status).toBe('paid');
  });

  it('takes cash after a failed card payment', () => {
    failAttempt(db, markInProgress(db, startAttempt(db, invoice)));
    expect(requireInvoice(db, invoice.id).status).toBe('payment_failed');
    expect(pay(45_050).sale.changeMinor).toBe(0);
  });
});
