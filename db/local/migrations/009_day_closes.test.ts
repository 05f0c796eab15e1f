import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { T0, insertPaidAttemptRows, memoryDatabaseEachTest } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const DAY = { from: T0 - 10 * 3_600_000, to: T0 + 14 * 3_600_000 };

const close = () =>
  memory.db.exec(`INSERT INTO day_closes (id, day, from_ms, to_ms, closed_by, awaiting_review, summary, created_at, updated_at)
                  VALUES ('d1', '2025-01-15', ${DAY.from}, ${DAY.to}, 'Asha', 0, '{}', ${DAY.to}, ${DAY.to})`);

describe('migration 009: day closes', () => {
  it('applies to a version 8 database, keeping its data', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 8));
    insertPaidAttemptRows(db);
    const before = db.prepare('SELECT * FROM charge_attempts').all();
    migrate(db, MIGRATIONS.slice(0, 9));
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT * FROM charge_attempts').all()).toEqual(before);
  });

  it('freezes a closed day: no new record dated in it, no change to one, and no undoing the close', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 9));
    insertPaidAttemptRows(db);
    close();
    const refusals = [
      `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i9', 'A-9', 'c1', '[]', 100, 'INR', ${T0 + 1})`,
      "UPDATE invoices SET status = 'void' WHERE id = 'i2'",
      `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, created_at, updated_at)
       VALUES ('a9', 'i2', 'c1', 'T1', 2000, 'INR', 'card', 'creating', ${T0 + 1}, ${T0 + 1})`,
      "UPDATE charge_attempts SET mismatch = 'late' WHERE id = 'a1'",
      `INSERT INTO tenders (id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at)
       VALUES ('t9', 'i2', 'c1', 'cash', 2000, 2000, 0, 'INR', ${T0 + 1}, ${T0 + 1})`,
      `INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at)
       VALUES ('r9', 'a1', 'i1', 'c1', 'P1', 100, 'INR', 'others', 'k9', 'creating', ${T0 + 1}, ${T0 + 1})`,
      "UPDATE day_closes SET closed_by = 'Someone else'",
      'DELETE FROM day_closes',
    ];
    for (const sql of refusals) expect(() => db.exec(sql), sql).toThrow(/day_closed|never changes|never undone/);
    // Bookkeeping is not the record: a payment of the closed day may still be polled.
    db.exec("UPDATE charge_attempts SET poll_count = poll_count + 1 WHERE id = 'a1'");
    // The next day is open.
    db.exec(`INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i10', 'A-10', 'c1', '[]', 100, 'INR', ${DAY.to})`);
  });

  it('counts a correction only on a later day that is open, once per record', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 9));
    insertPaidAttemptRows(db);
    close();
    const correct = (day: string, id: string) =>
      db.exec(`INSERT INTO corrections (id, day, closed_day, record_kind, record_id, counter_id, invoice_number, from_state, to_state,
                                        amount_minor, detail, created_at, updated_at)
               VALUES ('${id}', '${day}', '2025-01-15', 'charge', 'a1', 'c1', 'A-1', 'unresolved', 'succeeded', 10050, 'late', 1, 1)`);
    expect(() => correct('2025-01-15', 'k0')).toThrow(/day_closed|CHECK/);
    expect(() => correct('2025-01-14', 'k1')).toThrow(/CHECK/);
    correct('2025-01-16', 'k2');
    expect(() => correct('2025-01-17', 'k3')).toThrow(/UNIQUE/);
    expect(() => db.exec('UPDATE corrections SET amount_minor = 0')).toThrow(/never changes/);
  });
});
