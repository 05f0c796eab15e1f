// Re-check requests (the settlements table, from store migration 006 on): a PC that re-checked
// another PC's payment with Zoho writes what it saw, in its own name, as a request. Nothing in the
// store's ledger moves: the PC that owns the payment asks Zoho itself (retrieve) and records only
// what Zoho tells it, then marks the request answered. Row-level security keeps each side to its part.
import { DB_NOW_MS } from './clock';
import type { Queryable } from './migrate';

export interface RecheckRequest {
  attemptId: string;
  /** The PC whose ledger holds the payment. */
  ownerStationId: string;
  /** The PC that asked, and its name (the station id when it has none in the store). */
  requestedByStationId: string;
  requestedByName: string;
  /** What the asking PC says Zoho told it: a claim to check, never an outcome to record. */
  claimedState: 'succeeded' | 'failed';
  claimedPaymentId: string | null;
}

/**
 * Asks the owning PC to re-check its payment, in this PC's name (the session's PC: row-level
 * security refuses any other). A request already waiting for that payment stands: false then.
 */
export async function requestRecheck(
  client: Queryable,
  request: { storeId: string; attemptId: string; ownerStationId: string; requestedByStationId: string; claimedState: 'succeeded' | 'failed'; claimedPaymentId: string | null },
): Promise<boolean> {
  const written = await client.query(
    `INSERT INTO settlements (store_id, attempt_id, owner_station_id, settled_by_station_id, state, payment_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, ${DB_NOW_MS}) ON CONFLICT (store_id, owner_station_id, attempt_id) DO NOTHING`,
    [request.storeId, request.attemptId, request.ownerStationId, request.requestedByStationId, request.claimedState, request.claimedPaymentId],
  );
  return written.rowCount === 1;
}

/** The requests waiting for this PC's own retrieve, oldest first. */
export async function pendingRecheckRequests(client: Queryable, storeId: string, stationId: string): Promise<RecheckRequest[]> {
  const rows = await client.query<{ attempt_id: string; owner_station_id: string; settled_by_station_id: string; name: string; state: 'succeeded' | 'failed'; payment_id: string | null }>(
    `SELECT t.attempt_id, t.owner_station_id, t.settled_by_station_id, coalesce(s.name, t.settled_by_station_id) AS name, t.state, t.payment_id
     FROM settlements AS t LEFT JOIN stations AS s ON s.store_id = t.store_id AND s.id = t.settled_by_station_id
     WHERE t.store_id = $1 AND t.owner_station_id = $2 AND t.applied_at IS NULL ORDER BY t.at, t.attempt_id`,
    [storeId, stationId],
  );
  return rows.rows.map((row) => ({
    attemptId: row.attempt_id,
    ownerStationId: row.owner_station_id,
    requestedByStationId: row.settled_by_station_id,
    requestedByName: row.name,
    claimedState: row.state,
    claimedPaymentId: row.payment_id,
  }));
}

/** The request answered by this PC's own retrieve (whatever Zoho said): it is not asked again. */
export async function markRecheckAnswered(client: Queryable, storeId: string, stationId: string, attemptId: string): Promise<void> {
  await client.query(`UPDATE settlements SET applied_at = ${DB_NOW_MS} WHERE store_id = $1 AND owner_station_id = $2 AND attempt_id = $3`, [storeId, stationId, attemptId]);
}
