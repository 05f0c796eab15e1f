// A charge as the integration API shows it: Zoho's word only. `state` is the attempt's own state
// (unknown, unresolved and a hold are shown as such, never guessed into paid or failed).
import { awaitsReview, isHeld, type ChargeAttempt } from '../../contract/records';
import { isLiveState, type AttemptState, type Currency, type PaymentMethod } from '../../contract/vocabulary';
import type { InvoiceSource } from '../../db/local/integration';

export interface ApiCharge {
  id: string;
  reference: string;
  program: string;
  counterId: string;
  amountMinor: number;
  currency: Currency;
  method: PaymentMethod;
  state: AttemptState;
  /** Still waiting for Zoho (creating, in_progress): wait for it again. */
  pending: boolean;
  /** A person must look at the terminal and Zoho's dashboard (unknown or unresolved, not yet reviewed). */
  needsReview: boolean;
  /** A lost create answer may have left the amount on the terminal: no new charge of this invoice or on this terminal until it ends. */
  held: boolean;
  holdUntil: number | null;
  failure: { code: string | null; message: string | null } | null;
  paymentId: string | null;
  paidMethod: string | null;
  createdAt: number;
  updatedAt: number;
  finalAt: number | null;
}

export function toApiCharge(attempt: ChargeAttempt, source: InvoiceSource): ApiCharge {
  return {
    id: attempt.id,
    reference: source.reference,
    program: source.program,
    counterId: attempt.counterId,
    amountMinor: attempt.amountMinor,
    currency: attempt.currency,
    method: attempt.method,
    state: attempt.state,
    pending: isLiveState(attempt.state),
    needsReview: awaitsReview(attempt),
    held: isHeld(attempt),
    holdUntil: attempt.hold && attempt.hold.endedAt === null ? attempt.hold.until : null,
    failure: attempt.failureCode || attempt.failureMessage ? { code: attempt.failureCode, message: attempt.failureMessage } : null,
    paymentId: attempt.paymentId,
    paidMethod: attempt.paidMethod,
    createdAt: attempt.createdAt,
    updatedAt: attempt.updatedAt,
    finalAt: attempt.finalAt,
  };
}
