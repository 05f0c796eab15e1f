// What the screen and the backend both say about a refund amount beyond what is left of the payment.
import { formatMoney } from './money';
import type { Currency } from './vocabulary';

export function refundTooLargeMessage(leftMinor: number, paymentMinor: number, currency: Currency): string {
  return `Refund amount must be at most ${formatMoney(leftMinor, currency)}: that is what is left to refund of this ${formatMoney(paymentMinor, currency)} payment.`;
}
