import { describe, expect, it } from 'vitest';
import type { AttemptState } from '../../../contract/vocabulary';
import type { ChargeAttempt, Invoice } from '../../../contract/records';
import { phaseOf } from './checkout-phase';

const invoice: Invoice = {
  id: 'inv1',
  number: 'B-000001',
  counterId: 'c1',
  lines: [{ description: 'Sale', quantity: 1, unitPriceMinor: 10050 }],
  totalMinor: 10050,
  currency: 'INR',
  status: 'open',
  createdAt: 1,
  paidAt: null,
  balanceDueMinor: 10050,
  paidInCashMinor: 0,
};

function attempt(state: AttemptState): ChargeAttempt {
  return {
    id: 'a1',
    invoiceId: 'inv1',
    invoiceNumber: 'B-000001',
    counterId: 'c1',
    terminalId: 'TRM002',
    amountMinor: 10050,
    currency: 'INR',
    method: 'card',
    paymentsSessionId: 's1',
    state,
    failureCode: null,
    failureMessage: null,
    paymentId: null,
    paidMethod: null,
    declinedTries: [],
    mismatch: null,
    createdAt: 2,
    updatedAt: 2,
    finalAt: null,
    lastPolledAt: null,
    pollCount: 0,
    sessionCreatedAt: 2,
    review: null,
  hold: null,
  };
}

describe('phaseOf', () => {
  it('is a draft until the invoice exists, then ready until charged', () => {
    expect(phaseOf(null, null)).toBe('draft');
    expect(phaseOf(invoice, null)).toBe('ready');
  });

  it.each([
    ['creating', 'waiting'],
    ['in_progress', 'waiting'],
    ['succeeded', 'paid'],
    ['failed', 'failed'],
    ['rejected', 'rejected'],
    ['unknown', 'unknown'],
    ['unresolved', 'unresolved'],
  ] as const)('an attempt %s shows %s', (state, phase) => {
    expect(phaseOf(invoice, attempt(state))).toBe(phase);
  });

  it('takes the next part once a card/UPI part is paid and a balance is still due (split tender)', () => {
    const part = { ...attempt('succeeded'), amountMinor: 3_000 };
    expect(phaseOf({ ...invoice, balanceDueMinor: 7_050 }, part)).toBe('ready');
    expect(phaseOf({ ...invoice, status: 'paid', balanceDueMinor: 0 }, part)).toBe('paid');
  });

  it('is paid when the invoice is paid, whatever a later attempt says', () => {
    expect(phaseOf({ ...invoice, status: 'paid' }, attempt('failed'))).toBe('paid');
  });
});
