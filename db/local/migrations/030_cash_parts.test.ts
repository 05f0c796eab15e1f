import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { expectAppliesKeepingInvoices, memoryDatabaseEachTest } from '../../../testkit/db';
import { cashParts } from './030_cash_parts';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(cashParts);

const tender = (id: string, amount: number) =>
  memory.db
    .prepare(
      `INSERT INTO tenders (id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at)
       VALUES (?, 'i2', 'c1', 'cash', ?, ?, 0, 'INR', 1, 1)`,
    )
    .run(id, amount, amount);

const tenderSchema = () =>
  memory.db.prepare<[], { type: string; name: string }>("SELECT type, name FROM sqlite_master WHERE tbl_name = 'tenders' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name").all();

describe('migration 030: cash parts', () => {
  it('applies to the database before it, keeping its tenders (rowids too), their cash refunds, indexes and triggers', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    const before = tenderSchema();
    expect(before).toContainEqual({ type: 'trigger', name: 'tenders_closed_day_insert' });
    memory.db.exec("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1)");
    memory.db.exec("INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('i2', 'A-2', 'c1', '[]', 2000, 'INR', 'open', 1)");
    tender('t1', 500);
    db.exec(`INSERT INTO cash_refunds (id, tender_id, invoice_id, counter_id, amount_minor, currency, reason, request_key, created_at, updated_at)
             VALUES ('r1', 't1', 'i2', 'c1', 100, 'INR', 'others', 'key-0001', 1, 1)`);
    const rows = db.prepare('SELECT rowid, * FROM tenders').all();

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(db.prepare('SELECT rowid, * FROM tenders').all()).toEqual(rows);
    expect(tenderSchema()).toEqual([...before, { type: 'index', name: 'tenders_invoice' }].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name)));
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('takes several cash parts of an invoice, never more than is still due', () => {
    migrate(memory.db, MIGRATIONS.slice(0, position + 1));
    memory.db.exec("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1)");
    memory.db.exec("INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('i2', 'A-2', 'c1', '[]', 2000, 'INR', 'open', 1)");
    tender('t1', 500);
    tender('t2', 1000);
    expect(() => tender('t3', 501)).toThrow(/at most what is due/);
    tender('t3', 500);
    expect(memory.db.prepare("SELECT count(*) AS n FROM tenders WHERE invoice_id = 'i2'").get()).toEqual({ n: 3 });
  });

  it('keeps the invoices of the database before it', () => {
    expectAppliesKeepingInvoices(memory.db, cashParts);
  });
});
