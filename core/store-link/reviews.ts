// Reviews of this PC's payments made by a manager on another PC (store migration 009; written by
// remote-attempts.ts): recorded in this PC's ledger at the heartbeat, as that manager's, so they ship
// as this PC's own change. A payment no longer waiting for a person (Zoho answered, or its day is
// closed here) keeps its record as it is; the review is marked done either way, and one that could
// not be recorded is set aside for the Manager screen (set-aside.ts).
import { markAttemptReviewed } from '../../db/local/reviews';
import type { Queryable } from '../../db/store/migrate';
import { markReviewApplied, pendingReviews } from '../../db/store/reviews';
import type { Logger } from '../logger';
import type { RunningMode } from '../mode';
import { setAsideReview } from './set-aside';

/** Records the reviews other PCs made of this PC's payments; returns how many. */
export async function applyStoreReviews(
  client: Queryable,
  joined: { storeId: string; stationId: string },
  mode: RunningMode,
  deps: { log: Logger; now: () => number },
): Promise<number> {
  const reviews = await pendingReviews(client, joined.storeId, joined.stationId);
  for (const review of reviews) {
    try {
      const attempt = markAttemptReviewed(mode.db, { attemptId: review.attemptId, note: review.note, at: review.at, actor: `manager on PC “${review.reviewedByName}”` });
      mode.services.charges.publish(attempt);
    } catch (error) {
      deps.log.warn('a review made on another PC could not be recorded here; set aside, the payment stays as it is', {
        attemptId: review.attemptId,
        error: error instanceof Error ? error.message : String(error),
      });
      setAsideReview(mode.db, deps.now(), review, error);
    }
    await markReviewApplied(client, joined.storeId, joined.stationId, review.attemptId);
  }
  return reviews.length;
}
