import { describe, expect, it } from 'vitest';
import { trustedStoreEachTest, type PcName } from '../../testkit/store-trust';
import { isZohoError } from '../zoho/errors';
import { openStorePool } from '../../db/store/pg';
import { bookTokenRequest, LocalTokenBookings, ZOHO_TOKEN_LIMIT } from './token-requests';
import { silentLogger } from '../logger';

const trust = trustedStoreEachTest();

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
  it('the PCs of every store on the account together make at most 10 in 10 minutes, each as its own role; another account has its own', async () => {
    const names: PcName[] = ['pc1', 'pc2', 'pc3', 'pc9'];
    const pools = names.map((name) => openStorePool(trust.pcUrl(trust.login(name)), silentLogger));
    try {
      const account = 'in:60012345';
      // Two stores of a chain, four PCs, all on one Zoho account, booking at once.
      const bookings = Array.from({ length: ZOHO_TOKEN_LIMIT.count }, (_, i) => bookTokenRequest(pools[i % pools.length] ?? pools[0]!, account));
      await Promise.all(bookings);
      const refused = await refusal(() => bookTokenRequest(pools[0]!, account));
      expect(refused.retryAfterMs).toBeGreaterThan(9 * 60_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(10 * 60_000);
      await bookTokenRequest(pools[1]!, 'in:60099999');
      const booked = await trust.owner.query<{ n: number; stations: number }>(
        "SELECT count(*)::int AS n, count(DISTINCT station_id)::int AS stations FROM token_requests WHERE account_key = 'in:60012345'",
      );
      expect(booked.rows[0]).toEqual({ n: ZOHO_TOKEN_LIMIT.count, stations: names.length });
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
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
