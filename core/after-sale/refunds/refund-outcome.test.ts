import { describe, expect, it } from 'vitest';
import type { ZohoRefund } from '../../zoho/schemas';
import { findOurRefund, readZohoRefund, REFUND_ID_KEY } from './refund-outcome';

const ours = { paymentId: '173000000001', amountMinor: 20_000 };
const zoho = (overrides: Partial<ZohoRefund> = {}): ZohoRefund => ({ refund_id: 'R1', payment_id: '173000000001', amount: '200.00', status: 'initiated', ...overrides });

describe('readZohoRefund', () => {
  it.each([
    ['initiated', 'initiated'],
    ['pending', 'pending'],
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
    ['canceled', 'canceled'],
    ['cancelled', 'canceled'],
  ])('maps Zoho status %s to %s', (status, state) => {
    expect(readZohoRefund(ours, zoho({ status })).state).toBe(state);
  });

  it('follows a status it does not know as not final, and says so', () => {
    expect(readZohoRefund(ours, zoho({ status: 'on_hold' }))).toMatchObject({ state: 'pending', unknownStatus: 'on_hold' });
  });

  it('keeps Zoho’s failure reason, and treats an empty one as none', () => {
    expect(readZohoRefund(ours, zoho({ status: 'failed', failure_reason: 'insufficient_funds' })).failureReason).toBe('insufficient_funds');
    expect(readZohoRefund(ours, zoho({ failure_reason: '' })).failureReason).toBeNull();
  });

  it('flags a refund of another payment or amount', () => {
    expect(readZohoRefund(ours, zoho({ amount: '200' })).mismatch).toBeNull();
    expect(readZohoRefund(ours, zoho({ amount: '20.00', payment_id: 'X' })).mismatch).toBe("Zoho's refund does not match this refund: payment X, amount 20.00");
  });
});

describe('findOurRefund', () => {
  it('finds the refund by the id sent as metadata, and nothing else', () => {
    const mine = zoho({ refund_id: 'R2', meta_data: [{ key: REFUND_ID_KEY, value: 'local-1' }] });
    expect(findOurRefund('local-1', [zoho(), mine])).toBe(mine);
    expect(findOurRefund('local-2', [zoho(), mine])).toBeNull();
  });
});
