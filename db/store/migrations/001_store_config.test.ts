import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest, storeTableNames } from '../../../testkit/store';
import { migrateStore } from '../migrate';
import { STORE_MIGRATIONS } from './index';

const store = storeDatabaseEachTest();

describe('store migration 001: store config', () => {
  it('creates stores, stations, counters and claims in an empty database', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 1));
    expect(await storeTableNames(store.client)).toEqual(['counter_claims', 'counter_store_schema', 'counters', 'stations', 'stores']);
  });

  it('keeps one active counter per terminal and per invoice prefix in each store, and one PC per counter', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 1));
    const q = (sql: string) => store.client.query(sql);
    await q("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0), ('s2', 'Station Road', 0)");
    await q("INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, created_at) VALUES ('s1', 'a', 'A', 'T1', 'A-', 0)");
    // Another store may use the same terminal id and prefix: a chain's stores are apart.
    await q("INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, created_at) VALUES ('s2', 'a', 'A', 'T1', 'A-', 0)");
    await expect(q("INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, created_at) VALUES ('s1', 'b', 'B', 'T1', 'B-', 0)")).rejects.toThrow(/counters_active_terminal/);
    await expect(q("INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, created_at) VALUES ('s1', 'b', 'B', 'T2', 'A-', 0)")).rejects.toThrow(/counters_active_invoice_prefix/);
    await q("INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, created_at) VALUES ('s1', 'b', 'B', 'T2', 'B-', 0)");
    await q("INSERT INTO stations (store_id, id, name, joined_at, last_seen) VALUES ('s1', 'pc1', 'Till 1', 0, 0)");
    await q("INSERT INTO stations (store_id, id, name, joined_at, last_seen) VALUES ('s1', 'pc2', 'Till 2', 0, 0)");
    await q("INSERT INTO counter_claims (store_id, counter_id, station_id, claimed_at) VALUES ('s1', 'a', 'pc1', 0)");
    await expect(q("INSERT INTO counter_claims (store_id, counter_id, station_id, claimed_at) VALUES ('s1', 'a', 'pc2', 0)")).rejects.toThrow(/counter_claims_pkey/);
  });
});
