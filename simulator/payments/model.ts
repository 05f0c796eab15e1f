// The simulator's own record of POS sessions and their payments (the wire shape is in wire.ts).

export type SessionStatus = 'in_progress' | 'succeeded' | 'failed';
export type PaymentMethodType = 'card' | 'upi';

export interface MetaDataItem {
  key: string;
  value: string;
}

export interface PaymentRecord {
  paymentId: string;
  /** Decimal text with two places, as the API writes it: "100.50". */
  amount: string;
  status: 'succeeded' | 'failed';
  at: number;
  failureCode: string | null;
  method: PaymentMethodType;
}

export interface SessionRecord {
  sessionId: string;
  terminalId: string;
  amount: string;
  currency: string;
  createdAt: number;
  expiresAt: number;
  status: SessionStatus;
  invoiceNumber: string | null;
  description: string | null;
  metaData: MetaDataItem[] | null;
  /** payment_method_details.type from the create request, if it named one. */
  requestedMethod: PaymentMethodType | null;
  /** When the cashier pulled it onto the terminal ("Fetch Payments"). */
  fetchedAt: number | null;
  payments: PaymentRecord[];
}

/** Terminal ids the simulator accepts: Zoho's examples are "87971593", "1234r5tr" and "TRM001". */
export const TERMINAL_ID_SHAPE = /^[A-Za-z0-9_-]{1,50}$/;

/** The label Zoho attaches to a payment method (`type_formatted`). */
export const METHOD_LABELS: Record<PaymentMethodType, string> = { card: 'Card', upi: 'UPI' };

/**
 * Failure codes the terminal page offers. Any code matching FAILURE_CODE_SHAPE may be injected
 * through the control API, so clients can be tested with codes they do not know.
 */
export const FAILURE_CODES: Readonly<Record<string, string>> = {
  insufficient_funds: 'Insufficient funds',
  card_declined: 'Card declined',
  do_not_honor: 'Do not honour',
  expired_card: 'Expired card',
  incorrect_pin: 'Incorrect PIN',
  pin_tries_exceeded: 'PIN tries exceeded',
  incorrect_cvc: 'Incorrect CVC',
  lost_card: 'Lost card',
  stolen_card: 'Stolen card',
  card_not_supported: 'Card not supported',
  processing_error: 'Processing error',
  upi_timeout: 'UPI request timed out',
  upi_declined: 'UPI request declined',
  transaction_declined: 'Transaction declined',
  cancelled: 'Cancelled on the terminal',
};

export const FAILURE_CODE_SHAPE = /^[a-z][a-z0-9_]{0,49}$/;

/** The simulator's label for a session that ran out of time unpaid (Zoho documents none). */
export const SESSION_EXPIRED = 'session_expired';
