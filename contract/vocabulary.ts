// Domain vocabulary shared by every process: the core, the db, the shells and the renderer.
// Pure TypeScript: no Node, no DOM.

export const ATTEMPT_STATES = [
  'creating', // written before the create call; no session id yet
  'in_progress', // Zoho created the session; polling
  'succeeded', // final, from Zoho's retrieve call only
  'failed', // final, from Zoho's retrieve call only
  'rejected', // Zoho refused the create: nothing exists on the terminal
  'unknown', // the create's outcome cannot be known (response lost): a person must check the terminal
  'unresolved', // polling gave up after the session's validity without a final status: a person must check
] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/** States in which a session may still be active on the terminal: at most one per terminal and per invoice. */
export const LIVE_STATES = ['creating', 'in_progress'] as const satisfies readonly AttemptState[];
/** States a person must look at before the invoice may be charged again. */
export const REVIEW_STATES = ['unknown', 'unresolved'] as const satisfies readonly AttemptState[];
export const FINAL_STATES = ['succeeded', 'failed', 'rejected'] as const satisfies readonly AttemptState[];

export function isLiveState(state: AttemptState): boolean {
  return (LIVE_STATES as readonly AttemptState[]).includes(state);
}
export function isReviewState(state: AttemptState): boolean {
  return (REVIEW_STATES as readonly AttemptState[]).includes(state);
}

export const PAYMENT_METHODS = ['card', 'upi'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const INVOICE_STATUSES = ['open', 'paid', 'payment_failed', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const CURRENCIES = ['INR', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const EDITIONS = ['in', 'in_sandbox', 'us'] as const;
export type Edition = (typeof EDITIONS)[number];

/**
 * A refund of a paid card/UPI payment through Zoho. `creating` is written before Zoho is asked;
 * `initiated` and `pending` are Zoho's not-final statuses; `succeeded`, `failed` and `canceled` are
 * Zoho's final ones; `rejected`: Zoho refused the request, or has no record of it (nothing was
 * refunded); `unknown`: the create's answer was lost, and Zoho is asked for the payment's refunds.
 */
export const REFUND_STATES = ['creating', 'initiated', 'pending', 'succeeded', 'failed', 'canceled', 'rejected', 'unknown'] as const;
export type RefundState = (typeof REFUND_STATES)[number];
/** A refund whose outcome is not known yet: it holds the rest of its payment (one at a time). */
export const UNSETTLED_REFUND_STATES = ['creating', 'unknown'] as const satisfies readonly RefundState[];
/** Zoho has it and has not finished it: followed by the poller. */
export const FOLLOWED_REFUND_STATES = ['initiated', 'pending', 'unknown'] as const satisfies readonly RefundState[];
export const FINAL_REFUND_STATES = ['succeeded', 'failed', 'canceled', 'rejected'] as const satisfies readonly RefundState[];
/** States whose amount counts against the payment (all but the ones that refunded nothing). */
export const COMMITTED_REFUND_STATES = ['creating', 'initiated', 'pending', 'succeeded', 'unknown'] as const satisfies readonly RefundState[];

export function isFinalRefundState(state: RefundState): boolean {
  return (FINAL_REFUND_STATES as readonly RefundState[]).includes(state);
}

/** The reasons a merchant may give Zoho for a refund. */
export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent', 'others'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** A billing program's refund request: waiting for a manager, then approved (a refund was made) or declined. */
export const REFUND_REQUEST_STATES = ['waiting', 'approved', 'declined'] as const;
export type RefundRequestState = (typeof REFUND_REQUEST_STATES)[number];

/** How an invoice was settled: on the terminal (card, UPI) or at the till (cash). */
export const TENDERS = ['card', 'upi', 'cash'] as const;
export type Tender = (typeof TENDERS)[number];

/** What an integration API key may do: start charges, read them and the counters, ask for refunds. */
export const INTEGRATION_SCOPES = ['charge', 'read', 'refund-request'] as const;
export type IntegrationScope = (typeof INTEGRATION_SCOPES)[number];
