// The records the backend returns to the renderer. Money is integer minor units; times are
// unix milliseconds; ids are strings.
import type { TaxSummary } from './billing/invoice';
import { isReviewState, type AttemptState, type Currency, type IntegrationScope, type InvoiceStatus, type PaymentMethod, type RefundReason, type RefundRequestState, type RefundState } from './vocabulary';

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
  /** What is still to pay: the total less the parts paid (cash, card/UPI payments that succeeded); 0 once paid. */
  balanceDueMinor: number;
  /** What its cash tender paid (split tender: an invoice has at most one); 0 when none. */
  paidInCashMinor: number;
  /** Sent by another billing program through the integration API: its name (the number is its reference). */
  program?: string;
  /** The cashier signed in at the counter when it was made (none where no cashiers are defined). */
  cashier?: string;
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
  /** The cashier who made the sale (none where no cashiers are defined). */
  cashier?: string;
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
  /** A manager checked an unknown or unresolved outcome by hand (the state stays as it is). */
  review: AttemptReview | null;
  /** Store mode: the PC that took the payment (on rows read from the store's ledger). */
  stationId?: string;
  /** Set when the create's answer was lost (unknown): see AttemptHold. */
  hold: AttemptHold | null;
}

/**
 * An attempt as the day's CSV lists it. `tax`: its invoice's tax summary (null: none), where the
 * read took it with the row (a PC's own SQLite); absent, the CSV asks for it by `invoiceId`.
 */
export type DayLogAttempt = Pick<
  ChargeAttempt,
  | 'id'
  | 'invoiceId'
  | 'invoiceNumber'
  | 'cashier'
  | 'counterId'
  | 'terminalId'
  | 'amountMinor'
  | 'currency'
  | 'method'
  | 'paymentsSessionId'
  | 'state'
  | 'failureCode'
  | 'failureMessage'
  | 'paymentId'
  | 'mismatch'
  | 'createdAt'
  | 'review'
  | 'stationId'
> & { tax?: TaxSummary | null };

/**
 * A create whose answer was lost may still have made a session that is live on the terminal. Until
 * that session has surely expired, the attempt holds its terminal and its invoice: no other charge
 * may be sent to either. The hold ends by itself (on the backend's monotonic clock) or when a manager
 * who has checked the terminal releases it; the audit trail says which.
 */
export interface AttemptHold {
  /** Until when the terminal may still show the amount (unix ms, this computer's clock): for display. */
  until: number;
  /** When the hold ended (expired or released); null while it holds. */
  endedAt: number | null;
}

/** The attempt still holds its terminal and invoice. */
export function isHeld(attempt: Pick<ChargeAttempt, 'hold'>): boolean {
  return attempt.hold !== null && attempt.hold.endedAt === null;
}

export interface AttemptReview {
  at: number;
  note: string;
}

/** The outcome is unknown and nobody has checked it yet: it needs a person. */
export function awaitsReview(attempt: Pick<ChargeAttempt, 'state' | 'review'>): boolean {
  return isReviewState(attempt.state) && attempt.review === null;
}

/** Split tender: part of the invoice is paid (in cash, or by a card/UPI part) and a balance is still due. */
export function isPartPaid(invoice: Pick<Invoice, 'status' | 'totalMinor' | 'balanceDueMinor'>): boolean {
  return invoice.status !== 'paid' && invoice.balanceDueMinor < invoice.totalMinor;
}

/**
 * The invoice must not be charged without a person confirming a look at the terminal: one of its
 * attempts (in the order they were made, not by clock) awaits review, and no later attempt reached Zoho. A later attempt that
 * got a session covers it: the cashier confirmed checking before making it, and Zoho accepting a
 * new session on the terminal means the lost one was no longer active there. A later refusal
 * (often "the terminal is busy", i.e. the lost session still running) covers nothing.
 */
