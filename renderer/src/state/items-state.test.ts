import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../testing/fake-backend';
import { EMPTY_ITEM_FORM, itemFields, itemForm } from './item-form';
import { useItemsStore } from './items-state';
import { useManagerStore } from './manager-state';

const initialManager = useManagerStore.getState();
const initialItems = useItemsStore.getState();
let backend: FakeBackend;

beforeEach(async () => {
  backend = new FakeBackend().install();
  useManagerStore.setState(initialManager, true);
  useItemsStore.setState(initialItems, true);
  backend.pin = '2468';
  expect(await useManagerStore.getState().unlock('2468')).toBe(true);
});

afterEach(() => backend.uninstall());

const items = () => useItemsStore.getState();
const TEA = { ...EMPTY_ITEM_FORM, name: 'Assam Tea', sku: 'TEA-1', barcodes: '8901234567890, 8901234567891', price: '140', rate: '5', hsnCode: '0902' };

describe('the item form', () => {
  it('reads the price and the rate as typed, and the barcodes separated by commas or spaces', () => {
    expect(itemFields(TEA)).toMatchObject({ ok: true, value: { priceMinor: 14000, rateBasisPoints: 500, barcodes: ['8901234567890', '8901234567891'] } });
    expect(itemFields({ ...TEA, rate: '' })).toMatchObject({ ok: true, value: { rateBasisPoints: 0 } });
  });

  it('names the field of a price or rate it cannot read', () => {
    const price = itemFields({ ...TEA, price: '14O' });
    expect(!price.ok && [price.error.field, price.error.message.startsWith('Price: ')]).toEqual(['priceMinor', true]);
    const rate = itemFields({ ...TEA, rate: '2.555' });
    expect(!rate.ok && [rate.error.field, rate.error.message.startsWith('Tax rate: ')]).toEqual(['rateBasisPoints', true]);
  });

  it('gives back the form of a saved item', () => {
    const fields = itemFields(TEA);
    if (!fields.ok) throw new Error('the tea is a good item');
    expect(itemForm({ id: 'i1', ...fields.value, active: true, updatedAt: 0 })).toEqual({ ...TEA, price: '140.00', barcodes: '8901234567890, 8901234567891' });
  });
});

describe('Manager → Items', () => {
  it('adds an item, finds it, and takes it off the counter', async () => {
    items().edit('new');
    expect(await items().save(TEA)).toBe(true);
    expect(items().editing).toBeNull();
    expect(useManagerStore.getState().notices.item).toBe('Assam Tea saved.');
    await items().search('8901234567891');
    expect(items().items?.map((i) => i.name)).toEqual(['Assam Tea']);
    const [tea] = items().items ?? [];
    if (!tea) throw new Error('the tea is found');
    expect(await items().setActive(tea, false)).toBe(true);
    expect(items().items?.[0]?.active).toBe(false);
  });

  it('keeps the form open with the wrong field named, and saves nothing', async () => {
    items().edit('new');
    expect(await items().save({ ...TEA, price: 'abc' })).toBe(false);
    expect(useManagerStore.getState().errors.item?.field).toBe('priceMinor');
    expect(items().editing).toBe('new');
    expect(backend.catalogue).toEqual([]);
  });

  it('imports only a file whose dry run was clean, and exactly the file checked', async () => {
    backend.importReport = { rows: 2, creates: 1, updates: 0, problems: [{ line: 3, field: 'Price', message: 'Enter an amount.' }], imported: false };
    await items().checkFile('bad.csv', 'Name,SKU,Price\nTea,T-1,1\nRice,R-1,\n');
    expect(items().checked?.report.problems).toHaveLength(1);
    expect(await items().importChecked()).toBe(false);

    backend.importReport = null;
    await items().checkFile('good.csv', 'Name,SKU,Price\nTea,T-1,1\n');
    expect(items().checked).toMatchObject({ fileName: 'good.csv', report: { rows: 1, imported: false } });
    expect(await items().importChecked()).toBe(true);
    expect(items().checked).toBeNull();
    expect(useManagerStore.getState().notices.import).toBe('Imported good.csv: 1 item added, 0 items changed.');
  });
});
