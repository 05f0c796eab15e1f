import type { Currency } from '../../../../../contract/vocabulary';
import type { ChargeAttempt, Counter } from '../../../../../contract/records';
import { formatMoney } from '../../../../../contract/money';
import { failureReason, methodLabel } from '../../../format/labels';
import type { CheckoutPhase } from '../../../state/checkout-phase';

/** One sentence per state for the polite live region: it changes only when the payment does. */
export function announcement(phase: CheckoutPhase, attempt: ChargeAttempt | null, counter: Counter, currency: Currency): string {
  if (!attempt) return '';
  const amount = formatMoney(attempt.amountMinor, currency);
  switch (phase) {
    case 'waiting': {
      const declined = attempt.declinedTries.at(-1);
      if (declined) return `Declined: ${failureReason(declined.failureCode)} The customer can try again on the terminal.`;
      return attempt.state === 'creating'
        ? `Sending ${amount} to terminal ${counter.terminalId}.`
        : `Sent ${amount} to terminal ${counter.terminalId}. Tap Fetch Payments on the terminal.`;
    }
    case 'paid':
      return `Paid: ${amount} by ${methodLabel(attempt.paidMethod ?? attempt.method)}.`;
    case 'failed':
      return `Payment failed: ${failureReason(attempt.failureCode)}`;
    case 'rejected':
      return `Zoho refused the payment: ${attempt.failureMessage ?? 'no reason given'}`;
    case 'unknown':
    case 'unresolved':
      if (attempt.review) return 'Your manager has checked this payment. Charge again only if the customer has not paid.';
      return phase === 'unknown'
        ? 'We could not confirm whether the terminal received this payment. Check the terminal.'
        : 'Zoho never gave a final answer for this payment. Check the terminal receipt or ask your manager.';
    default:
      return '';
  }
}
