// One counter, one PC. A PC claims a counter before charging on it; the claim lives as long as the
// PC's heartbeats. While it lives no other PC may take the counter; once stale (the PC is not heard
// from) it still holds, since that PC may be charging with its link down, until a manager releases it,
// which the store allows only once that PC's lease has lapsed (lease.ts: it has stopped starting
// payments there by then). The release is recorded, and the counter's terminal waits for the payment
// that PC may have left on it (released-terminals.ts). A PC may hold several counters; a till moving
// to another counter lets go of the one it leaves.
import type pg from 'pg';
import { formatTime } from '../../contract/calendar';
import { HandlerFailure } from '../failure';
import { deleteClaim, forgetOwnRelease, highestInvoiceSequence, insertClaim, lockCounterRow, readClaims, type ClaimRow } from '../../db/store/claims';
import { releaseClaimWithPin } from '../../db/store/pin-functions';

/** Who holds the counter, in a cashier's words, and what to do. */
function heldElsewhere(counterName: string, holder: ClaimRow): string {
  if (!holder.stale) return `${counterName} is in use at PC “${holder.station_name}”. Choose another counter, or take this one there first.`;
  return `${counterName} is held by PC “${holder.station_name}”, which has not been heard from since ${formatTime(holder.last_seen)}. A manager can release it under Manager → Store.`;
}

export interface ClaimRequest {
  storeId: string;
  stationId: string;
  counterId: string;
  counterName: string;
  leaseMs: number;
  /** How long a PC goes on charging cut off from the store (StoreTiming.claimLeaseMs). */
  claimLeaseMs: number;
}

/**
 * Claims the counter for this PC (in the caller's transaction). Refused (conflict, naming the PC)
 * while another PC holds it. Returns the highest invoice number sequence the store has seen on the
 * counter's prefix, so numbering goes on from there.
 */
export async function claimCounter(client: pg.ClientBase, request: ClaimRequest, invoicePrefix: string): Promise<number> {
  const { storeId, stationId, counterId } = request;
  await lockCounterRow(client, storeId, counterId);
  const holder = (await readClaims(client, storeId, request.leaseMs)).find((claim) => claim.counter_id === counterId);
  if (holder && holder.station_id !== stationId) {
    throw new HandlerFailure('conflict', heldElsewhere(request.counterName, holder), 'counterId');
  }
  if (!holder) {
    await insertClaim(client, { storeId, counterId, stationId });
    await forgetOwnRelease(client, storeId, counterId, stationId);
  }
  return highestInvoiceSequence(client, storeId, counterId, invoicePrefix);
}

/** This PC lets go of a counter it holds (a till moved to another counter); another PC's claim is left alone. */
export async function leaveCounter(client: pg.ClientBase, storeId: string, stationId: string, counterId: string): Promise<void> {
  await deleteClaim(client, storeId, counterId, stationId);
}

/**
 * A manager frees a counter whose PC is not heard from and whose lease has lapsed (through
 * release_claim, with the manager's PIN, which records the release), or this PC's own. A live PC's
 * claim is refused: that PC may be charging on it right now; so is one whose PC went quiet less than
 * its lease ago: cut off from the store, it may still be starting payments there.
 */
export async function releaseClaim(client: pg.ClientBase, request: ClaimRequest, pin: string | null): Promise<void> {
  const holder = (await readClaims(client, request.storeId, request.leaseMs)).find((claim) => claim.counter_id === request.counterId);
  if (!holder) return;
  if (!holder.stale && holder.station_id !== request.stationId) {
    throw new HandlerFailure(
      'conflict',
      `PC “${holder.station_name}” is in touch and holds ${request.counterName}: choose another counter on that PC to free it.`,
      'counterId',
    );
  }
  const leased = (await readClaims(client, request.storeId, request.claimLeaseMs)).find((claim) => claim.counter_id === request.counterId);
  if (holder.station_id !== request.stationId && leased && !leased.stale) {
    throw new HandlerFailure(
      'conflict',
      `PC “${holder.station_name}” has not been heard from since ${formatTime(holder.last_seen)}, but it may still be taking payments on ${request.counterName} while cut off from the store. It stops by itself at ${formatTime(holder.last_seen + request.claimLeaseMs)}; release the counter then.`,
      'counterId',
    );
  }
  if (holder.station_id === request.stationId) await deleteClaim(client, request.storeId, request.counterId, request.stationId);
  else if (pin === null) throw new HandlerFailure('locked', 'The manager screens locked: unlock them again to release another PC’s counter.', 'managerToken');
  else await releaseClaimWithPin(client, pin, request.counterId);
}
