import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

describe('migration 004: attempt reviews', () => {
  it('applies to a version 3 database: every existing attempt starts unreviewed', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 3));
    db.exec(`
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i1', 'A-1', 'c1', '[]', 500, 'INR', 1);
      INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, created_at, updated_at)
        VALUES ('a1', 'i1', 'c1', 'T1', 500, 'INR', 'card', 'unknown', 2, 2);`);

    migrate(db, MIGRATIONS.slice(0, 4));

    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT id, state, reviewed_at, review_note FROM charge_attempts').all()).toEqual([
      { id: 'a1', state: 'unknown', reviewed_at: null, review_note: null },
    ]);
    expect(() => db.prepare("UPDATE charge_attempts SET reviewed_at = 5 WHERE id = 'a1'").run()).toThrow(/a time and a note/);
  });
});
