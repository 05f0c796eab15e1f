import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../testkit/store';
import { isZohoError } from '../zoho/errors';
import { openStorePool } from '../../db/store/pg';
import { migrateStore } from '../../db/store/migrate';
import { bookTokenRequest, LocalTokenBookings, ZOHO_TOKEN_LIMIT } from './token-requests';
import { silentLogger } from '../logger';

const store = storeDatabaseEachTest();

async function refusal(work: () => unknown): Promise<{ retryAfterMs?: number | undefined }> {
  try {
    await work();
  } catch (error) {
    if (isZohoError(error, 'not_connected')) return error.details;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('token requests shared by the PCs of an account', () => {
  it('the PCs of every store on the account together make at most 10 in 10 minutes; another account has its own', async () => {
    await migrateStore(store.client);
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0), ('s2', 'Station Road', 0)");
    const pool = openStorePool(store.url, silentLogger);
    try {
      const account = 'in:60012345';
      // Two stores of a chain, three PCs, all on one Zoho account, booking at once.
      const bookings = Array.from({ length: ZOHO_TOKEN_LIMIT.count }, (_, i) =>
        bookTokenRequest(pool, { accountKey: account, storeId: i % 2 === 0 ? 's1' : 's2', stationId: `pc${i % 3}` }),
      );
      await Promise.all(bookings);
      const refused = await refusal(() => bookTokenRequest(pool, { accountKey: account, storeId: 's1', stationId: 'pc0' }));
      expect(refused.retryAfterMs).toBeGreaterThan(9 * 60_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(10 * 60_000);
      await bookTokenRequest(pool, { accountKey: 'in:60099999', storeId: 's1', stationId: 'pc0' });
      const booked = await store.client.query<{ n: number }>("SELECT count(*)::int AS n FROM token_requests WHERE account_key = 'in:60012345'");
      expect(booked.rows[0]?.n).toBe(ZOHO_TOKEN_LIMIT.count);
    } finally {
      await pool.end();
    }
  });

  it('a PC cut off from the store books only its safe share of the limit', async () => {
    let now = 0;
    const local = new LocalTokenBookings(() => now);
    for (let i = 0; i < 3; i += 1) local.book(3); // 10 over 3 PCs: 3 each
    const refused = await refusal(() => local.book(3));
    expect(refused.retryAfterMs).toBe(ZOHO_TOKEN_LIMIT.windowMs);
    now = ZOHO_TOKEN_LIMIT.windowMs;
    local.book(3);
  });
});
