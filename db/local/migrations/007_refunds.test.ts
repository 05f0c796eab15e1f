import { describe, expect, it } from 'vitest';
import { COMMITTED_REFUND_STATES, FINAL_REFUND_STATES, REFUND_REASONS, REFUND_STATES, UNSETTLED_REFUND_STATES } from '../../../contract/vocabulary';
import { migrate, schemaVersion } from '../migrate';
import { sqlLiterals } from '../statements';
import { insertPaidAttemptRows, memoryDatabaseEachTest, schemaNames } from '../../../testkit/db';
import { MIGRATIONS } from './index';
import { refunds } from './007_refunds';

const memory = memoryDatabaseEachTest();
const UP_TO_007 = MIGRATIONS.slice(0, 7);

const insertRefund = (id: string, amount: number, state = 'creating', key = id) =>
  memory.db
    .prepare(
      `INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state,
                            zoho_refund_id, created_at, updated_at, final_at)
       VALUES (?, 'a1', 'i1', 'c1', 'P1', ?, 'INR', 'requested_by_customer', ?, ?, ?, 1, 1, ?)`,
    )
    .run(id, amount, key, state, state === 'initiated' || state === 'pending' ? `Z-${id}` : null, (FINAL_REFUND_STATES as readonly string[]).includes(state) ? 1 : null);

describe('migration 007: refunds', () => {
  it('applies to a version 6 database, keeping its data', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 6));
    insertPaidAttemptRows(db);
    const before = db.prepare('SELECT * FROM charge_attempts').all();
    migrate(db, UP_TO_007);
    expect(schemaVersion(db)).toBe(7);
    expect(schemaNames(db, 'table')).toEqual(expect.arrayContaining(['refunds', 'refund_events']));
    expect(db.prepare('SELECT * FROM charge_attempts').all()).toEqual(before);
  });

  it('keeps frozen copies of the refund states and reasons as they were', () => {
    expect(refunds.sql).toContain(`CHECK (state IN (${sqlLiterals(REFUND_STATES)}))`);
    expect(refunds.sql).toContain(`CHECK (reason IN (${sqlLiterals(REFUND_REASONS)}))`);
    expect(refunds.sql).toContain(`state IN (${sqlLiterals(COMMITTED_REFUND_STATES)})`);
    expect(refunds.sql).toContain(`WHERE state IN (${sqlLiterals(UNSETTLED_REFUND_STATES)})`);
    expect(refunds.sql).toContain(`OLD.state IN (${sqlLiterals(FINAL_REFUND_STATES)})`);
  });

  it('refuses refunds that add up to more than the payment, counting only the ones that refund something', () => {
    const { db } = memory;
    migrate(db, UP_TO_007);
    insertPaidAttemptRows(db);
    insertRefund('r1', 6000, 'succeeded');
    insertRefund('r2', 4000, 'failed');
    insertRefund('r3', 4000, 'pending');
    expect(() => insertRefund('r4', 51)).toThrow(/more than the payment/);
    insertRefund('r5', 50);
    expect(db.prepare('SELECT sum(amount_minor) AS total FROM refunds WHERE state <> ?').get('failed')).toEqual({ total: 10_050 });
  });

  it('refuses a refund of a payment that was not paid, one unsettled refund at a time, and any change to a final or requested field', () => {
    const { db } = memory;
    migrate(db, UP_TO_007);
    insertPaidAttemptRows(db);
    db.exec(`INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state,
                                          payments_session_id, payment_id, created_at, updated_at, final_at)
             VALUES ('a2', 'i2', 'c1', 'T1', 2000, 'INR', 'upi', 'failed', 'S2', 'P2', 1, 1, 1)`);
    const refundOf = (attempt: string, invoice: string, payment: string) =>
      db.exec(`INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at)
               VALUES ('x', '${attempt}', '${invoice}', 'c1', '${payment}', 100, 'INR', 'others', 'k', 'creating', 1, 1)`);
    expect(() => refundOf('a2', 'i2', 'P2')).toThrow(/only a paid payment/);
    expect(() => refundOf('a1', 'i1', 'OTHER')).toThrow(/only a paid payment/);
    insertRefund('r1', 100);
    expect(() => insertRefund('r2', 100, 'unknown')).toThrow(/UNIQUE/);
    expect(() => insertRefund('r3', 100, 'pending', 'r1')).toThrow(/UNIQUE/);
    expect(() => db.exec("UPDATE refunds SET amount_minor = 1 WHERE id = 'r1'")).toThrow(/request fields/);
    db.exec("UPDATE refunds SET state = 'rejected', final_at = 2 WHERE id = 'r1'");
    expect(() => db.exec("UPDATE refunds SET state = 'succeeded' WHERE id = 'r1'")).toThrow(/final state/);
    expect(() => db.exec("DELETE FROM refunds WHERE id = 'r1'")).toThrow(/never deleted/);
    db.exec("INSERT INTO refund_events (refund_id, at, from_state, to_state, actor, reason) VALUES ('r1', 2, NULL, 'creating', 'manager', 'test')");
    expect(() => db.exec('DELETE FROM refund_events')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE refund_events SET reason = 'x'")).toThrow(/append-only/);
  });
});
