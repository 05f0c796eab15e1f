import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { storeRefundCashiers } from './020_refund_cashiers';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeRefundCashiers);

const store = storeDatabaseEachTest();

describe('store migration 020: refund cashiers', () => {
  it('adds who asked to the refunds and the cash paid back of the version before it, keeping their rows (naming nobody)', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query(
      `INSERT INTO cash_refunds (store_id, station_id, id, tender_id, invoice_id, counter_id, amount_minor, currency, reason, request_key, created_at, updated_at)
       VALUES ('s1', 'pc1', 'r1', 't1', 'i1', 'c1', 100, 'INR', 'others', 'key-0001', 0, 0)`,
    );
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeRefundCashiers.version);
    expect(position + 1).toBe(storeRefundCashiers.version);
    expect((await store.client.query('SELECT id, cashier FROM cash_refunds')).rows).toEqual([{ id: 'r1', cashier: null }]);
    expect((await store.client.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'refunds' AND column_name = 'cashier'")).rows).toHaveLength(1);
    await expect(store.client.query("UPDATE cash_refunds SET cashier = ' ' WHERE id = 'r1'")).rejects.toThrow(/check constraint/);
  });
});
