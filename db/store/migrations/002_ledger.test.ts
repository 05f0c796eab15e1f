import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest, storeTableNames } from '../../../testkit/store';
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

  it('keeps the day’s tallies equal to a recount of the attempts, through inserts, state changes and re-sent rows', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 2));
    const q = (sql: string, params: unknown[] = []) => store.client.query(sql, params);
    await q("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    const attempt = (id: string, station: string, state: string, createdAt: number, amount: number) =>
      q(
        `INSERT INTO charge_attempts (store_id, station_id, id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, declined_tries, created_at, updated_at, poll_count)
         VALUES ('s1', $1, $2, 'i', 'c1', 'T1', $3, 'INR', 'card', $4, '[]', $5, $5, 0)
         ON CONFLICT (store_id, id) DO UPDATE SET state = EXCLUDED.state`,
        [station, id, amount, state, createdAt],
      );
    await attempt('a1', 'pc1', 'creating', 1_000, 500);
    await attempt('a2', 'pc2', 'in_progress', 2_000, 700);
    await attempt('a3', 'pc1', 'creating', 900_000 + 5, 300);
    await attempt('a1', 'pc1', 'in_progress', 1_000, 500);
    await attempt('a1', 'pc1', 'succeeded', 1_000, 500);
    await attempt('a1', 'pc1', 'succeeded', 1_000, 500); // the same change shipped again
    await attempt('a2', 'pc2', 'failed', 2_000, 700);
    const tallies = await q('SELECT slot_start, station_id, counter_id, state, method, attempt_count, amount_minor FROM attempt_tallies WHERE attempt_count > 0 ORDER BY 1, 2, 4');
    const recount = await q(
      `SELECT created_at - created_at % 900000 AS slot_start, station_id, counter_id, state, method, count(*) AS attempt_count, sum(amount_minor)::bigint AS amount_minor
       FROM charge_attempts GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 4`,
    );
    expect(tallies.rows).toEqual(recount.rows);
    expect(tallies.rows.map((r: Record<string, unknown>) => r.state)).toEqual(['succeeded', 'failed', 'creating']);
  });
});
