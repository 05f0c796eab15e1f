import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest, storeTableNames } from '../../../testkit/store';
import { migrateStore } from '../migrate';
import { STORE_MIGRATIONS } from './index';

const store = storeDatabaseEachTest();

describe('store migration 003: shared Zoho use', () => {
  it('adds settlements and token requests to version 2, keeping its ledger', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 2));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query(
      "INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('s1', 'pc1', 'i1', 'A-1', 'a', '[]', 100, 'INR', 'open', 0)",
    );
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 3));
    expect(await storeTableNames(store.client)).toEqual(expect.arrayContaining(['settlements', 'token_requests']));
    expect((await store.client.query('SELECT number FROM invoices')).rows).toEqual([{ number: 'A-1' }]);
  });

  it('settles an attempt with a final outcome only', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 3));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    const settle = (state: string) =>
      store.client.query("INSERT INTO settlements (store_id, attempt_id, owner_station_id, settled_by_station_id, state, at) VALUES ('s1', $1, 'pc1', 'pc2', $2, 0)", [state, state]);
    await settle('succeeded');
    await expect(settle('in_progress')).rejects.toThrow(/settlements_state_check/);
  });
});
