// The counters' claims kept on this PC's disk (migration 012): what the store said at the last
// heartbeat, so that a restart with the link down goes on where it was.
import type { ClaimRow } from '../store/claims';
import type { Db } from './database';
import { inWriteTransaction, prepared } from './statements';

/** One counter's claim as the store reported it (the holder's last heartbeat is its lease). */
export type StoredClaim = ClaimRow;

interface Row extends Omit<StoredClaim, 'stale'> {
  stale: number;
}

/** Replaces the store's claims kept here with `claims`, in one transaction. */
export function keepStoreClaims(db: Db, storeId: string, claims: readonly StoredClaim[]): void {
  inWriteTransaction(db, () => {
    prepared<[string]>(db, 'DELETE FROM store_claims WHERE store_id = ?').run(storeId);
    const insert = prepared<[Row & { store_id: string }]>(
      db,
      `INSERT INTO store_claims (store_id, counter_id, station_id, station_name, claimed_at, last_seen, stale)
       VALUES (@store_id, @counter_id, @station_id, @station_name, @claimed_at, @last_seen, @stale)`,
    );
    for (const claim of claims) insert.run({ ...claim, store_id: storeId, stale: claim.stale ? 1 : 0 });
  });
}

/** The claims this PC holds in the store, as last kept. */
export function ownStoreClaims(db: Db, storeId: string, stationId: string): StoredClaim[] {
  return prepared<[string, string], Row>(
    db,
    `SELECT counter_id, station_id, station_name, claimed_at, last_seen, stale FROM store_claims
     WHERE store_id = ? AND station_id = ? ORDER BY claimed_at, counter_id`,
  )
    .all(storeId, stationId)
    .map((row) => ({ ...row, stale: row.stale === 1 }));
}

/** The store answered a heartbeat sent at `renewedAt` (this PC's clock, unix ms): this PC's lease runs from then. */
export function keepLeaseRenewal(db: Db, storeId: string, renewedAt: number): void {
  prepared<[string, number]>(db, 'INSERT INTO store_lease (store_id, renewed_at) VALUES (?, ?) ON CONFLICT (store_id) DO UPDATE SET renewed_at = excluded.renewed_at').run(
    storeId,
    renewedAt,
  );
}

/** When the store last renewed this PC's lease, as kept (null: never kept). */
export function leaseRenewal(db: Db, storeId: string): number | null {
  return prepared<[string], { renewed_at: number }>(db, 'SELECT renewed_at FROM store_lease WHERE store_id = ?').get(storeId)?.renewed_at ?? null;
}
