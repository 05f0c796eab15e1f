// Refunds as the API writes them (the documented refund object): amounts as two-decimal strings,
// `date` in unix seconds (as in the example; the attribute table says milliseconds), empty strings
// rather than null for a reference or failure reason not known yet.
import type { MetaDataItem } from '../payments/model';
import type { RefundReason, RefundRecord, RefundStatus, RefundType } from './model';

export interface WireRefund {
  refund_id: string;
  payment_id: string;
  reference_number: string;
  default_currency_amount: string;
  amount: string;
  type: RefundType;
  reason: RefundReason;
  description: string;
  status: RefundStatus;
  network_reference_number: string;
  failure_reason: string;
  date: number;
  meta_data?: MetaDataItem[];
}

export function wireRefund(refund: RefundRecord): WireRefund {
  return {
    refund_id: refund.refundId,
    payment_id: refund.paymentId,
    reference_number: refund.referenceNumber,
    default_currency_amount: refund.amount,
    amount: refund.amount,
    type: refund.type,
    reason: refund.reason,
    description: refund.description ?? '',
    status: refund.status,
    network_reference_number: refund.networkReferenceNumber ?? '',
    failure_reason: refund.failureReason ?? '',
    date: Math.floor(refund.createdAt / 1000),
    ...(refund.metaData === null ? {} : { meta_data: refund.metaData.map((item) => ({ key: item.key, value: item.value })) }),
  };
}
