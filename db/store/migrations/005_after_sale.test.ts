import { describe, expect, it } from 'vitest';
import { OUTBOX_TABLES_011 } from '../../local/migrations/011_store_outbox_after_sale';
import { storeDatabaseEachTest, storeTableNames } from '../../../testkit/store';
import { STORE_LEDGER_TABLES, upsertSql } from '../ledger-tables';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { STORE_MIGRATIONS } from './index';

const store = storeDatabaseEachTest();

/** A row of each table the outbox ships from SQLite migration 011, as a PC sends it. */
const ROWS: Record<string, Record<string, unknown>> = {
  refunds: {
    id: 'r1', attempt_id: 'a1', invoice_id: 'i1', counter_id: 'c1', payment_id: 'P1', amount_minor: 200, currency: 'INR', reason: 'others', note: null,
    request_key: 'k1', state: 'creating', zoho_refund_id: null, failure_reason: null, failure_message: null, created_at: 2, updated_at: 2, final_at: null,
    last_checked_at: null, check_count: 0,
  },
  refund_events: { id: 1, refund_id: 'r1', at: 2, from_state: null, to_state: 'creating', actor: 'manager', reason: 'asked' },
  tenders: { id: 't1', invoice_id: 'i2', counter_id: 'c1', kind: 'cash', amount_minor: 300, tendered_minor: 500, change_minor: 200, currency: 'INR', created_at: 3, updated_at: 3 },
  day_closes: { id: 'd1', day: '2025-01-14', from_ms: 100, to_ms: 200, closed_by: 'Asha', awaiting_review: 0, summary: '{"collectedMinor":0}', created_at: 5, updated_at: 5 },
  corrections: {
    id: 'x1', day: '2025-01-15', closed_day: '2025-01-14', record_kind: 'charge', record_id: 'a9', counter_id: 'c1', invoice_number: 'A-9',
    from_state: 'unresolved', to_state: 'succeeded', amount_minor: 700, payment_id: 'P9', detail: 'late', created_at: 6, updated_at: 6,
  },
};

describe('store migration 005: refunds, cash, day closes', () => {
  it('adds the tables to version 4, keeping its ledger', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 4));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query("INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('s1', 'pc1', 'i1', 'A-1', 'c1', '[]', 500, 'INR', 'paid', 1)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 5));
    expect(await storeSchemaVersion(store.client)).toBe(5);
    expect(await storeTableNames(store.client)).toEqual(expect.arrayContaining(['refunds', 'refund_events', 'tenders', 'day_closes', 'corrections']));
    expect((await store.client.query('SELECT id FROM invoices')).rows).toEqual([{ id: 'i1' }]);
  });

  it('takes every row a PC ships of each table, with its PC: sent again it stays one row, and a later change replaces it', async () => {
    // As the app ships them: into the latest schema, whose keys the upsert names (the PC in each since 006).
    await migrateStore(store.client, STORE_MIGRATIONS);
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    for (const shipped of OUTBOX_TABLES_011) {
      const table = STORE_LEDGER_TABLES.find((t) => t.table === shipped.table);
      if (!table) throw new Error(`no store table for ${shipped.table}`);
      const row = ROWS[shipped.table] ?? {};
      expect(Object.keys(row).sort(), shipped.table).toEqual([...shipped.columns].sort());
      const send = (changes: Record<string, unknown>) =>
        store.client.query(upsertSql(table), [JSON.stringify([{ ...row, ...changes, store_id: 's1', station_id: 'pc1' }])]);
      await send({});
      await send({});
      await send({ updated_at: 9 });
      // The columns shipped then (a later migration may add more, e.g. 018 a refund's cashier).
      const stored = await store.client.query<Record<string, unknown>>(`SELECT ${[...shipped.columns, 'store_id', 'station_id'].join(', ')} FROM ${shipped.table}`);
      expect(stored.rows, shipped.table).toEqual([{ ...row, updated_at: shipped.table === 'refund_events' ? undefined : 9, store_id: 's1', station_id: 'pc1' }].map(dropUndefined));
    }
  });

  it('keys refund events by store and PC: two PCs number their events alike', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 5));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    const event = (station: string) =>
      store.client.query("INSERT INTO refund_events (store_id, station_id, id, refund_id, at, to_state, actor, reason) VALUES ('s1', $1, 1, 'r', 0, 'creating', 'manager', 'x')", [station]);
    await event('pc1');
    await event('pc2');
    await expect(event('pc1')).rejects.toThrow(/refund_events_pkey/);
  });
});

function dropUndefined(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}
