import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { insertPaidAttemptRows, memoryDatabaseEachTest } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

const ITEM = (id: string, sku: string) =>
  `INSERT INTO catalogue_items (id, name, sku, unit, price_minor, price_includes_tax, rate_basis_points, hsn_code, tax_exempt, search_key, created_at, updated_at)
   VALUES ('${id}', 'Tea', '${sku}', 'piece', 14000, 1, 500, '0902', 0, 'tea', 1, 1)`;

describe('migration 012: the catalogue', () => {
  it('applies to a version 11 database, keeping its data', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 11));
    insertPaidAttemptRows(db);
    const before = db.prepare('SELECT * FROM invoices').all();
    migrate(db, MIGRATIONS.slice(0, 12));
    expect(schemaVersion(db)).toBe(12);
    expect(db.prepare('SELECT * FROM invoices').all()).toEqual(before);
  });

  it('keeps a SKU (any case) and a barcode to one item, and never deletes an item', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 12));
    db.exec(ITEM('i1', 'TEA-250'));
    expect(() => db.exec(ITEM('i2', 'tea-250'))).toThrow(/UNIQUE/);
    db.exec(ITEM('i2', 'TEA-500'));
    db.exec("INSERT INTO catalogue_barcodes (barcode, item_id) VALUES ('8901234567890', 'i1')");
    expect(() => db.exec("INSERT INTO catalogue_barcodes (barcode, item_id) VALUES ('8901234567890', 'i2')")).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.exec("INSERT INTO catalogue_barcodes (barcode, item_id) VALUES ('123456', 'nope')")).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("DELETE FROM catalogue_items WHERE id = 'i2'")).toThrow(/never deleted/);
    expect(() => db.exec("UPDATE catalogue_items SET price_minor = 0 WHERE id = 'i1'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE catalogue_items SET rate_basis_points = 10001 WHERE id = 'i1'")).toThrow(/CHECK/);
  });
});
