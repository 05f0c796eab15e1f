import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { STORE_MIGRATIONS } from './index';

const store = storeDatabaseEachTest();

describe('store migration 006: PC roles', () => {
  it('upgrades version 5 keeping its rows, keys the ledger by PC and gives each existing store a wrong-try guard', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 5));
    const q = (sql: string) => store.client.query(sql);
    await q("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await q("INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('s1', 'pc1', 'i1', 'A-1', 'c1', '[]', 500, 'INR', 'paid', 1)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 6));
    expect(await storeSchemaVersion(store.client)).toBe(6);
    // The same invoice id from another PC is that PC's row, not a rewrite of pc1's.
    await q("INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('s1', 'pc2', 'i1', 'B-1', 'c2', '[]', 700, 'INR', 'open', 2)");
    expect((await q('SELECT station_id, number, status FROM invoices ORDER BY station_id')).rows).toEqual([
      { station_id: 'pc1', number: 'A-1', status: 'paid' },
      { station_id: 'pc2', number: 'B-1', status: 'open' },
    ]);
    const keys = await q(`SELECT c.conrelid::regclass::text AS "table", array_to_string(array_agg(a.attname ORDER BY k.ord), ',') AS key
      FROM pg_constraint AS c CROSS JOIN unnest(c.conkey) WITH ORDINALITY AS k (attnum, ord) JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.contype = 'p' AND c.conrelid::regclass::text IN ('invoices', 'charge_attempts', 'attempt_events', 'refunds', 'refund_events', 'tenders', 'day_closes', 'corrections', 'settlements')
      GROUP BY 1 ORDER BY 1`);
    for (const row of keys.rows as { table: string; key: string }[]) expect(row.key, row.table).toMatch(/^store_id,(station_id|owner_station_id),/);
    expect(keys.rows).toHaveLength(9);
    const guard = await q("SELECT last_value FROM pg_sequences WHERE sequencename = 'pin_guard_' || md5('s1')");
    expect(guard.rows).toEqual([{ last_value: null }]);
  });

  it('sets the search_path of every SECURITY DEFINER function, and grants no function of the store to PUBLIC', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS);
    const definers = await store.client.query<{ name: string; config: string[] | null }>(
      "SELECT proname AS name, proconfig AS config FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosecdef ORDER BY 1",
    );
    expect(definers.rows.length).toBeGreaterThan(10);
    for (const row of definers.rows) expect(row.config ?? [], row.name).toContain('search_path=public, pg_temp');
    const open = await store.client.query<{ name: string }>(
      `SELECT p.proname AS name FROM pg_proc AS p JOIN pg_roles AS r ON r.oid = p.proowner
       WHERE p.pronamespace = 'public'::regnamespace AND r.rolname = current_user AND has_function_privilege('public', p.oid, 'EXECUTE')`,
    );
    expect(open.rows).toEqual([]);
  });

  it('turns row-level security on for every table a PC may read, but the schema version', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS);
    const tables = await store.client.query<{ name: string; rls: boolean }>(
      `SELECT c.relname AS name, c.relrowsecurity AS rls FROM pg_class AS c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
         AND (has_table_privilege(pc_group(), c.oid, 'SELECT') OR has_any_column_privilege(pc_group(), c.oid, 'SELECT'))
       ORDER BY 1`,
    );
    expect(tables.rows.filter((t) => !t.rls).map((t) => t.name)).toEqual(['counter_store_schema']);
    expect(tables.rows.map((t) => t.name)).toEqual(expect.arrayContaining(['invoices', 'stores', 'settlements', 'day_closes', 'counters']));
    expect(tables.rows.map((t) => t.name)).not.toContain('store_pins');
    expect(tables.rows.map((t) => t.name)).not.toContain('station_roles');
  });
});
