import { describe, expect, it } from 'vitest';
import { SEED_000 } from '../../testkit/zoho-examples';
import type { ZohoSession } from '../zoho/schemas';
import { assessSession } from './assess';

const expected = { paymentsSessionId: '216000003925007', amountMinor: 100, currency: 'INR', terminalId: '87971593', invoiceNumber: 'INV-12345' };

/** Zoho's example session (seed 000's create answer), as the app reads it (without meta_data). */
function session(overrides: Partial<ZohoSession> = {}): ZohoSession {
  const { meta_data: _metaData, ...example } = SEED_000.createResponse.payments_session;
  return { ...example, ...overrides };
}

describe('assessSession', () => {
  it('keeps waiting while in progress', () => {
    expect(assessSession(expected, session())).toEqual({ kind: 'in_progress', declinedTries: [], unknownStatus: null });
  });

  it('keeps waiting on a status Counter does not know, whatever payments it lists, and names the status', () => {
    const paid = [{ payment_id: '9', status: 'succeeded' }];
    for (const status of ['completed', 'SUCCEEDED', 'expired', 'in_progress ']) {
      expect(assessSession(expected, session({ session_status: status, payments: paid }))).toEqual({ kind: 'in_progress', declinedTries: [], unknownStatus: status });
    }
  });

  it('reads the amount as a JSON number exactly, as it reads the documented string', () => {
    const paid = { session_status: 'succeeded', payments: [{ payment_id: '9', status: 'succeeded' }] };
    expect(assessSession({ ...expected, amountMinor: 123_450 }, session({ ...paid, amount: 1234.5 })).kind).toBe('succeeded');
    expect(assessSession({ ...expected, amountMinor: 435 }, session({ ...paid, amount: 4.35 })).kind).toBe('succeeded');
    expect(assessSession({ ...expected, amountMinor: 123_450 }, session({ ...paid, amount: '1234.500' })).kind).toBe('succeeded');
    expect(assessSession({ ...expected, amountMinor: 123_450 }, session({ ...paid, amount: 1234.51 }))).toMatchObject({ kind: 'mismatch', detail: /amount 1234.51/ });
  });

  it('reports a failed try inside a live session as a declined try', () => {
    const answer = session({
      payments: [{ payment_id: '1', status: 'failed', failure_code: 'card_declined', date: 1779361490, payment_method: { type: 'card' } }],
    });
    expect(assessSession(expected, answer)).toEqual({
      kind: 'in_progress',
      declinedTries: [{ paymentId: '1', failureCode: 'card_declined', method: 'card', at: 1779361490_000 }],
      unknownStatus: null,
    });
  });

  it('takes the succeeded payment of a succeeded session (seed 000 example)', () => {
    const answer = session({
      session_status: 'succeeded',
      payments: [{ payment_id: '216000003926003', amount: '1.00', status: 'succeeded', payment_method: { type: 'upi' }, date: 1779361502 }],
    });
    expect(assessSession(expected, answer)).toMatchObject({ kind: 'succeeded', paymentId: '216000003926003', paidMethod: 'upi' });
  });

  it('takes the failure code of the last failed payment (seed 003 example)', () => {
    const answer = session({
      session_status: 'failed',
      payments: [
        { payment_id: '1', status: 'failed', failure_code: 'incorrect_pin' },
        { payment_id: '2', status: 'failed', failure_code: 'insufficient_funds', payment_method: { type: 'card', type_formatted: 'Card' } },
      ],
    });
    expect(assessSession(expected, answer)).toEqual({
      kind: 'failed',
      failureCode: 'insufficient_funds',
      declinedTries: [{ paymentId: '1', failureCode: 'incorrect_pin', method: null, at: 0 }],
    });
  });

  it('a failed session without payments has no code, and is still failed', () => {
    expect(assessSession(expected, session({ session_status: 'failed' }))).toEqual({ kind: 'failed', failureCode: null, declinedTries: [] });
  });

  it('accepts an answer without terminal_id (seed 003 leaves it out)', () => {
    const { terminal_id: _omitted, ...rest } = session({ session_status: 'succeeded' });
    expect(assessSession(expected, rest).kind).toBe('succeeded');
  });

  it.each([
    [{ amount: '1.01' }, /amount 1.01/],
    [{ amount: '0.99' }, /amount 0.99/],
    [{ amount: 'one' }, /amount one/],
    [{ currency: 'USD' }, /currency USD/],
    [{ terminal_id: 'OTHER' }, /terminal OTHER/],
    [{ invoice_number: 'INV-9' }, /invoice INV-9/],
    [{ invoice_number: null }, /invoice \(none\)/],
    [{ payments_session_id: '216000003925999' }, /session 216000003925999/],
  ] as const)('flags a session that disagrees with the charge (%o), even when it says succeeded', (change, detail) => {
    const result = assessSession(expected, session({ ...change, session_status: 'succeeded', payments: [{ payment_id: '9', status: 'succeeded' }] }));
    expect(result).toMatchObject({ kind: 'mismatch', sessionStatus: 'succeeded', paymentId: '9' });
    if (result.kind === 'mismatch') expect(result.detail).toMatch(detail);
  });
});