export function invoiceAwaitsReview(attemptsInOrderMade: readonly Pick<ChargeAttempt, 'state' | 'review' | 'paymentsSessionId'>[]): boolean {
  let pending = false;
  for (const attempt of attemptsInOrderMade) {
    if (awaitsReview(attempt)) pending = true;
    else if (attempt.paymentsSessionId !== null) pending = false;
  }
  return pending;
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

/** A refund of a paid card/UPI payment (an attempt that succeeded), in full or in part. */
export interface Refund {
  id: string;
  attemptId: string;
  invoiceId: string;
  invoiceNumber: string;
  counterId: string;
  /** Zoho's payment being refunded. */
  paymentId: string;
  amountMinor: number;
  currency: Currency;
  reason: RefundReason;
  /** The manager's words, sent to Zoho as the description. */
  note: string | null;
  state: RefundState;
  /** Zoho's refund id, stored the moment it arrives. */
  zohoRefundId: string | null;
  /** Zoho's failure reason (e.g. exceeds_payment_amount), or the app's for a refusal. */
  failureReason: string | null;
  failureMessage: string | null;
  createdAt: number;
  updatedAt: number;
  finalAt: number | null;
  /** Store mode: the PC that made it (on rows read from the store's ledger). */
  stationId?: string;
  /** The cashier signed in at the counter where it was asked for; none: the manager (whose PIN a refund takes). */
  cashier?: string;
}

/**
 * A lost refund answer Zoho's list of the payment's refunds could not settle (the list call is refused
 * or not offered): still `unknown`, with this as its failure reason, until a manager has checked
 * Zoho's dashboard and recorded whether it was made.
 */
export const REFUND_NEEDS_REVIEW = 'needs_review';

export function refundNeedsReview(refund: Pick<Refund, 'state' | 'failureReason'>): boolean {
  return refund.state === 'unknown' && refund.failureReason === REFUND_NEEDS_REVIEW;
}

export interface RefundEvent {
  id: number;
  refundId: string;
  at: number;
  fromState: RefundState | null;
  toState: RefundState;
  actor: string;
  reason: string;
}

/** A refund and its history, for the attempt's panel. */
export interface RefundWithEvents {
  refund: Refund;
  events: RefundEvent[];
  /**
   * A refund of a closed day keeps its record there; Zoho's later word on it, or a manager's
   * decision, is this correction on a later day (this PC's refunds; absent for another PC's).
   */
  correction?: Correction | null;
}

/** An invoice settled in cash at the till. */
export interface CashSale {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  counterId: string;
  amountMinor: number;
  tenderedMinor: number;
  changeMinor: number;
  currency: Currency;
  createdAt: number;
  /** Store mode: the PC that made it (on rows read from the store's ledger). */
  stationId?: string;
  /** The cashier who made the sale (none where no cashiers are defined). */
  cashier?: string;
}

/** Cash paid back out of the drawer for an invoice's cash tender (a refund goes back by the tender it came from). */
export interface CashRefund {
  id: string;
  /** The cash tender (CashSale) it pays back. */
  tenderId: string;
  invoiceId: string;
  invoiceNumber: string;
  counterId: string;
  amountMinor: number;
  currency: Currency;
  reason: RefundReason;
  note: string | null;
  createdAt: number;
  /** Store mode: the PC that paid it (on rows read from the store's ledger). */
  stationId?: string;
  /** The cashier signed in at the counter where it was paid back; none: the manager (whose PIN it takes). */
  cashier?: string;
}

/** A manager closed a local day's books: its records no longer change. */
export interface DayClose {
  id: string;
  /** The store's local date, "2026-11-22". */
  day: string;
  closedBy: string;
  closedAt: number;
  /** Payments still needing review when it was closed (the manager closed anyway). */
  awaitingReview: number;
}

/**
 * Zoho's late word on a record of a closed day (a re-checked payment, a refund that finished),
 * counted on a later, open day instead of changing the closed one.
 */
export interface Correction {
  id: string;
  /** The day it is counted on. */
  day: string;
  closedDay: string;
  recordKind: 'charge' | 'refund';
  recordId: string;
  counterId: string;
  invoiceNumber: string;
  fromState: string;
  toState: string;
  /** Collected (a charge that succeeded) or refunded (a refund that succeeded); 0 for a failure. */
  amountMinor: number;
  paymentId: string | null;
  detail: string;
  createdAt: number;
  /** Store mode: the PC that made it (on rows read from the store's ledger). */
  stationId?: string;
}

/** A key a manager gave another billing program for the integration API (the key itself is shown once, never stored). */
export interface IntegrationKey {
  id: string;
  /** The program's name, shown on the counter's screen with each charge it starts. */
  name: string;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  scopes: IntegrationScope[];
  /** The counters it may charge on. */
  counterIds: string[];
  createdAt: number;
  revokedAt: number | null;
}

/** Cash put into the drawer or taken out of it during a shift, with why and by whom. */
export interface CashMovement {
  id: string;
  shiftId: string;
  kind: 'in' | 'out';
  amountMinor: number;
  reason: string;
  by: string;
  createdAt: number;
}

/**
 * A counter's shift: the drawer opened with a float, cash moved in and out, and at the close the cash
 * counted against what was expected then (float + cash sales + in − out).
 */
export interface Shift {
  id: string;
  counterId: string;
  openedBy: string;
  floatMinor: number;
  openedAt: number;
  close: { closedBy: string; closedAt: number; countedMinor: number; expectedMinor: number } | null;
}

/** A cashier as the counter and the manager see them (never their PIN). */
export interface CashierSummary {
  id: string;
  name: string;
}

/** A refund a billing program asked for through the integration API: it waits for a manager on the counter's screen. */
export interface IntegrationRefundRequest {
  id: string;
  keyId: string;
  /** The program that asked (its key's name). */
  program: string;
  attemptId: string;
  invoiceId: string;
  invoiceNumber: string;
  counterId: string;
  amountMinor: number;
  currency: Currency;
  reason: RefundReason;
  note: string | null;
  requestedAt: number;
  state: RefundRequestState;
  decidedAt: number | null;
  /** The refund Counter made when a manager approved the request. */
  refundId: string | null;
}
