import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { STORE_MIGRATIONS } from './index';

const store = storeDatabaseEachTest();

const ATTEMPT_COLUMNS = `store_id, station_id, id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, declined_tries, created_at, updated_at, poll_count`;

describe('store migration 004: attempt holds', () => {
  it('adds the hold columns to version 3, keeping its attempts (which hold nothing)', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 3));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query(
      `INSERT INTO charge_attempts (${ATTEMPT_COLUMNS}) VALUES ('s1', 'pc1', 'a1', 'i1', 'c1', 'T1', 100, 'INR', 'card', 'unknown', '[]', 0, 0, 0)`,
    );
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 4));
    expect(await storeSchemaVersion(store.client)).toBe(4);
    expect((await store.client.query('SELECT id, hold_until, hold_ended_at FROM charge_attempts')).rows).toEqual([{ id: 'a1', hold_until: null, hold_ended_at: null }]);
  });

  it('indexes the attempts that take a terminal: live ones, and held ones until their hold ends', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 4));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query(
      `INSERT INTO charge_attempts (${ATTEMPT_COLUMNS}, hold_until, hold_ended_at) VALUES
        ('s1', 'pc1', 'live', 'i1', 'c1', 'T1', 100, 'INR', 'card', 'in_progress', '[]', 0, 0, 0, NULL, NULL),
        ('s1', 'pc1', 'held', 'i2', 'c1', 'T2', 100, 'INR', 'card', 'unknown', '[]', 0, 0, 0, 5000, NULL),
        ('s1', 'pc1', 'ended', 'i3', 'c1', 'T3', 100, 'INR', 'card', 'unknown', '[]', 0, 0, 0, 5000, 4000),
        ('s1', 'pc1', 'paid', 'i4', 'c1', 'T4', 100, 'INR', 'card', 'succeeded', '[]', 0, 0, 0, NULL, NULL)`,
    );
    await store.client.query('SET enable_seqscan = off');
    const taken = await store.client.query<{ id: string }>(
      `SELECT id FROM charge_attempts WHERE store_id = 's1' AND (state IN ('creating', 'in_progress') OR (hold_until IS NOT NULL AND hold_ended_at IS NULL)) ORDER BY id`,
    );
    expect(taken.rows.map((r) => r.id)).toEqual(['held', 'live']);
    const explained = await store.client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM charge_attempts WHERE store_id = 's1' AND terminal_id = 'T2' AND (state IN ('creating', 'in_progress') OR (hold_until IS NOT NULL AND hold_ended_at IS NULL))`,
    );
    expect(explained.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/charge_attempts_taken_terminal/);
  });
});
