// The account's Zoho token requests as booked by every PC of every store on it, through the
// store's book_token_request function (store migration 006): no PC reads or writes the bookings
// itself, so none sees another store's.
import type { Queryable } from './migrate';

/**
 * Books one request for the account unless `count` were booked within `windowMs`; then says how
 * long until the oldest of them leaves the window. The function books one at a time per account.
 */
export async function bookAccountTokenRequest(
  client: Queryable,
  accountKey: string,
  limit: { count: number; windowMs: number },
): Promise<{ booked: true } | { booked: false; retryAfterMs: number }> {
  const result = await client.query<{ wait_ms: number }>('SELECT book_token_request($1, $2, $3) AS wait_ms', [accountKey, limit.count, limit.windowMs]);
  const waitMs = result.rows[0]?.wait_ms ?? 0;
  return waitMs > 0 ? { booked: false, retryAfterMs: waitMs } : { booked: true };
}
