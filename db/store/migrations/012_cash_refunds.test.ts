import { describe, expect, it } from 'vitest';
import { CASH_REFUNDS_OUTBOX_023 } from '../../local/migrations/023_cash_refunds';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { STORE_LEDGER_TABLES, upsertSql } from '../ledger-tables';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { storeCashRefunds } from './012_cash_refunds';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeCashRefunds);

const store = storeDatabaseEachTest();

/** A cash refund as a PC ships it (SQLite migration 023's outbox columns). */
const ROW = {
  id: 'k1', tender_id: 't1', invoice_id: 'i1', counter_id: 'c1', amount_minor: 300, currency: 'INR', reason: 'others', note: null,
  request_key: 'key-1', created_at: 1, updated_at: 1,
};

describe('store migration 012: cash refunds', () => {
  it('adds the table to the version before it, with row security on', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeCashRefunds.version);
    const security = await store.client.query<{ relrowsecurity: boolean }>("SELECT relrowsecurity FROM pg_class WHERE relname = 'cash_refunds'");
    expect(security.rows).toEqual([{ relrowsecurity: true }]);
  });

  it('takes every cash refund a PC ships, with its PC: sent again it stays one row', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS);
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    const table = STORE_LEDGER_TABLES.find((t) => t.table === 'cash_refunds');
    if (!table) throw new Error('no store table for cash_refunds');
    expect(Object.keys(ROW).sort()).toEqual([...CASH_REFUNDS_OUTBOX_023.columns].sort());
    const send = (station: string) => store.client.query(upsertSql(table), [JSON.stringify([{ ...ROW, store_id: 's1', station_id: station }])]);
    await send('pc1');
    await send('pc1');
    await send('pc2');
    // The columns shipped at the time (later migrations add more).
    const stored = await store.client.query<Record<string, unknown>>(`SELECT ${[...CASH_REFUNDS_OUTBOX_023.columns, 'store_id', 'station_id'].join(', ')} FROM cash_refunds ORDER BY station_id`);
    expect(stored.rows).toEqual([
      { ...ROW, store_id: 's1', station_id: 'pc1' },
      { ...ROW, store_id: 's1', station_id: 'pc2' },
    ]);
  });
});
