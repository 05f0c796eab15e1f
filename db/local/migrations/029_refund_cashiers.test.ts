import { describe, expect, it } from 'vitest';
import { expectAppliesKeepingInvoices, memoryDatabaseEachTest } from '../../../testkit/db';
import { refundCashiers } from './029_refund_cashiers';

const memory = memoryDatabaseEachTest();

describe('migration 029: refund cashiers', () => {
  it('applies to the database before it, keeping its refunds (naming nobody); who asked never changes and ships with the row', () => {
    const { db } = memory;
    expectAppliesKeepingInvoices(db, refundCashiers);
    db.exec(`INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at, cashier)
             VALUES ('r1', 'a1', 'i1', 'c1', 'P1', 500, 'INR', 'others', 'key-0001', 'creating', 1, 1, 'Asha')`);
    expect(() => db.exec("UPDATE refunds SET cashier = 'Ravi' WHERE id = 'r1'")).toThrow(/never changes/);
    expect(() => db.exec("UPDATE refunds SET cashier = ' ' WHERE id = 'r1'")).toThrow(/CHECK|never changes/);
    db.exec("INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, 's1', 'pc1', 'e1', 1)");
    db.exec("UPDATE refunds SET state = 'unknown', updated_at = 2 WHERE id = 'r1'");
    const shipped = db.prepare("SELECT row_json FROM store_outbox WHERE table_name = 'refunds'").all() as { row_json: string }[];
    expect(shipped.map((row) => (JSON.parse(row.row_json) as { cashier: string }).cashier)).toEqual(['Asha']);
  });
});
