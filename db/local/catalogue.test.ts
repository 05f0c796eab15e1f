import { describe, expect, it, vi } from 'vitest';
import { caught, T0, tempDatabaseEachTest } from '../../testkit/db';
import { teaItemFields } from '../../testkit/catalogue';
import type { CatalogueItem } from '../../contract/catalogue/records';
import { allItems, cacheStoreItems, catalogueCursor, changedItem, getItem, itemByBarcode, type ItemFields, newItem, ownItems, putItems, retireOthersItems, searchItems } from './catalogue';
import { CatalogueConflictError } from './errors';

const temp = tempDatabaseEachTest();

const fields = teaItemFields;
/** An item made on this PC of its own. */
function createItem(f: ItemFields, at: number): CatalogueItem {
  const item = newItem(f, at);
  putItems(temp.db, [item]);
  return item;
}
const search = (query: string, includeInactive = false) => searchItems(temp.db, query, { limit: 20, includeInactive }).map((item) => item.sku);

describe('catalogue items', () => {
  it('are created with their barcodes and found by any of them', () => {
    const tea = createItem(fields({ barcodes: ['8901234567890', 'SHOP-0001'] }), T0);
    expect(tea).toMatchObject({ name: 'Assam Tea 250 g', sku: 'TEA-250', barcodes: ['8901234567890', 'SHOP-0001'], active: true, updatedAt: T0 });
    expect(itemByBarcode(temp.db, 'SHOP-0001')?.id).toBe(tea.id);
    expect(itemByBarcode(temp.db, '0000')).toBeNull();
  });

  it('refuse a SKU (in any case) or a barcode that another item holds, naming the field and the holder', () => {
    createItem(fields(), T0);
    const sku = caught(() => createItem(fields({ sku: 'tea-250', barcodes: [] }), T0), CatalogueConflictError);
    expect(sku).toMatchObject({ field: 'sku', message: 'SKU tea-250 already belongs to Assam Tea 250 g.' });
    const code = caught(() => createItem(fields({ sku: 'TEA-500' }), T0), CatalogueConflictError);
    expect(code).toMatchObject({ field: 'barcodes', message: 'Barcode 8901234567890 already belongs to Assam Tea 250 g.' });
    expect(search('')).toEqual(['TEA-250']);
  });

  it('are searched by name, SKU or barcode: an exact code first, then names that start with the text', () => {
    createItem(fields({ name: 'Green tea bags', sku: 'GT-25', barcodes: ['8900000000011'] }), T0);
    createItem(fields({ name: 'Tea strainer', sku: 'STR-1', barcodes: [] }), T0);
    createItem(fields({ name: 'Sugar 1 kg', sku: 'TEA-SUGAR', barcodes: ['8900000000028'] }), T0);
    expect(search('tea')).toEqual(['STR-1', 'GT-25', 'TEA-SUGAR']);
    expect(search('str-1')).toEqual(['STR-1']);
    expect(search('8900000000028')).toEqual(['TEA-SUGAR']);
    expect(search('100%')).toEqual([]);
  });

  it('answer a one-letter query from the name index in its order, sorting no match (once 190 ms on 50,000 items)', () => {
    const items = Array.from({ length: 300 }, (_, i) => newItem(fields({ name: `${i % 2 === 0 ? 'Tea' : 'Sugar'} ${String(299 - i).padStart(3, '0')}`, sku: `S-${i}`, barcodes: [] }), T0));
    putItems(temp.db, items);
    const prepare = vi.spyOn(temp.db, 'prepare');
    const found = searchItems(temp.db, 't', { limit: 8, includeInactive: false }).map((item) => item.name);
    const statements = prepare.mock.calls.map(([sql]) => sql);
    prepare.mockRestore();
    expect(found).toEqual(['Tea 001', 'Tea 003', 'Tea 005', 'Tea 007', 'Tea 009', 'Tea 011', 'Tea 013', 'Tea 015']);
    const byName = statements.find((sql) => sql.includes('>= @from'));
    if (!byName) throw new Error('no name-range statement');
    const plan = temp.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${byName}`)
      .all({ from: 't', to: 't\u{10FFFF}', seen: '[]', limit: 8 })
      .map((row) => row.detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX catalogue_items_active_name_key/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('are changed and deactivated, never deleted: an inactive item is found only when asked for', () => {
    const tea = createItem(fields(), T0);
    putItems(temp.db, [changedItem(tea, { priceMinor: 15000, barcodes: ['8901234567999'], active: false }, T0 + 1)]);
    expect(getItem(temp.db, tea.id)).toMatchObject({ priceMinor: 15000, barcodes: ['8901234567999'], active: false, name: 'Assam Tea 250 g', updatedAt: T0 + 1 });
    expect(itemByBarcode(temp.db, '8901234567890')).toBeNull();
    expect(search('tea')).toEqual([]);
    expect(search('tea', true)).toEqual(['TEA-250']);
  });

  it('are saved many at once, all or none', () => {
    const tea = createItem(fields(), T0);
    putItems(temp.db, [changedItem(tea, { priceMinor: 14500 }, T0 + 1), newItem(fields({ sku: 'RICE-5', name: 'Rice 5 kg', barcodes: [] }), T0 + 1, false)]);
    expect(getItem(temp.db, tea.id)?.priceMinor).toBe(14500);
    expect(search('rice', true)).toEqual(['RICE-5']);
    expect(() => putItems(temp.db, [newItem(fields({ sku: 'OIL-1', barcodes: [] }), T0 + 2), newItem(fields({ sku: 'SALT-1' }), T0 + 2)])).toThrow(CatalogueConflictError);
    // OIL-1 was undone with SALT-1's refusal: by name, Assam Tea then Rice.
    expect(search('', true)).toEqual(['TEA-250', 'RICE-5']);
  });

  it('of a store are copied as the store has them: the same SKU here takes the store’s id (its old id, which bills name, leads to it), a barcode moves to the store’s item', () => {
    const mine = createItem(fields({ barcodes: ['8901234567890'] }), T0);
    const sugar = createItem(fields({ name: 'Sugar 1 kg', sku: 'SUGAR-1', barcodes: ['8900000000028'] }), T0);
    const storeTea = { ...newItem(fields({ priceMinor: 16000, barcodes: ['8901234567890', '8900000000028'] }), T0 + 1), id: 'store-tea' };
    cacheStoreItems(temp.db, 'store-1', [storeTea], { storeId: 'store-1', revision: 3, id: 'store-tea' });
    expect(getItem(temp.db, mine.id)).toEqual(storeTea);
    expect(getItem(temp.db, 'store-tea')).toEqual(storeTea);
    expect(getItem(temp.db, sugar.id)?.barcodes).toEqual([]);
    // The sugar's search key lost the barcode with it: the code finds the tea only.
    expect(searchItems(temp.db, '8900000000028', { limit: 5, includeInactive: false }).map((item) => item.id)).toEqual(['store-tea']);
    expect(searchItems(temp.db, '00000028', { limit: 5, includeInactive: false }).map((item) => item.id)).toEqual(['store-tea']);
    expect(catalogueCursor(temp.db, 'store-1')).toEqual({ storeId: 'store-1', revision: 3, id: 'store-tea' });
    expect(catalogueCursor(temp.db, 'store-2')).toEqual({ storeId: 'store-2', revision: 0, id: '' });
  });

  it('of a store keep no stale search key when a barcode moves to another of the store’s items', () => {
    const a = { ...newItem(fields({ name: 'Chai A', sku: 'A-1', barcodes: ['8900000000066'] }), T0), id: 'b-item' };
    cacheStoreItems(temp.db, 'store-1', [a]);
    // The store moved the code to another item (its own id sorts first, so it comes first in the page).
    const b = { ...newItem(fields({ name: 'Chai B', sku: 'B-1', barcodes: ['8900000000066'] }), T0 + 1), id: 'a-item' };
    cacheStoreItems(temp.db, 'store-1', [b]);
    expect(itemByBarcode(temp.db, '8900000000066')?.id).toBe('a-item');
    expect(searchItems(temp.db, '0000066', { limit: 5, includeInactive: true }).map((item) => item.sku)).toEqual(['B-1']);
  });

  it('keep an id replaced twice leading to the item now, for a bill of either', () => {
    const mine = createItem(fields(), T0);
    cacheStoreItems(temp.db, 'store-1', [{ ...newItem(fields(), T0 + 1), id: 'store-1-tea' }]);
    cacheStoreItems(temp.db, 'store-2', [{ ...newItem(fields({ priceMinor: 15000 }), T0 + 2), id: 'store-2-tea' }]);
    expect([getItem(temp.db, mine.id)?.id, getItem(temp.db, 'store-1-tea')?.id]).toEqual(['store-2-tea', 'store-2-tea']);
  });

  it('of a previous store are retired once the copy caught up with another: never brought to it, deactivated, their SKU and barcodes freed', () => {
    const own = createItem(fields({ name: 'Own soap', sku: 'SOAP-1', barcodes: ['8900000000073'] }), T0);
    const first = { ...newItem(fields({ name: 'Marie biscuits', sku: 'BISC-1', barcodes: ['8900000000042'] }), T0), id: 'first-biscuits' };
    cacheStoreItems(temp.db, 'store-1', [first], { storeId: 'store-1', revision: 1, id: 'first-biscuits' });
    expect(retireOthersItems(temp.db, 'store-1')).toBe(1); // the soap the store did not take
    expect(getItem(temp.db, own.id)).toMatchObject({ active: false, barcodes: [], sku: `SOAP-1~${own.id}` });
    expect(ownItems(temp.db)).toHaveLength(1);
    expect(retireOthersItems(temp.db, 'store-1')).toBe(0);
    // Another store: this PC brings none of the first store's items, and stops selling them there.
    const second = { ...newItem(fields({ name: 'Rock salt', sku: 'SALT-1', barcodes: ['8900000000035'] }), T0), id: 'second-salt' };
    cacheStoreItems(temp.db, 'store-2', [second], { storeId: 'store-2', revision: 1, id: 'second-salt' });
    expect(ownItems(temp.db).map((item) => item.id)).toEqual([own.id]);
    expect(retireOthersItems(temp.db, 'store-2')).toBe(2);
    expect(search('biscuits')).toEqual([]);
    expect(search('8900000000042', true)).toEqual([]);
    expect(itemByBarcode(temp.db, '8900000000042')).toBeNull();
    expect(getItem(temp.db, 'first-biscuits')).toMatchObject({ active: false });
    expect(allItems(temp.db).filter((item) => item.active).map((item) => item.id)).toEqual(['second-salt']);
    // The second store may give the freed SKU and barcode to an item of its own.
    cacheStoreItems(temp.db, 'store-2', [{ ...newItem(fields({ name: 'Marie gold', sku: 'BISC-1', barcodes: ['8900000000042'] }), T0 + 1), id: 'second-biscuits' }]);
    expect(itemByBarcode(temp.db, '8900000000042')).toMatchObject({ id: 'second-biscuits', active: true });
    expect(getItem(temp.db, 'first-biscuits')).toMatchObject({ active: false });
  });
});
