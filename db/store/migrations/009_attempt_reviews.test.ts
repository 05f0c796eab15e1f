import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { STORE_MIGRATIONS } from './index';

const store = storeDatabaseEachTest();

describe('store migration 009: reviews of another PC’s payments', () => {
  it('adds the reviews table to version 8, with row-level security and a note of 1 to 200 characters', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 8));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 9));
    expect(await storeSchemaVersion(store.client)).toBe(9);
    await store.client.query("INSERT INTO attempt_reviews (store_id, owner_station_id, attempt_id, reviewed_by_station_id, note, at) VALUES ('s1', 'pc2', 'a1', 'pc1', 'No payment on Zoho', 5)");
    await expect(
      store.client.query("INSERT INTO attempt_reviews (store_id, owner_station_id, attempt_id, reviewed_by_station_id, note, at) VALUES ('s1', 'pc2', 'a2', 'pc1', '', 5)"),
    ).rejects.toThrow(/check constraint/);
    const rls = await store.client.query<{ relrowsecurity: boolean }>("SELECT relrowsecurity FROM pg_class WHERE relname = 'attempt_reviews'");
    expect(rls.rows).toEqual([{ relrowsecurity: true }]);
  });
});
