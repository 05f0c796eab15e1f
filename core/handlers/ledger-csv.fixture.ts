// A day of every kind of record the day's CSV lists, with the awkward cells (quotes, commas, line
// breaks, formula-like text), a cashier, PCs and a tax bill: the CSV test's fixture. Its output
// before the CSV was streamed is kept in fixtures/day-log.csv, byte for byte.
import type { Bill } from '../../contract/catalogue/bill';
import type { DayLog } from '../../contract/answers';
import type { ChargeAttempt } from '../../contract/records';

const T = Date.UTC(2026, 10, 22, 4, 30);

function attempt(n: number, patch: Partial<ChargeAttempt>): ChargeAttempt {
  return {
    id: `a${n}`,
    invoiceId: `i${n}`,
    invoiceNumber: `C1-000${n}`,
    counterId: 'c1',
    terminalId: 'TRM1',
    amountMinor: 123_450 + n,
    currency: 'INR',
    method: 'card',
    paymentsSessionId: `2160000${n}`,
    state: 'succeeded',
    failureCode: null,
    failureMessage: null,
    paymentId: `1730000${n}`,
    paidMethod: 'card',
    declinedTries: [],
    mismatch: null,
    createdAt: T - n * 60_000,
    updatedAt: T,
    finalAt: T,
    lastPolledAt: null,
    pollCount: 0,
    sessionCreatedAt: null,
    review: null,
    hold: null,
    ...patch,
  };
}

export const FIXTURE_DAY: DayLog = {
  date: '2026-11-22',
  currency: 'INR',
  truncated: false,
  totals: {} as DayLog['totals'],
  close: null,
  attempts: [
    attempt(1, { cashier: 'Asha', stationId: 's1' }),
    attempt(2, { state: 'failed', method: 'upi', paymentId: null, failureCode: 'insufficient_funds', failureMessage: 'The bank declined it, "twice".', stationId: 's2' }),
    attempt(3, { state: 'unknown', paymentsSessionId: null, paymentId: null, review: { at: T + 5_000, note: 'Checked the terminal:\nno charge' }, stationId: 's1' }),
    attempt(4, { counterId: 'c2', invoiceNumber: '=HYPERLINK("x")', mismatch: 'amount 1,234.50 ≠ 1,234.00', stationId: 'gone' }),
    attempt(5, { counterId: 'unknown-counter', state: 'rejected', paymentsSessionId: null, paymentId: null, failureCode: 'invalid_terminal', failureMessage: '-1 terminals' }),
  ],
  cashSales: [
    { id: 'cs1', invoiceId: 'i10', invoiceNumber: 'C1-0010', counterId: 'c1', amountMinor: 50_000, tenderedMinor: 60_000, changeMinor: 10_000, currency: 'INR', createdAt: T - 30_000, cashier: 'Ravi, senior', stationId: 's2' },
    { id: 'cs2', invoiceId: 'i11', invoiceNumber: 'C1-0011', counterId: 'c2', amountMinor: 99, tenderedMinor: 100, changeMinor: 1, currency: 'INR', createdAt: T - 40_000 },
  ],
  refunds: [
    {
      id: 'r1', attemptId: 'a1', invoiceId: 'i1', invoiceNumber: 'C1-0001', counterId: 'c1', paymentId: '17300001', amountMinor: 10_000, currency: 'INR', reason: 'requested_by_customer', note: 'Wrong size',
      state: 'succeeded', zohoRefundId: 'zr1', failureReason: null, failureMessage: null, createdAt: T + 60_000, updatedAt: T, finalAt: T, stationId: 's1',
    },
    {
      id: 'r2', attemptId: 'a4', invoiceId: 'i4', invoiceNumber: 'C1-0004', counterId: 'c2', paymentId: '17300004', amountMinor: 500, currency: 'INR', reason: 'duplicate', note: null,
      state: 'failed', zohoRefundId: null, failureReason: 'exceeds_payment_amount', failureMessage: '@ too much', createdAt: T + 70_000, updatedAt: T, finalAt: T,
    },
  ],
  cashRefunds: [
    { id: 'cr1', tenderId: 'cs1', invoiceId: 'i10', invoiceNumber: 'C1-0010', counterId: 'c1', amountMinor: 2_000, currency: 'INR', reason: 'requested_by_customer', note: 'Returned, "unused"', createdAt: T + 80_000, stationId: 's2' },
  ],
  corrections: [
    {
      id: 'x1', day: '2026-11-22', closedDay: '2026-11-21', recordKind: 'charge', recordId: 'a9', counterId: 'c1', invoiceNumber: 'C1-0009', fromState: 'unknown', toState: 'succeeded',
      amountMinor: 7_500, paymentId: '17300009', detail: 'Zoho says paid', createdAt: T + 90_000, stationId: 's1',
    },
    {
      id: 'x2', day: '2026-11-22', closedDay: '2026-11-20', recordKind: 'refund', recordId: 'r9', counterId: 'c2', invoiceNumber: 'C1-0008', fromState: 'pending', toState: 'failed',
      amountMinor: 0, paymentId: null, detail: 'refused', createdAt: T + 95_000,
    },
  ],
};

export const FIXTURE_COUNTERS = new Map([
  ['c1', 'Counter 1'],
  ['c2', 'Front, left'],
]);

export const FIXTURE_PCS = new Map([
  ['s1', 'Till PC'],
  ['s2', 'Back office'],
]);

/** Invoice 1's bill: 5% and 18% lines. */
export const FIXTURE_BILLS = new Map<string, Bill>([
  [
    'i1',
    {
      storeGstin: null,
      placeOfSupply: null,
      customer: null,
      items: [],
      totals: {
        taxableValue: 41_893,
        tax: 3_056,
        taxByRate: [
          { rateBasisPoints: 500, taxableValue: 34_507, tax: 1_726 },
          { rateBasisPoints: 1800, taxableValue: 7_386, tax: 1_330 },
        ],
      },
    } as unknown as Bill,
  ],
  ['i10', { storeGstin: null, placeOfSupply: null, customer: null, items: [], totals: { taxableValue: 47_619, tax: 2_381, taxByRate: [{ rateBasisPoints: 500, taxableValue: 47_619, tax: 2_381 }] } } as unknown as Bill],
]);
