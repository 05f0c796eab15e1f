// Plain words for Zoho's failure codes, for the cashier. Unknown codes are shown as they are.

const FAILURE_REASONS: Record<string, string> = {
  insufficient_funds: 'The bank declined it: not enough money in the account.',
  card_declined: 'The card was declined by the bank.',
  do_not_honor: 'The card was declined by the bank.',
  expired_card: 'The card has expired.',
  incorrect_pin: 'The PIN was wrong.',
  pin_tries_exceeded: 'Too many wrong PIN tries: the card is blocked for now.',
  incorrect_cvc: 'The card security code was wrong.',
  lost_card: 'The card was reported lost. Do not retry with it.',
  stolen_card: 'The card was reported stolen. Do not retry with it.',
  card_not_supported: 'This card cannot be used here.',
  currency_not_supported_for_payment: 'This card cannot pay in this currency.',
  processing_error: 'The card network had a problem. Try again.',
  upi_timeout: 'The UPI payment was not approved in time.',
  upi_declined: 'The customer declined the UPI request.',
  transaction_declined: 'The payment was declined.',
  session_expired: 'The terminal session ran out of time (3 minutes) before anyone paid.',
  cancelled: 'The payment was cancelled on the terminal.',
};

export function describeFailure(code: string | null): string {
  if (!code) return 'The payment failed. Zoho gave no reason.';
  return FAILURE_REASONS[code] ?? `The payment failed (${code}).`;
}
