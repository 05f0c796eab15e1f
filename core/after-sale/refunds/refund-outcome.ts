// What Zoho's refund object means for one of our refunds. Pure: no I/O, no clock.
import type { RefundState } from '../../../contract/vocabulary';
import { parseAmount } from '../../../contract/money';
import type { Refund } from '../../../contract/records';
import type { ZohoRefund } from '../../zoho/schemas';

const ZOHO_STATES: Record<string, RefundState> = {
  initiated: 'initiated',
  pending: 'pending',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  // The British spelling, should Zoho ever write it so.
  cancelled: 'canceled',
};

export interface RefundReading {
  /** Our state for Zoho's status; a status we do not know is followed as not final (`pending`). */
  state: RefundState;
  unknownStatus: string | null;
  failureReason: string | null;
  /** Set when Zoho's refund is not what was asked (another payment or amount): a person must look. */
  mismatch: string | null;
}

export function readZohoRefund(refund: Pick<Refund, 'paymentId' | 'amountMinor'>, zoho: ZohoRefund): RefundReading {
  const state = ZOHO_STATES[zoho.status.toLowerCase()];
  const problems: string[] = [];
  if (zoho.payment_id !== refund.paymentId) problems.push(`payment ${zoho.payment_id}`);
  const amount = parseAmount(zoho.amount);
  if (!amount.ok || amount.value !== refund.amountMinor) problems.push(`amount ${zoho.amount}`);
  return {
    state: state ?? 'pending',
    unknownStatus: state ? null : zoho.status,
    failureReason: zoho.failure_reason ? zoho.failure_reason : null,
    mismatch: problems.length === 0 ? null : `Zoho's refund does not match this refund: ${problems.join(', ')}`,
  };
}

/** The metadata key that carries our refund id to Zoho, so a refund whose answer was lost can be found. */
export const REFUND_ID_KEY = 'counter_refund';

/** The refund of the payment's list that is ours (by the id we sent as metadata), if any. */
export function findOurRefund(refundId: string, listed: readonly ZohoRefund[]): ZohoRefund | null {
  return listed.find((zoho) => zoho.meta_data?.some((item) => item.key === REFUND_ID_KEY && item.value === refundId)) ?? null;
}
