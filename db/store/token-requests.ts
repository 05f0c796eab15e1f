// The account's Zoho token requests as booked by every PC of every store on it.
import type pg from 'pg';
import { inStoreTransaction } from './pg';
import { DB_NOW_MS } from './clock';

const LOCK_NAMESPACE = 7_310_014;

/**
 * Books one request for the account unless `count` were booked within `windowMs`; then says how
 * long until the oldest of them leaves the window. One booking at a time per account.
 */
export async function bookAccountTokenRequest(
  pool: pg.Pool,
  booking: { accountKey: string; storeId: string; stationId: string },
  limit: { count: number; windowMs: number },
): Promise<{ booked: true } | { booked: false; retryAfterMs: number }> {
  return inStoreTransaction(pool, async (client) => {
    // hashtext: the account key as a lock number.
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, booking.accountKey]);
    const recent = await client.query<{ at: number; now: number }>(
      `SELECT at, ${DB_NOW_MS} AS now FROM token_requests WHERE account_key = $1 AND at > ${DB_NOW_MS} - $2 ORDER BY at`,
      [booking.accountKey, limit.windowMs],
    );
    if (recent.rows.length >= limit.count) {
      const oldest = recent.rows[recent.rows.length - limit.count];
      return { booked: false, retryAfterMs: oldest ? oldest.at + limit.windowMs - oldest.now : limit.windowMs };
    }
    await client.query(`INSERT INTO token_requests (account_key, at, store_id, station_id) VALUES ($1, ${DB_NOW_MS}, $2, $3)`, [
      booking.accountKey,
      booking.storeId,
      booking.stationId,
    ]);
    await client.query(`DELETE FROM token_requests WHERE account_key = $1 AND at < ${DB_NOW_MS} - $2`, [booking.accountKey, limit.windowMs * 6]);
    return { booked: true };
  });
}
