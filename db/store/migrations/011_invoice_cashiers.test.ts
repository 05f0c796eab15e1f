import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { storeInvoiceCashiers } from './011_invoice_cashiers';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeInvoiceCashiers);

const store = storeDatabaseEachTest();

describe('store migration 011: invoice cashiers', () => {
  it('adds the cashier to the version before it, keeping its invoices (which named none)', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query(
      "INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('s1', 'pc1', 'i1', 'A-1', 'c1', '[]', 100, 'INR', 'open', 0)",
    );
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeInvoiceCashiers.version);
    expect((await store.client.query('SELECT id, cashier FROM invoices')).rows).toEqual([{ id: 'i1', cashier: null }]);
    await expect(store.client.query("UPDATE invoices SET cashier = ' ' WHERE id = 'i1'")).rejects.toThrow(/check constraint/);
  });
});
