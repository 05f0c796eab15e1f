import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest, schemaNames } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const NEW_INDEXES = ['charge_attempts_counter_created', 'charge_attempts_created', 'charge_attempts_state_created'];

const memory = memoryDatabaseEachTest();

describe('migration 002: day log indexes', () => {
  it('applies to an empty database', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    expect(schemaNames(db, 'index')).toEqual(expect.arrayContaining(NEW_INDEXES));
  });

  it('applies to a version 1 database, keeping its data', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 1));
    db.exec(`
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at)
        VALUES ('i1', 'A-000001', 'c1', '[{"description":"Tea","quantity":2,"unitPriceMinor":5025}]', 10050, 'INR', 1);
      INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state,
                                   payments_session_id, created_at, updated_at)
        VALUES ('a1', 'i1', 'c1', 'T1', 10050, 'INR', 'upi', 'in_progress', 'S1', 2, 3);
      INSERT INTO attempt_events (attempt_id, at, from_state, to_state, actor, reason)
        VALUES ('a1', 2, NULL, 'creating', 'cashier', 'Charge');
      INSERT INTO settings (key, value) VALUES ('zoho.edition', 'in');`);
    const before = ['counters', 'invoices', 'charge_attempts', 'attempt_events', 'settings'].map((table) =>
      db.prepare(`SELECT * FROM ${table}`).all(),
    );

    migrate(db, MIGRATIONS.slice(0, 2));

    expect(schemaVersion(db)).toBe(2);
    expect(schemaNames(db, 'index')).toEqual(expect.arrayContaining(NEW_INDEXES));
    const after = ['counters', 'invoices', 'charge_attempts', 'attempt_events', 'settings'].map((table) =>
      db.prepare(`SELECT * FROM ${table}`).all(),
    );
    expect(after).toEqual(before);
  });
});
