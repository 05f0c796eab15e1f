// Reviews of another PC's payments (store migration 009): written by the PC whose manager checked
// the payment, read by the store's close report and applied by the PC that took the payment.
import { DB_NOW_MS } from './clock';
import type { Queryable } from './migrate';

export interface StoreReview {
  attemptId: string;
  ownerStationId: string;
  reviewedByStationId: string;
  reviewedByName: string;
  note: string;
  at: number;
}

/** Records a manager's review of another PC's payment, in this PC's name; a repeat keeps the first. */
export async function insertReview(client: Queryable, storeId: string, review: Omit<StoreReview, 'reviewedByName'>): Promise<void> {
  await client.query(
    `INSERT INTO attempt_reviews (store_id, owner_station_id, attempt_id, reviewed_by_station_id, note, at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [storeId, review.ownerStationId, review.attemptId, review.reviewedByStationId, review.note, review.at],
  );
}

/** Of `attemptIds`, those a manager checked from another PC. */
export async function reviewedInStore(client: Queryable, storeId: string, attemptIds: readonly string[]): Promise<Map<string, StoreReview>> {
  if (attemptIds.length === 0) return new Map();
  const rows = await client.query<ReviewRow>(`${SELECT} WHERE r.store_id = $1 AND r.attempt_id = ANY($2::text[])`, [storeId, attemptIds]);
  return new Map(rows.rows.map((row) => [row.attempt_id, toReview(row)]));
}

/** Reviews of this PC's payments made on other PCs, not yet recorded here. */
export async function pendingReviews(client: Queryable, storeId: string, stationId: string): Promise<StoreReview[]> {
  const rows = await client.query<ReviewRow>(`${SELECT} WHERE r.store_id = $1 AND r.owner_station_id = $2 AND r.applied_at IS NULL ORDER BY r.at`, [storeId, stationId]);
  return rows.rows.map(toReview);
}

export async function markReviewApplied(client: Queryable, storeId: string, stationId: string, attemptId: string): Promise<void> {
  await client.query(`UPDATE attempt_reviews SET applied_at = ${DB_NOW_MS} WHERE store_id = $1 AND owner_station_id = $2 AND attempt_id = $3`, [
    storeId,
    stationId,
    attemptId,
  ]);
}

interface ReviewRow {
  attempt_id: string;
  owner_station_id: string;
  reviewed_by_station_id: string;
  reviewed_by_name: string | null;
  note: string;
  at: number;
}

const SELECT = `SELECT r.attempt_id, r.owner_station_id, r.reviewed_by_station_id, s.name AS reviewed_by_name, r.note, r.at
  FROM attempt_reviews AS r LEFT JOIN stations AS s ON s.store_id = r.store_id AND s.id = r.reviewed_by_station_id`;

function toReview(row: ReviewRow): StoreReview {
  return {
    attemptId: row.attempt_id,
    ownerStationId: row.owner_station_id,
    reviewedByStationId: row.reviewed_by_station_id,
    reviewedByName: row.reviewed_by_name ?? row.reviewed_by_station_id,
    note: row.note,
    at: row.at,
  };
}
