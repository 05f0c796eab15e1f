import { describe, expect, it } from 'vitest';
import type { ChargeAttempt, Counter } from '../../../../../contract/records';
import { announcement } from './announcement';

const counter: Counter = { id: 'c1', name: 'Counter A', terminalId: 'TRM001', invoicePrefix: 'A-', active: true, createdAt: 0 };
const attempt: ChargeAttempt = {
  id: 'a1',
  invoiceId: 'i1',
  invoiceNumber: 'A-000001',
  counterId: 'c1',
  terminalId: 'TRM001',
  amountMinor: 123450,
  currency: 'INR',
  method: 'card',
  paymentsSessionId: 's1',
  state: 'in_progress',
  failureCode: null,
  failureMessage: null,
  paymentId: null,
  paidMethod: null,
  declinedTries: [],
  mismatch: null,
  createdAt: 1,
  updatedAt: 1,
  finalAt: null,
  lastPolledAt: null,
  pollCount: 0,
  sessionCreatedAt: 1,
  review: null,
  hold: null,
};

describe('the payment panel\'s live announcement', () => {
  it('says nothing before there is a payment', () => {
    expect(announcement('draft', null, counter, 'INR')).toBe('');
  });

  it('tells the cashier what to do while the amount is on the terminal, and about a declined try', () => {
    expect(announcement('waiting', attempt, counter, 'INR')).toBe('Sent ₹1,234.50 to terminal TRM001. Tap Fetch Payments on the terminal.');
    const declined = { ...attempt, declinedTries: [{ paymentId: 'p1', failureCode: 'card_declined', method: 'card', at: 2 }] };
    expect(announcement('waiting', declined, counter, 'INR')).toMatch(/^Declined: .* The customer can try again on the terminal\.$/);
  });

  it('names the outcome', () => {
    expect(announcement('paid', { ...attempt, state: 'succeeded', paidMethod: 'upi' }, counter, 'INR')).toBe('Paid: ₹1,234.50 by UPI.');
    expect(announcement('rejected', { ...attempt, state: 'rejected', failureMessage: 'Terminal busy' }, counter, 'INR')).toBe('Zoho refused the payment: Terminal busy');
    expect(announcement('unknown', { ...attempt, state: 'unknown' }, counter, 'INR')).toMatch(/Check the terminal\.$/);
    expect(announcement('unresolved', { ...attempt, state: 'unresolved', review: { at: 3, note: 'ok' } }, counter, 'INR')).toMatch(/^Your manager has checked/);
  });
});
