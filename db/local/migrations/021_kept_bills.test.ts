import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { keptBills } from './021_kept_bills';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(keptBills);

describe('migration 021: the bill being built and held bills', () => {
  it('applies to the database before it, keeping its data; one kept bill per counter', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);");

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(schemaVersion(db)).toBe(position + 1);
    expect(db.prepare('SELECT id FROM counters').all()).toEqual([{ id: 'c1' }]);
    db.exec(`INSERT INTO bill_drafts (counter_id, bill, kept_at) VALUES ('c1', '{"mode":"items"}', 1)`);
    expect(() => db.exec(`INSERT INTO bill_drafts (counter_id, bill, kept_at) VALUES ('c1', '{"mode":"amount"}', 2)`)).toThrow(/UNIQUE/);
    db.exec(`INSERT INTO held_bills (id, counter_id, label, total_minor, bill, held_at) VALUES ('h1', 'c1', 'Blue shirt', 5000, '{}', 3)`);
  });

  it('refuses a bill that is not a JSON object, a blank label, a negative total and an unknown counter', () => {
    const { db } = memory;
    migrate(db);
    db.pragma('foreign_keys = ON');
    db.exec("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);");
    expect(() => db.exec(`INSERT INTO bill_drafts (counter_id, bill, kept_at) VALUES ('c1', '[1]', 1)`)).toThrow(/CHECK/);
    const held = (label: string, total: number, counter = 'c1') =>
      db.exec(`INSERT INTO held_bills (id, counter_id, label, total_minor, bill, held_at) VALUES ('h${total}${label.length}', '${counter}', '${label}', ${total}, '{}', 3)`);
    expect(() => held('  ', 10)).toThrow(/CHECK/);
    expect(() => held('Red bag', -1)).toThrow(/CHECK/);
    expect(() => held('Red bag', 10, 'nope')).toThrow(/FOREIGN KEY/);
  });
});
