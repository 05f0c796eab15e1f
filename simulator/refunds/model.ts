// The simulator's record of refunds (Zoho Payments API v1, "Refunds"; the wire shape is in wire.ts).
import type { MetaDataItem } from '../payments/model';

/** Zoho's refund statuses. `initiated` and `pending` are not final. */
export const REFUND_STATUSES = ['initiated', 'pending', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const FINAL_REFUND_STATUSES: readonly RefundStatus[] = ['succeeded', 'failed', 'canceled'];

/** The reasons a merchant may give (Zoho's `system_initiated` and `expired_uncaptured_charge` are its own). */
export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'others'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** The types a merchant may send (`initiated_by_system` is Zoho's own). */
export const REFUND_TYPES = ['initiated_by_merchant', 'initiated_by_customer'] as const;
export type RefundType = (typeof REFUND_TYPES)[number];

export interface RefundRecord {
  refundId: string;
  paymentId: string;
  referenceNumber: string;
  /** Two-decimal text, as the API writes it: "200.00". */
  amount: string;
  type: RefundType;
  reason: RefundReason;
  description: string | null;
  metaData: MetaDataItem[] | null;
  status: RefundStatus;
  /** Given by the card network once the refund succeeded. */
  networkReferenceNumber: string | null;
  failureReason: string | null;
  createdAt: number;
  /** When an `initiated` or `pending` refund succeeds by itself; null: only the control API moves it. */
  settlesAt: number | null;
}
