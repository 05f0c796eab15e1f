import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { expectAppliesKeepingInvoices, insertPaidAttemptRows, memoryDatabaseEachTest } from '../../../testkit/db';
import { splitTender } from './022_split_tender';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(splitTender);

const cash = (invoice: string, amount: number, tendered: number) =>
  memory.db
    .prepare(
      `INSERT INTO tenders (id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at)
       VALUES (?, ?, 'c1', 'cash', ?, ?, ?, 'INR', 1, 1)`,
    )
    .run(`t-${invoice}-${amount}`, invoice, amount, tendered, tendered - amount);

describe('migration 022: split tender', () => {
  it('applies to the database before it, keeping its data', () => {
    expectAppliesKeepingInvoices(memory.db, splitTender);
  });

  it('takes cash for a part of what is due, never more than is due, and keeps an invoice with a part paid from being void', () => {
    migrate(memory.db, MIGRATIONS.slice(0, position + 1));
    insertPaidAttemptRows(memory.db);
    expect(() => cash('i1', 1_000, 1_000)).toThrow(/only an unpaid invoice/);
    expect(() => cash('i2', 2_001, 2_001)).toThrow(/at most what is due/);
    memory.db.exec("UPDATE invoices SET status = 'void' WHERE id = 'i2'");
    memory.db.exec("UPDATE invoices SET status = 'open' WHERE id = 'i2'");
    cash('i2', 500, 500);
    expect(() => memory.db.exec("UPDATE invoices SET status = 'void' WHERE id = 'i2'")).toThrow(/part paid cannot be void/);
  });

  it('takes cash for what a successful card part left due', () => {
    migrate(memory.db, MIGRATIONS.slice(0, position + 1));
    insertPaidAttemptRows(memory.db);
    memory.db.exec(
      `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, payments_session_id, payment_id, created_at, updated_at, final_at)
       VALUES ('part', 'i2', 'c1', 'T1', 1500, 'INR', 'upi', 'succeeded', 'S2', 'P2', 1, 1, 1)`,
    );
    expect(() => cash('i2', 501, 501)).toThrow(/at most what is due/);
    cash('i2', 500, 1_000);
  });
});
