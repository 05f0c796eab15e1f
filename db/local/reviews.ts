// Payments whose outcome Zoho never told us: whether an invoice waits for a person, and a manager's
// review, recorded beside the attempt and in its audit trail without touching its state.
import { isReviewState } from '../../contract/vocabulary';
import { invoiceAwaitsReview as attemptsAwaitReview, type ChargeAttempt } from '../../contract/records';
import { listAttemptsForInvoice, requireAttempt } from './attempt-queries';
import type { Db } from './database';
import { assertDayOpen } from './day-closes';
import { InvalidStateError } from './errors';
import { appendAttemptEvent } from './events';
import { inWriteTransaction, prepared } from './statements';

/** See invoiceAwaitsReview in contract/model.ts (an invoice has only a few attempts). */
export function invoiceAwaitsReview(db: Db, invoiceId: string): boolean {
  return attemptsAwaitReview(listAttemptsForInvoice(db, invoiceId));
}

export interface AttemptReviewInput {
  attemptId: string;
  /** What the manager found, in their words (e.g. "Terminal and Zoho show no payment: nothing was charged"). */
  note: string;
  at: number;
  actor: string;
}

/**
 * Marks an unknown or unresolved attempt as checked by a person. Idempotent: an attempt already
 * reviewed is returned as it is. Throws InvalidStateError for any other state, DayClosedError
 * once the attempt's day is closed.
 */
export function markAttemptReviewed(db: Db, input: AttemptReviewInput): ChargeAttempt {
  return inWriteTransaction(db, () => {
    const attempt = requireAttempt(db, input.attemptId);
    if (attempt.review) return attempt;
    if (!isReviewState(attempt.state)) throw new InvalidStateError('not_awaiting_review');
    assertDayOpen(db, attempt.createdAt);
    prepared<[number, string, number, string]>(db, 'UPDATE charge_attempts SET reviewed_at = ?, review_note = ?, updated_at = ? WHERE id = ?').run(
      input.at,
      input.note,
      input.at,
      attempt.id,
    );
    appendAttemptEvent(db, {
      attemptId: attempt.id,
      at: input.at,
      fromState: attempt.state,
      toState: attempt.state,
      actor: input.actor,
      reason: `Checked by hand: ${input.note}`,
    });
    return requireAttempt(db, attempt.id);
  });
}
