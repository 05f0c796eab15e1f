import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { catalogueCopyOwner } from './031_catalogue_copy_owner';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(catalogueCopyOwner);
const ITEM = `INSERT INTO catalogue_items (id, name, sku, unit, price_minor, price_includes_tax, rate_basis_points, hsn_code, tax_exempt, search_key, created_at, updated_at)
              VALUES ('i1', 'Tea', 'TEA-250', 'piece', 14000, 1, 500, '0902', 0, 'tea\ntea-250', 1, 1)`;

describe('migration 031: whose each catalogue item is, and the ids a store replaced', () => {
  it('applies to a PC of a store: its items are that store’s copy', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec(ITEM);
    db.exec(`INSERT INTO settings (key, value) VALUES ('store_catalogue_cursor', '{"storeId":"s1","revision":4,"id":"i1"}')`);
    migrate(db, MIGRATIONS.slice(0, position + 1));
    expect(schemaVersion(db)).toBe(position + 1);
    expect(db.prepare('SELECT id, store_id FROM catalogue_items').all()).toEqual([{ id: 'i1', store_id: 's1' }]);
    expect(db.prepare('SELECT * FROM catalogue_item_aliases').all()).toEqual([]);
  });

  it('applies to a PC of its own: its items are its own', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec(ITEM);
    migrate(db, MIGRATIONS.slice(0, position + 1));
    expect(db.prepare('SELECT id, store_id FROM catalogue_items').all()).toEqual([{ id: 'i1', store_id: null }]);
  });
});
