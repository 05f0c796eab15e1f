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

const REFUND_FAILURES: Record<string, string> = {
  exceeds_payment_amount: 'Zoho refused: the refund is more than what is left of the payment.',
  payment_already_refunded: 'Zoho refused: this payment was already refunded in full.',
  payment_already_disputed: 'Zoho refused: the customer has disputed this payment with the bank.',
  payment_not_captured: 'Zoho refused: the payment was never completed.',
  insufficient_funds: 'Zoho could not refund: not enough balance in the Zoho Payments account.',
  exceeds_balance_amount: 'Zoho could not refund: not enough balance in the Zoho Payments account.',
  amount_too_small: 'Zoho refused: the amount is too small to refund.',
  expiry_time_exceeded: 'Zoho refused: this payment is too old to refund.',
  lost_or_stolen_card: 'The bank refused: the card was reported lost or stolen.',
  expired_or_canceled_card: 'The bank refused: the card has expired or was cancelled.',
  charge_for_pending_refund_disputed: 'Zoho refused: the payment is under dispute.',
  merchant_request: 'The refund was cancelled at the merchant’s request.',
  unknown: 'The refund failed. Zoho gave no reason.',
};

/** Zoho's failure reason in a manager's words; an unknown code is shown as it is. */
export function describeRefundFailure(reason: string | null): string {
  if (!reason) return 'The refund failed. Zoho gave no reason.';
  return REFUND_FAILURES[reason] ?? `The refund failed (${reason}).`;
}

/**
 * Why Zoho gave no usable answer, in the three kinds a cashier must tell apart: the network or Zoho is
 * down (wait; check the internet), Zoho refused Counter's access (a manager must act), or Zoho
 * answered in a way Counter could not read (nothing to do at the counter; tell the manager).
 */
export const ZOHO_TROUBLES = ['unreachable', 'access_refused', 'not_understood'] as const;
export type ZohoTrouble = (typeof ZOHO_TROUBLES)[number];

/** One sentence per kind of trouble, for the cashier and the manager. */
export const ZOHO_TROUBLE_MESSAGES: Record<ZohoTrouble, string> = {
  unreachable: 'Counter cannot reach Zoho: the internet connection or Zoho is down.',
  access_refused: 'Zoho refused Counter’s access: a manager must check the Zoho connection on the Manager screen.',
  not_understood: 'Zoho answered, but Counter could not understand the answer.',
};

/** A few words per kind of trouble, for the header. */
export const ZOHO_TROUBLE_LABELS: Record<ZohoTrouble, string> = {
  unreachable: 'Cannot reach Zoho',
  access_refused: 'Zoho refused access',
  not_understood: 'Zoho’s answer not understood',
};

/** What the cashier is told when a charge request did not reach Zoho, or its answer was lost. */
export function chargeTroubleMessage(trouble: ZohoTrouble, outcome: 'not_sent' | 'unknown'): string {
  const what =
    outcome === 'not_sent'
      ? 'Nothing was sent to the terminal: charge again once this is fixed.'
      : 'Counter cannot tell whether the terminal received this payment: check the terminal before charging again.';
  return `${ZOHO_TROUBLE_MESSAGES[trouble]} ${what}`;
}

/** Zoho itself refused the charge (for example a busy or unknown terminal): nothing was sent to the terminal. */
export function chargeRefusedMessage(zohoMessage: string): string {
  const said = zohoMessage.trim();
  return `Zoho refused the payment: ${said}${/[.!?]$/.test(said) ? '' : '.'} Nothing was sent to the terminal.`;
}

/** Zoho asked for fewer requests: the charge was not sent. */
export function chargeRateLimitedMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `Zoho asked Counter to slow down (too many requests). Nothing was sent to the terminal: charge again in about ${seconds} seconds.`;
}
