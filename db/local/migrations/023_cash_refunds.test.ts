import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { expectAppliesKeepingInvoices, insertPaidAttemptRows, memoryDatabaseEachTest } from '../../../testkit/db';
import { cashRefunds } from './023_cash_refunds';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(cashRefunds);

const payBack = (id: string, amount: number, tender = 't-i2') =>
  memory.db
    .prepare(
      `INSERT INTO cash_refunds (id, tender_id, invoice_id, counter_id, amount_minor, currency, reason, note, request_key, created_at, updated_at)
       VALUES (?, ?, 'i2', 'c1', ?, 'INR', 'others', NULL, ?, 1, 1)`,
    )
    .run(id, tender, amount, `key-${id}`);

describe('migration 023: cash refunds', () => {
  it('applies to the database before it, keeping its data', () => {
    expectAppliesKeepingInvoices(memory.db, cashRefunds);
  });

  it('pays back at most what the cash tender took, and a cash refund never changes nor goes', () => {
    migrate(memory.db, MIGRATIONS.slice(0, position + 1));
    insertPaidAttemptRows(memory.db);
    memory.db.exec(
      `INSERT INTO tenders (id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at)
       VALUES ('t-i2', 'i2', 'c1', 'cash', 500, 500, 0, 'INR', 1, 1)`,
    );
    expect(() => payBack('none', 100, 'no-tender')).toThrow(/at most what the cash tender took/);
    payBack('r1', 300);
    expect(() => payBack('r2', 201)).toThrow(/at most what the cash tender took/);
    payBack('r3', 200);
    expect(() => memory.db.exec("UPDATE cash_refunds SET amount_minor = 1 WHERE id = 'r1'")).toThrow(/never changes/);
    expect(() => memory.db.exec("DELETE FROM cash_refunds WHERE id = 'r1'")).toThrow(/never deleted/);
  });
});
