// One counter, one PC. A PC claims a counter before charging on it; the claim lives as long as the
// PC's heartbeats (its lease). While it lives no other PC may take the counter; once stale (the PC
// is not heard from) it still holds, since that PC may be charging with its link down, until a
// manager releases it. A PC may hold several counters; a till moving to another counter lets go
// of the one it leaves.
import type pg from 'pg';
import { HandlerFailure } from '../failure';
import type { Queryable } from '../../db/store/migrate';

/** The database's clock in unix ms: leases are judged by one clock, not by each PC's. */
export const DB_NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

export interface ClaimRow {
  counter_id: string;
  station_id: string;
  station_name: string;
  claimed_at: number;
  last_seen: number;
  stale: boolean;
}

export async function readClaims(client: Queryable, storeId: string, leaseMs: number): Promise<ClaimRow[]> {
  const result = await client.query<ClaimRow>(
    `SELECT c.counter_id, c.station_id, s.name AS station_name, c.claimed_at, s.last_seen, s.last_seen < ${DB_NOW_MS} - $2 AS stale
     FROM counter_claims AS c JOIN stations AS s ON s.store_id = c.store_id AND s.id = c.station_id
     WHERE c.store_id = $1 ORDER BY c.claimed_at`,
    [storeId, leaseMs],
  );
  return result.rows;
}

/** Who holds the counter, in a cashier's words, and what to do. */
export function heldElsewhere(counterName: string, holder: ClaimRow, formatTime: (ms: number) => string): string {
  if (!holder.stale) return `${counterName} is in use at PC “${holder.station_name}”. Choose another counter, or take this one there first.`;
  return `${counterName} is held by PC “${holder.station_name}”, which has not been heard from since ${formatTime(holder.last_seen)}. A manager can release it under Manager → Store.`;
}

export interface ClaimRequest {
  storeId: string;
  stationId: string;
  counterId: string;
  counterName: string;
  leaseMs: number;
  formatTime: (ms: number) => string;
}

/**
 * Claims the counter for this PC (in the caller's transaction). Refused (conflict, naming the PC)
 * while another PC holds it. Returns the highest invoice number sequence the store has seen on the
 * counter's prefix, so numbering goes on from there.
 */
export async function claimCounter(client: pg.ClientBase, request: ClaimRequest, invoicePrefix: string): Promise<number> {
  const { storeId, stationId, counterId } = request;
  await client.query('SELECT 1 FROM counters WHERE store_id = $1 AND id = $2 FOR UPDATE', [storeId, counterId]);
  const holder = (await readClaims(client, storeId, request.leaseMs)).find((claim) => claim.counter_id === counterId);
  if (holder && holder.station_id !== stationId) {
    throw new HandlerFailure('conflict', heldElsewhere(request.counterName, holder, request.formatTime), 'counterId');
  }
  if (!holder) {
    await client.query(`INSERT INTO counter_claims (store_id, counter_id, station_id, claimed_at) VALUES ($1, $2, $3, ${DB_NOW_MS})`, [
      storeId,
      counterId,
      stationId,
    ]);
  }
  const numbers = await client.query<{ sequence: number | null }>(
    `SELECT max(substr(number, length($3) + 1)::bigint) AS sequence FROM invoices
     WHERE store_id = $1 AND counter_id = $2 AND left(number, length($3)) = $3 AND substr(number, length($3) + 1) ~ '^[0-9]{1,15}$'`,
    [storeId, counterId, invoicePrefix],
  );
  return numbers.rows[0]?.sequence ?? 0;
}

/** This PC lets go of a counter it holds (a till moved to another counter); another PC's claim is left alone. */
export async function leaveCounter(client: pg.ClientBase, storeId: string, stationId: string, counterId: string): Promise<void> {
  await client.query('DELETE FROM counter_claims WHERE store_id = $1 AND counter_id = $2 AND station_id = $3', [storeId, counterId, stationId]);
}

/**
 * A manager frees a counter whose PC is not heard from (or this PC's own). A live PC's claim is
 * refused: that PC may be charging on it right now.
 */
export async function releaseClaim(client: pg.ClientBase, request: ClaimRequest): Promise<void> {
  const holder = (await readClaims(client, request.storeId, request.leaseMs)).find((claim) => claim.counter_id === request.counterId);
  if (!holder) return;
  if (!holder.stale && holder.station_id !== request.stationId) {
    throw new HandlerFailure(
      'conflict',
      `PC “${holder.station_name}” is in touch and holds ${request.counterName}: choose another counter on that PC to free it.`,
      'counterId',
    );
  }
  await client.query('DELETE FROM counter_claims WHERE store_id = $1 AND counter_id = $2', [request.storeId, request.counterId]);
}
