// Re-check requests for this PC's payments (remote-attempts.ts): another PC saw Zoho's answer and
// asks this one to look. This PC asks Zoho itself (its own retrieve, through the charge service, as
// a person's re-check would) and records only what Zoho tells it; a request that Zoho does not
// bear out is logged and ignored. A payment of a day this PC closed never changes: the charge
// service turns Zoho's word into a correction on the next open day. Answered at each heartbeat
// while the link is up; one request that cannot be answered now never stops the others, nor the link.
import { getAttempt } from '../../db/local/attempts';
import type { Queryable } from '../../db/store/migrate';
import { markRecheckAnswered, pendingRecheckRequests, type RecheckRequest } from '../../db/store/settlements';
import type { Logger } from '../logger';
import type { RunningMode } from '../mode';

/** What answering the store's re-check requests did. */
export interface RechecksAnswered {
  answered: number;
  /** Requests that could not be answered now: left for the next heartbeat, the others went on. */
  failed: number;
}

/** Answers this PC's pending re-check requests with its own retrieve. */
export async function answerRecheckRequests(
  client: Queryable,
  joined: { storeId: string; stationId: string },
  mode: RunningMode,
  log: Logger,
): Promise<RechecksAnswered> {
  const done: RechecksAnswered = { answered: 0, failed: 0 };
  for (const request of await pendingRecheckRequests(client, joined.storeId, joined.stationId)) {
    try {
      await answer(request, mode, log);
    } catch (error) {
      done.failed += 1;
      log.warn('a re-check request could not be answered; it is tried again at the next heartbeat', {
        attemptId: request.attemptId,
        error: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    await markRecheckAnswered(client, joined.storeId, joined.stationId, request.attemptId);
    done.answered += 1;
  }
  return done;
}

async function answer(request: RecheckRequest, mode: RunningMode, log: Logger): Promise<void> {
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
}
