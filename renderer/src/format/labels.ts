// The cashier's and manager's words for attempt states, payment methods and failure codes.
// Pure functions (no DOM, no zustand stores) so they can be unit-tested.
import type { AttemptState, PaymentMethod, RefundReason, RefundState, Tender } from '../../../contract/vocabulary';
import { describeFailure } from '../../../contract/failures';

const STATE_LABELS: Record<AttemptState, string> = {
  creating: 'Sending',
  in_progress: 'Waiting',
  succeeded: 'Paid',
  failed: 'Failed',
  rejected: 'Refused',
  unknown: 'Check terminal',
  unresolved: 'Needs review',
};

export function stateLabel(state: AttemptState): string {
  return STATE_LABELS[state];
}

export const METHOD_LABELS: Record<PaymentMethod, string> = { card: 'Card', upi: 'UPI' };

export const TENDER_LABELS: Record<Tender, string> = { card: 'Card', upi: 'UPI', cash: 'Cash' };

const REFUND_STATE_LABELS: Record<RefundState, string> = {
  creating: 'Sending',
  initiated: 'Started',
  pending: 'In progress',
  succeeded: 'Refunded',
  failed: 'Failed',
  canceled: 'Cancelled',
  rejected: 'Not made',
  unknown: 'Asking Zoho',
};

export function refundStateLabel(state: RefundState): string {
  return REFUND_STATE_LABELS[state];
}

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  requested_by_customer: 'The customer asked',
  duplicate: 'Charged twice',
  fraudulent: 'Fraud',
  others: 'Other',
};

/** "card" → "Card"; also accepts what Zoho reports as the paid method (e.g. "upi", "Credit Card"). */
export function methodLabel(method: string | null | undefined): string {
  if (!method) return '—';
  const known = METHOD_LABELS[method.toLowerCase() as PaymentMethod] as string | undefined;
  return known ?? method;
}

/** The reason a payment failed, in the cashier's words; unknown codes are shown as they are. */
export function failureReason(code: string | null): string {
  return describeFailure(code);
}
