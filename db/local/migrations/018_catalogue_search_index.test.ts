import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { catalogueSearchIndex } from './018_catalogue_search_index';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(catalogueSearchIndex);

describe('migration 018: the catalogue search index', () => {
  it('applies to the database before it, keeping the items, and the type-ahead reads the keys from the index', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec(`INSERT INTO catalogue_items (id, name, sku, unit, price_minor, price_includes_tax, rate_basis_points, hsn_code, tax_exempt, search_key, created_at, updated_at)
             VALUES ('i1', 'Tea', 'TEA-250', 'piece', 14000, 1, 500, '0902', 0, 'tea\ntea-250', 1, 1)`);
    migrate(db, MIGRATIONS.slice(0, position + 1));
    expect(schemaVersion(db)).toBe(position + 1);
    expect(db.prepare('SELECT name FROM catalogue_items').all()).toEqual([{ name: 'Tea' }]);
    const plan = db
      .prepare<[], { detail: string }>("EXPLAIN QUERY PLAN SELECT search_key FROM catalogue_items WHERE active = 1 AND search_key LIKE '%t%' ORDER BY name COLLATE NOCASE LIMIT 8")
      .all()
      .map((row) => row.detail);
    expect(plan).toEqual(['SEARCH catalogue_items USING COVERING INDEX catalogue_items_active_name_key (active=?)']);
  });
});
