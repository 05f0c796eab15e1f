import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest, storeTableNames } from '../../../../testkit/store';
import { migrateStore } from '../migrate';
import { STORE_MIGRATIONS } from './index';

const store = storeDatabaseEachTest();

describe('store migration 002: ledger', () => {
  it('adds the ledger tables to version 1, keeping its stores and stations, each PC starting at outbox event 0', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 1));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query("INSERT INTO stations (store_id, id, name, joined_at, last_seen) VALUES ('s1', 'pc1', 'Till 1', 0, 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 2));
    expect(await storeTableNames(store.client)).toEqual(expect.arrayContaining(['invoices', 'charge_attempts', 'attempt_events']));
    const stations = await store.client.query('SELECT id, shipped_seq, outbox_epoch FROM stations');
    expect(stations.rows).toEqual([{ id: 'pc1', shipped_seq: 0, outbox_epoch: null }]);
  });

  it('keys attempt events by store and PC: two PCs number their events alike', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 2));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    const event = (station: string) =>
      store.client.query("INSERT INTO attempt_events (store_id, station_id, id, attempt_id, at, to_state, actor, reason) VALUES ('s1', $1, 1, 'a', 0, 'creating', 'cashier', 'x')", [station]);
    await event('pc1');
    await event('pc2');
    await expect(event('pc1')).rejects.toThrow(/attempt_events_pkey/);
  });
});
