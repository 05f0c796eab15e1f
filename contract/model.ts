// The records the backend returns to the renderer. Money is integer minor units; times are
// unix milliseconds; ids are strings.
import type { AttemptState, Currency, InvoiceStatus, PaymentMethod } from './domain';

export interface Counter {
  id: string;
  name: string;
  terminalId: string;
  invoicePrefix: string;
  active: boolean;
  createdAt: number;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface Invoice {
  id: string;
  number: string;
  counterId: string;
  lines: InvoiceLine[];
  totalMinor: number;
  currency: Currency;
  status: InvoiceStatus;
  createdAt: number;
  paidAt: number | null;
}

/** A declined try inside a session that is still in progress: the customer may try again. */
export interface DeclinedTry {
  paymentId: string;
  failureCode: string | null;
  method: string | null;
  at: number;
}

export interface ChargeAttempt {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  counterId: string;
  terminalId: string;
  amountMinor: number;
  currency: Currency;
  method: PaymentMethod;
  paymentsSessionId: string | null;
  state: AttemptState;
  failureCode: string | null;
  failureMessage: string | null;
  paymentId: string | null;
  paidMethod: string | null;
  declinedTries: DeclinedTry[];
  /** Set when Zoho's session disagrees with what we asked for (amount, currency, terminal, invoice). */
  mismatch: string | null;
  createdAt: number;
  updatedAt: number;
  finalAt: number | null;
  lastPolledAt: number | null;
  pollCount: number;
  /** When Zoho created the session (unix ms), for the 3-minute countdown. */
  sessionCreatedAt: number | null;
}

export interface AttemptEvent {
  id: number;
  attemptId: string;
  at: number;
  fromState: AttemptState | null;
  toState: AttemptState;
  /** What caused it: 'cashier', 'poller', 'recheck', 'startup', 'zoho'. */
  actor: string;
  reason: string;
}
