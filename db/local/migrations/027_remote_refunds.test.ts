import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { insertPaidAttemptRows, memoryDatabaseEachTest, T0 } from '../../../testkit/db';
import { remoteRefunds } from './027_remote_refunds';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(remoteRefunds);

const refund = (id: string, attempt: { attemptId: string; invoiceId: string; paymentId: string }, amount: number, state = 'creating') =>
  memory.db
    .prepare(
      `INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at, final_at)
       VALUES (?, ?, ?, 'c1', ?, ?, 'INR', 'others', ?, ?, ?, ?, ?)`,
    )
    .run(id, attempt.attemptId, attempt.invoiceId, attempt.paymentId, amount, `k-${id}`, state, T0, T0, state === 'succeeded' ? T0 : null);

const OWN = { attemptId: 'a1', invoiceId: 'i1', paymentId: 'P1' };
const ELSEWHERE = { attemptId: 'a9', invoiceId: 'i9', paymentId: 'P9' };

/** Every index and trigger of the refunds table, by name, as SQLite keeps it. */
const refundsSchema = () =>
  new Map(
    (memory.db.prepare("SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'refunds' AND type IN ('index', 'trigger') AND sql IS NOT NULL").all() as { name: string; sql: string }[]).map(
      (row) => [row.name, row.sql],
    ),
  );

describe('migration 027: refunds of another PC’s payment', () => {
  it('rebuilds refunds keeping its rows, their history and every index and trigger but the two that read the payment', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    insertPaidAttemptRows(db);
    refund('r1', OWN, 4_000, 'succeeded');
    db.exec(`INSERT INTO refund_events (refund_id, at, from_state, to_state, actor, reason) VALUES ('r1', ${T0}, NULL, 'creating', 'manager', 'made')`);
    refund('r0', OWN, 1_000, 'succeeded');
    const rows = db.prepare('SELECT rowid, * FROM refunds ORDER BY rowid').all();
    const events = db.prepare('SELECT * FROM refund_events').all();
    const before = refundsSchema();

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(schemaVersion(db)).toBe(remoteRefunds.version);
    expect(db.prepare('SELECT rowid, * FROM refunds ORDER BY rowid').all()).toEqual(rows);
    expect(db.prepare('SELECT * FROM refund_events').all()).toEqual(events);
    const after = refundsSchema();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after.keys()].filter((name) => after.get(name) !== before.get(name)).sort();
    expect(changed).toEqual(['refunds_of_a_paid_payment', 'refunds_within_payment']);
    // The history still points at its refund.
    expect(() => db.exec(`INSERT INTO refund_events (refund_id, at, from_state, to_state, actor, reason) VALUES ('nope', ${T0}, NULL, 'creating', 'manager', 'x')`)).toThrow(/FOREIGN KEY/);
  });

  it('takes a refund of another PC’s paid payment only as that payment was seen, within its amount; this PC’s payments as before', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS);
    insertPaidAttemptRows(db);
    expect(() => refund('r1', ELSEWHERE, 1_000)).toThrow(/only a paid payment/);
    db.exec(`INSERT INTO remote_payments (attempt_id, station_id, invoice_id, invoice_number, counter_id, payment_id, amount_minor, currency, seen_at)
             VALUES ('a9', 'pc2', 'i9', 'B-7', 'c1', 'P9', 5000, 'INR', ${T0})`);
    expect(() => refund('r1', { ...ELSEWHERE, paymentId: 'P1' }, 1_000)).toThrow(/only a paid payment/);
    refund('r1', ELSEWHERE, 3_000, 'succeeded');
    expect(() => refund('r2', ELSEWHERE, 2_001)).toThrow(/more than the payment/);
    refund('r2', ELSEWHERE, 2_000);
    expect(() => refund('r3', OWN, 10_051)).toThrow(/more than the payment/);
    refund('r3', OWN, 10_050);
    expect(() => db.exec("UPDATE remote_payments SET amount_minor = 9000 WHERE attempt_id = 'a9'")).toThrow(/does not change/);
    expect(() => db.exec("DELETE FROM remote_payments WHERE attempt_id = 'a9'")).toThrow(/never deleted/);
  });
});
