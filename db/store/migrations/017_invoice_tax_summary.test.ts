import { describe, expect, it } from 'vitest';
import { INVOICES_OUTBOX_024 } from '../../local/migrations/026_invoice_tax_summary';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { storeInvoiceTaxes } from '../invoice-taxes';
import { STORE_LEDGER_TABLES, upsertSql } from '../ledger-tables';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { storeInvoiceTaxSummary } from './017_invoice_tax_summary';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeInvoiceTaxSummary);

const store = storeDatabaseEachTest();

/** An invoice as a PC ships it (SQLite migration 026's outbox columns). */
const ROW = {
  id: 'i1', number: 'A-1', counter_id: 'c1', lines: '[]', total_minor: 10_500, currency: 'INR', status: 'paid', created_at: 1, paid_at: 2,
  payment_id: 'P1', program: null, cashier: null, taxable_minor: 10_000, tax_minor: 500, tax_by_rate: '[{"rateBasisPoints":500,"taxableValue":10000,"tax":500}]',
};

describe('store migration 017: an invoice’s tax summary', () => {
  it('adds the columns to the version before it, keeping its invoices (with none)', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query("INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('s1', 'pc1', 'i0', 'A-0', 'c1', '[]', 1, 'INR', 'open', 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeInvoiceTaxSummary.version);
    expect((await store.client.query('SELECT id, taxable_minor, tax_minor, tax_by_rate FROM invoices')).rows).toEqual([{ id: 'i0', taxable_minor: null, tax_minor: null, tax_by_rate: null }]);
  });

  it('takes an invoice as a PC ships it; its summary is read back by its PC and id', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS);
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    const table = STORE_LEDGER_TABLES.find((t) => t.table === 'invoices');
    if (!table) throw new Error('no store table for invoices');
    expect(Object.keys(ROW).sort()).toEqual([...INVOICES_OUTBOX_024.columns].sort());
    await store.client.query(upsertSql(table), [JSON.stringify([{ ...ROW, store_id: 's1', station_id: 'pc2' }, { ...ROW, id: 'i2', taxable_minor: null, tax_minor: null, tax_by_rate: null, store_id: 's1', station_id: 'pc2' }])]);
    const taxes = await storeInvoiceTaxes(store.client, 's1', [
      { stationId: 'pc2', invoiceId: 'i1' },
      { stationId: 'pc2', invoiceId: 'i2' },
      { stationId: 'pc1', invoiceId: 'i1' },
    ]);
    expect([...taxes]).toEqual([['i1', { taxableValue: 10_000, tax: 500, taxByRate: [{ rateBasisPoints: 500, taxableValue: 10_000, tax: 500 }] }]]);
  });
});
