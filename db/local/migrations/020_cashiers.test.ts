import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { cashiers } from './020_cashiers';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(cashiers);
const ADD = "INSERT INTO cashiers (id, name, pin_hash, created_at) VALUES ('k1', 'Asha', 'scrypt$x', 1)";

describe('migration 020: cashiers', () => {
  it('applies to the database before it, keeping its invoices (naming nobody); one active cashier per name; never deleted', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);");
    db.exec("INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at) VALUES ('i1', 'A-1', 'c1', '[]', 100, 'INR', 'open', 1)");

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(schemaVersion(db)).toBe(position + 1);
    expect(position + 1).toBe(cashiers.version);
    expect(db.prepare('SELECT id, cashier FROM invoices').all()).toEqual([{ id: 'i1', cashier: null }]);
    db.exec(ADD);
    expect(() => db.exec(ADD.replace("'k1', 'Asha'", "'k2', ' asha'"))).toThrow(/UNIQUE/);
    db.exec("UPDATE cashiers SET removed_at = 5 WHERE id = 'k1'");
    db.exec(ADD.replace("'k1'", "'k2'"));
    expect(() => db.exec('DELETE FROM cashiers')).toThrow(/never deleted/);
  });
});
