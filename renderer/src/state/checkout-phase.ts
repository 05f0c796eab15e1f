// Which step of a sale the counter screen is at, from the invoice and its latest attempt.
import { isLiveState } from '../../../contract/vocabulary';
import type { ChargeAttempt, Invoice } from '../../../contract/records';

/** What the payment panel shows. */
export type CheckoutPhase =
  | 'draft' // typing the invoice
  | 'ready' // invoice created, not charged yet (or charging it failed before an attempt existed)
  | 'waiting' // an attempt is live on the terminal
  | 'paid'
  | 'failed'
  | 'rejected'
  | 'unknown'
  | 'unresolved';

export function phaseOf(invoice: Invoice | null, attempt: ChargeAttempt | null): CheckoutPhase {
  if (!invoice) return 'draft';
  if (invoice.status === 'paid') return 'paid';
  // A card/UPI part paid with a balance still due (split tender): the next part is taken. A payment
  // of the whole total is paid even before the invoice as the backend has it arrives.
  if (attempt?.state === 'succeeded') return attempt.amountMinor >= invoice.totalMinor ? 'paid' : 'ready';
  if (!attempt) return 'ready';
  if (isLiveState(attempt.state)) return 'waiting';
  switch (attempt.state) {
    case 'failed':
      return 'failed';
    case 'rejected':
      return 'rejected';
    case 'unknown':
      return 'unknown';
    case 'unresolved':
      return 'unresolved';
    default:
      return 'ready';
  }
}
