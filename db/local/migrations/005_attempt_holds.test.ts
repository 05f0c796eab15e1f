import { describe, expect, it } from 'vitest';
import { TAKEN_CONDITION } from '../live-attempts';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest, schemaNames } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

function indexSql(name: string): string {
  const row = memory.db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(name);
  return row?.sql ?? '';
}

describe('migration 005: attempt holds', () => {
  it('applies to an empty database: live or held attempts take their terminal and invoice, by the app’s own condition', () => {
    migrate(memory.db, MIGRATIONS.slice(0, 5));
    expect(schemaVersion(memory.db)).toBe(5);
    const indexes = schemaNames(memory.db, 'index');
    expect(indexes).toEqual(expect.arrayContaining(['charge_attempts_taken_terminal', 'charge_attempts_taken_invoice', 'charge_attempts_held']));
    expect(indexes).not.toContain('charge_attempts_live_terminal');
    expect(indexSql('charge_attempts_taken_terminal')).toContain(`WHERE ${TAKEN_CONDITION}`);
    expect(indexSql('charge_attempts_taken_invoice')).toContain(`WHERE ${TAKEN_CONDITION}`);
  });

  it('applies to a version 4 database: attempts already unknown hold nothing, and the rules still hold', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 4));
    db.exec(`
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES
        ('i1', 'A-1', 'c1', '[]', 500, 'INR', 1), ('i2', 'A-2', 'c1', '[]', 700, 'INR', 1);
      INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, payments_session_id, created_at, updated_at)
        VALUES ('a1', 'i1', 'c1', 'T1', 500, 'INR', 'card', 'unknown', NULL, 2, 2),
               ('a2', 'i1', 'c1', 'T1', 500, 'INR', 'card', 'unknown', NULL, 3, 3),
               ('a3', 'i2', 'c1', 'T2', 700, 'INR', 'card', 'in_progress', 'S3', 4, 4);`);
    const before = db.prepare('SELECT * FROM charge_attempts ORDER BY id').all();
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT id, hold_until, hold_ended_at FROM charge_attempts ORDER BY id').all()).toEqual([
      { id: 'a1', hold_until: null, hold_ended_at: null },
      { id: 'a2', hold_until: null, hold_ended_at: null },
      { id: 'a3', hold_until: null, hold_ended_at: null },
    ]);
    expect(db.prepare('SELECT * FROM charge_attempts ORDER BY id').all()).toEqual(before.map((row) => ({ ...(row as object), hold_until: null, hold_ended_at: null })));
    // One live payment per terminal, as before.
    expect(() =>
      db.prepare("INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, created_at, updated_at) VALUES ('a4', 'i1', 'c1', 'T2', 500, 'INR', 'card', 'creating', 5, 5)").run(),
    ).toThrow(/UNIQUE constraint failed: charge_attempts\.terminal_id/);
    // Only an unknown attempt can hold; a hold is never taken away; one that ended stays ended.
    expect(() => db.prepare("UPDATE charge_attempts SET hold_until = 9 WHERE id = 'a3'").run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("UPDATE charge_attempts SET hold_ended_at = 9 WHERE id = 'a1'").run()).toThrow(/CHECK constraint failed/);
    db.prepare("UPDATE charge_attempts SET hold_until = 9 WHERE id = 'a1'").run();
    expect(() => db.prepare("UPDATE charge_attempts SET hold_until = NULL WHERE id = 'a1'").run()).toThrow(/never taken away/);
    db.prepare("UPDATE charge_attempts SET hold_ended_at = 10 WHERE id = 'a1'").run();
    expect(() => db.prepare("UPDATE charge_attempts SET hold_ended_at = NULL WHERE id = 'a1'").run()).toThrow(/stays ended/);
    expect(() => db.prepare("UPDATE charge_attempts SET hold_until = 20 WHERE id = 'a1'").run()).toThrow(/stays ended/);
  });
});
