import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { insertPaidAttemptRows, memoryDatabaseEachTest } from '../../../testkit/db';
import { invoiceTaxSummary } from './026_invoice_tax_summary';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(invoiceTaxSummary);

/** A bill's totals as far as the summary reads them (a CGST/SGST split beside each rate's figures). */
const BILL = {
  totals: {
    taxableValue: 9_000,
    tax: 1_050,
    taxByRate: [
      { rateBasisPoints: 500, taxableValue: 4_000, tax: 200, cgst: 100, sgst: 100, igst: 0, salesTax: 0 },
      { rateBasisPoints: 1800, taxableValue: 5_000, tax: 850, cgst: 425, sgst: 425, igst: 0, salesTax: 0 },
    ],
  },
};

const summaries = () => memory.db.prepare('SELECT id, taxable_minor, tax_minor, tax_by_rate FROM invoices ORDER BY id').all();

describe('migration 026: an invoice’s tax summary', () => {
  it('applies to the database before it: an invoice with a bill gets its summary (queued for the store), one without none', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    insertPaidAttemptRows(db);
    db.prepare("INSERT INTO invoice_bills (invoice_id, bill) VALUES ('i1', ?)").run(JSON.stringify(BILL));
    db.exec("INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, 's1', 'pc1', 'e1', 1)");

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(schemaVersion(db)).toBe(position + 1);
    expect(position + 1).toBe(invoiceTaxSummary.version);
    const byRate = [
      { rateBasisPoints: 500, taxableValue: 4_000, tax: 200 },
      { rateBasisPoints: 1800, taxableValue: 5_000, tax: 850 },
    ];
    const stored = summaries() as { tax_by_rate: string | null }[];
    expect(stored.map((row) => ({ ...row, tax_by_rate: row.tax_by_rate === null ? null : (JSON.parse(row.tax_by_rate) as unknown) }))).toEqual([
      { id: 'i1', taxable_minor: 9_000, tax_minor: 1_050, tax_by_rate: byRate },
      { id: 'i2', taxable_minor: null, tax_minor: null, tax_by_rate: null },
    ]);
    const queued = db.prepare<[], { row_json: string }>("SELECT row_json FROM store_outbox WHERE table_name = 'invoices'").all();
    expect(queued.map((row) => JSON.parse(row.row_json) as Record<string, unknown>)).toEqual([expect.objectContaining({ id: 'i1', taxable_minor: 9_000, tax_minor: 1_050 })]);
  });

  it('never changes a summary once written', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position + 1));
    insertPaidAttemptRows(db);
    db.exec("UPDATE invoices SET taxable_minor = 100, tax_minor = 5, tax_by_rate = '[]' WHERE id = 'i2'");
    expect(() => db.exec("UPDATE invoices SET tax_minor = 6 WHERE id = 'i2'")).toThrow(/a tax summary never changes/);
    db.exec("UPDATE invoices SET tax_minor = 5 WHERE id = 'i2'");
  });
});
