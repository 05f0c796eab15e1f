import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { storeClaimReleases } from './015_claim_releases';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeClaimReleases);

const store = storeDatabaseEachTest();

describe('store migration 015: claim releases recorded', () => {
  it('adds the table to the version before it, keeping its claims, with row security on', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query("INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, created_at) VALUES ('s1', 'c1', 'Counter 1', 'T1', 'A-', 0)");
    await store.client.query("INSERT INTO stations (store_id, id, name, joined_at, last_seen) VALUES ('s1', 'pc1', 'PC 1', 0, 0)");
    await store.client.query("INSERT INTO counter_claims (store_id, counter_id, station_id, claimed_at) VALUES ('s1', 'c1', 'pc1', 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeClaimReleases.version);
    expect((await store.client.query('SELECT counter_id, station_id FROM counter_claims')).rows).toEqual([{ counter_id: 'c1', station_id: 'pc1' }]);
    const security = await store.client.query<{ relrowsecurity: boolean }>("SELECT relrowsecurity FROM pg_class WHERE relname = 'claim_releases'");
    expect(security.rows).toEqual([{ relrowsecurity: true }]);
  });
});
