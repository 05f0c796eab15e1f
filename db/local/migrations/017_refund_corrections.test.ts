import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { insertPaidAttemptRows, memoryDatabaseEachTest, T0 } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

const refund = (id: string, amount: number, state: string) =>
  memory.db
    .prepare(
      `INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at, final_at)
       VALUES (?, 'a1', 'i1', 'c1', 'P1', ?, 'INR', 'others', ?, ?, ?, ?, ?)`,
    )
    .run(id, amount, `k-${id}`, state, T0, T0, state === 'succeeded' ? T0 : null);

describe('migration 017: a correction settles a refund of a closed day', () => {
  it('applies to a version 16 database, keeping its refunds, and still holds one unsettled refund per payment within its amount', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 16));
    insertPaidAttemptRows(db);
    refund('r1', 4_000, 'succeeded');
    const before = db.prepare('SELECT * FROM refunds').all();
    migrate(db, MIGRATIONS.slice(0, 17));
    expect(schemaVersion(db)).toBe(17);
    expect(db.prepare('SELECT * FROM refunds').all()).toEqual(before);
    refund('r2', 1_000, 'unknown');
    expect(() => refund('r3', 1_000, 'creating')).toThrow(/not settled/);
    expect(() => refund('r4', 5_051, 'succeeded')).toThrow(/more than the payment/);
  });

  it('a refund whose correction says Zoho never made it holds nothing: the payment may be refunded in full again', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 17));
    insertPaidAttemptRows(db);
    refund('r1', 10_000, 'unknown');
    expect(() => refund('r2', 1, 'creating')).toThrow(/not settled/);
    db.exec(`INSERT INTO day_closes (id, day, from_ms, to_ms, closed_by, awaiting_review, summary, created_at, updated_at)
             VALUES ('d1', '2025-01-15', ${T0 - 36_000_000}, ${T0 + 50_400_000}, 'Asha', 0, '{}', ${T0 + 1}, ${T0 + 1})`);
    db.exec(`INSERT INTO corrections (id, day, closed_day, record_kind, record_id, counter_id, invoice_number, from_state, to_state, amount_minor, detail, created_at, updated_at)
             VALUES ('x1', '2025-01-16', '2025-01-15', 'refund', 'r1', 'c1', 'A-1', 'unknown', 'rejected', 0, 'not made', ${T0 + 2}, ${T0 + 2})`);
    expect(db.prepare("SELECT state FROM refunds WHERE id = 'r1'").get()).toEqual({ state: 'unknown' });
    db.prepare(
      `INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at)
       VALUES ('r2', 'a1', 'i1', 'c1', 'P1', 10050, 'INR', 'others', 'k-r2', 'creating', ?, ?)`,
    ).run(T0 + 86_400_000, T0 + 86_400_000);
    expect(db.prepare("SELECT count(*) AS n FROM refunds WHERE attempt_id = 'a1'").get()).toEqual({ n: 2 });
  });
});
