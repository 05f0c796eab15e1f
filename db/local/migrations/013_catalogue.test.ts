import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { insertPaidAttemptRows, memoryDatabaseEachTest } from '../../../testkit/db';
import { getBill, getInvoice } from '../invoices';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

const ITEM = (id: string, sku: string) =>
  `INSERT INTO catalogue_items (id, name, sku, unit, price_minor, price_includes_tax, rate_basis_points, hsn_code, tax_exempt, search_key, created_at, updated_at)
   VALUES ('${id}', 'Tea', '${sku}', 'piece', 14000, 1, 500, '0902', 0, 'tea', 1, 1)`;

describe('migration 013: the catalogue and the bills', () => {
  it('applies to a version 12 database, keeping its data', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 12));
    insertPaidAttemptRows(db);
    const before = db.prepare('SELECT * FROM invoices').all();
    migrate(db, MIGRATIONS.slice(0, 13));
    expect(schemaVersion(db)).toBe(13);
    expect(db.prepare('SELECT * FROM invoices').all()).toEqual(before);
    // An invoice from before (free lines, no tax) reads as it did, and has no bill.
    expect(getInvoice(db, 'i1')).toMatchObject({ number: 'A-1', lines: [], totalMinor: 10050, status: 'paid' });
    expect(getBill(db, 'i1')).toBeNull();
  });

  it('keeps a bill to one invoice, and never changes or deletes it', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 13));
    insertPaidAttemptRows(db);
    db.exec(`INSERT INTO invoice_bills (invoice_id, bill) VALUES ('i1', '{"items":[]}')`);
    expect(() => db.exec(`INSERT INTO invoice_bills (invoice_id, bill) VALUES ('i1', '{}')`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.exec(`INSERT INTO invoice_bills (invoice_id, bill) VALUES ('nope', '{}')`)).toThrow(/FOREIGN KEY/);
    expect(() => db.exec(`INSERT INTO invoice_bills (invoice_id, bill) VALUES ('i2', 'not json')`)).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE invoice_bills SET bill = '{}'`)).toThrow(/never changes/);
    expect(() => db.exec('DELETE FROM invoice_bills')).toThrow(/never deleted/);
  });

  it('keeps a SKU (any case) and a barcode to one item, and never deletes an item', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 13));
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
