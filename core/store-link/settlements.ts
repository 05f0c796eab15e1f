// Re-check requests for this PC's payments (remote-attempts.ts): another PC saw Zoho's answer and
// asks this one to look. This PC asks Zoho itself (its own retrieve, through the charge service, as
// a person's re-check would) and records only what Zoho tells it; a request that Zoho does not
// bear out is logged and ignored. Answered at each heartbeat while the link is up.
import { getAttempt } from '../../db/local/attempts';
import type { Queryable } from '../../db/store/migrate';
import { markRecheckAnswered, pendingRecheckRequests } from '../../db/store/settlements';
import type { Logger } from '../logger';
import type { RunningMode } from '../mode';

/** Answers this PC's pending re-check requests with its own retrieve; returns how many it answered. */
export async function answerRecheckRequests(client: Queryable, joined: { storeId: string; stationId: string }, mode: RunningMode, log: Logger): Promise<number> {
  const pending = await pendingRecheckRequests(client, joined.storeId, joined.stationId);
  for (const request of pending) {
    const before = getAttempt(mode.db, request.attemptId);
    if (before && before.finalAt === null && before.paymentsSessionId) await mode.services.charges.recheck(request.attemptId);
    const after = getAttempt(mode.db, request.attemptId);
    if (after?.state !== request.claimedState) {
      log.warn('re-check request not borne out by Zoho: ignored', {
        attemptId: request.attemptId,
        requestedBy: request.requestedByName,
        claimedState: request.claimedState,
        stateHere: after?.state ?? 'no such payment on this PC',
      });
    }
    await markRecheckAnswered(client, joined.storeId, joined.stationId, request.attemptId);
  }
  return pending.length;
}
