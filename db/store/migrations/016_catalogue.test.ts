import { describe, expect, it } from 'vitest';
import { teaItemFields } from '../../../testkit/catalogue';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { newItem } from '../../local/catalogue';
import { addJoiningItems, storeItemsAfter } from '../catalogue';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { storeCatalogue } from './016_catalogue';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeCatalogue);

const store = storeDatabaseEachTest();

const START = { storeId: 's1', revision: 0, id: '' };
const put = (items: unknown[], onlyNew = false) => store.client.query("SELECT catalogue_put('s1', $1, $2)", [JSON.stringify(items), onlyNew]);

describe('store migration 016: the catalogue', () => {
  it('adds the catalogue to the version before it, keeping its stores (at revision 0), with row security on', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeCatalogue.version);
    expect((await store.client.query('SELECT id, catalogue_revision FROM stores')).rows).toEqual([{ id: 's1', catalogue_revision: 0 }]);
    const security = await store.client.query<{ relname: string; relrowsecurity: boolean }>(
      "SELECT relname, relrowsecurity FROM pg_class WHERE relname IN ('catalogue_items', 'catalogue_barcodes') ORDER BY relname",
    );
    expect(security.rows).toEqual([{ relname: 'catalogue_barcodes', relrowsecurity: true }, { relname: 'catalogue_items', relrowsecurity: true }]);
  });

  it('puts items under one new revision each time, read back in revision order; a SKU (any case) or barcode belongs to one item', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS);
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    const tea = { ...newItem(teaItemFields({ barcodes: ['8901234567890', 'SHOP-1'] }), 5), id: 'tea' };
    const rice = { ...newItem(teaItemFields({ name: 'Rice', sku: 'RICE-1', barcodes: [] }), 5), id: 'rice' };
    await put([tea, rice]);
    await put([{ ...tea, priceMinor: 150_00, barcodes: ['8901234567890'] }]);
    const all = await storeItemsAfter(store.client, START, 10);
    expect(all.items).toEqual([rice, { ...tea, priceMinor: 150_00, barcodes: ['8901234567890'] }]);
    expect(all.cursor).toEqual({ storeId: 's1', revision: 2, id: 'tea' });
    // A page at a time: after rice (revision 1), only the tea; after everything, nothing.
    expect((await storeItemsAfter(store.client, { storeId: 's1', revision: 1, id: 'rice' }, 10)).items.map((item) => item.id)).toEqual(['tea']);
    expect((await storeItemsAfter(store.client, all.cursor, 10)).items).toEqual([]);
    await expect(put([{ ...rice, id: 'rice-2', sku: 'rice-1' }])).rejects.toMatchObject({ code: '23505', constraint: 'catalogue_items_sku' });
    await expect(put([{ ...rice, barcodes: ['8901234567890'] }])).rejects.toMatchObject({ code: '23505', constraint: 'catalogue_barcodes_pkey' });
    // A joining PC's items: only those whose id, SKU and barcodes the store does not hold.
    await addJoiningItems(store.client, 's1', [
      { ...tea, id: 'other-tea', barcodes: [] },
      { ...rice, id: 'other', sku: 'OTHER-1', barcodes: ['8901234567890'] },
      { ...rice, id: 'salt', sku: 'SALT-1', barcodes: ['8900000000035'] },
    ]);
    expect((await storeItemsAfter(store.client, all.cursor, 10)).items.map((item) => [item.id, item.barcodes])).toEqual([['salt', ['8900000000035']]]);
  });
});
