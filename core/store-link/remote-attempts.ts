// A payment made on another PC, seen from this one. Its audit trail is read from the store. It can
// be re-checked from here (its PC may be dead): this PC asks Zoho, and a final answer becomes a
// re-check request to the PC that made the payment, in this PC's name. Nothing in the store's ledger
// moves: that PC asks Zoho itself and records only what Zoho tells it (settlements.ts), then ships
// it as its own change. The store's row-level security lets no PC write another's ledger. A manager
// here may mark it checked: a review in this PC's name, which that PC records at its next heartbeat
// (reviews.ts) and the store's close report counts at once.
import { getAttempt } from '../../db/local/attempts';
import { InvalidStateError, NotFoundError } from '../../db/local/errors';
import { isReviewState } from '../../contract/vocabulary';
import { assessSession } from '../charges/assess';
import { HandlerFailure } from '../failure';
import type { LedgerReader } from '../ports';
import { requireLink } from './config-writes';
import type { StoreHandlerDeps } from './handlers';
import { readStoreAttempt, readStoreAttemptEvents } from '../../db/store/attempts';
import { requestRecheck } from '../../db/store/settlements';
import { insertReview, reviewedInStore } from '../../db/store/reviews';

/** Another PC's payments on a PC of a store: its audit trail, and a re-check. */
export function otherPcsAttempts(deps: StoreHandlerDeps): Pick<LedgerReader, 'attemptEvents' | 'recheck' | 'markReviewed'> {
  const isLocal = (attemptId: string) => getAttempt(deps.mode().db, attemptId) !== null;
  return {
    attemptEvents: async (attemptId, own) => {
      const { link } = deps;
      const store = link.reachable;
      if (isLocal(attemptId) || !store) return own();
      const events = await readStoreAttemptEvents(store.pool, store.joined.storeId, attemptId);
      if (events.length === 0) throw new NotFoundError('chargeAttempt', attemptId);
      return events;
    },
    markReviewed: async (attemptId, note, own) => {
      if (isLocal(attemptId)) return own();
      const { pool, joined } = requireLink(deps.link, 'Checking a payment made on another PC needs the store link, which is down.');
      const attempt = await readStoreAttempt(pool, joined.storeId, attemptId);
      if (!attempt) throw new NotFoundError('chargeAttempt', attemptId);
      if (attempt.review) return attempt;
      if (!isReviewState(attempt.state)) throw new InvalidStateError('not_awaiting_review');
      await insertReview(pool, joined.storeId, { attemptId, ownerStationId: attempt.stationId, reviewedByStationId: joined.stationId, note, at: deps.now() });
      const review = (await reviewedInStore(pool, joined.storeId, [attemptId])).get(attemptId);
      return { ...attempt, review: review ? { at: review.at, note: review.note } : null };
    },
    recheck: async (attemptId, own) => {
      if (isLocal(attemptId)) return own();
      const { pool, joined } = requireLink(deps.link, 'Re-checking a payment made on another PC needs the store link, which is down.');
      const attempt = await readStoreAttempt(pool, joined.storeId, attemptId);
      if (!attempt) throw new NotFoundError('chargeAttempt', attemptId);
      if (!attempt.paymentsSessionId) {
        throw new HandlerFailure('conflict', 'This payment never got a session from Zoho, so there is nothing to check. Look at the terminal and the Zoho dashboard.', 'attemptId');
      }
      if (attempt.finalAt !== null) return attempt;
      const session = await deps.mode().payments.retrieveSession(attempt.paymentsSessionId);
      const found = assessSession({ ...attempt }, session);
      if (found.kind !== 'succeeded' && found.kind !== 'failed') return attempt;
      await requestRecheck(pool, {
        storeId: joined.storeId,
        attemptId: attempt.id,
        ownerStationId: attempt.stationId,
        requestedByStationId: joined.stationId,
        claimedState: found.kind,
        claimedPaymentId: found.kind === 'succeeded' ? found.paymentId : null,
      });
      return attempt;
    },
  };
}
