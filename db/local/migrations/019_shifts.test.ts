import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { shifts } from './019_shifts';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(shifts);
const OPEN = "INSERT INTO shifts (id, counter_id, opened_by, float_minor, opened_at) VALUES ('s1', 'c1', 'Asha', 200000, 10)";
const MOVE = "INSERT INTO cash_movements (id, shift_id, kind, amount_minor, reason, by_name, created_at) VALUES ('m1', 's1', 'out', 50000, 'To the bank', 'Asha', 20)";

describe('migration 019: shifts and cash movements', () => {
  it('applies to the database before it, keeping its data; one open shift per counter; a closed shift and its movements never change', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);");

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(schemaVersion(db)).toBe(position + 1);
    expect(position + 1).toBe(shifts.version);
    db.exec(OPEN);
    expect(() => db.exec(OPEN.replace("'s1'", "'s2'"))).toThrow(/UNIQUE/);
    db.exec(MOVE);
    expect(() => db.exec('UPDATE cash_movements SET amount_minor = 1')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE shifts SET float_minor = 0 WHERE id = 's1'")).toThrow(/only ever closed/);
    expect(() => db.exec("UPDATE shifts SET closed_by = 'Asha', closed_at = 30 WHERE id = 's1'")).toThrow(/CHECK/);
    db.exec("UPDATE shifts SET closed_by = 'Asha', counted_minor = 145000, expected_minor = 150000, closed_at = 30 WHERE id = 's1'");
    expect(() => db.exec("UPDATE shifts SET counted_minor = 150000 WHERE id = 's1'")).toThrow(/only ever closed/);
    expect(() => db.exec(MOVE.replace("'m1'", "'m2'"))).toThrow(/the shift is closed/);
    expect(() => db.exec('DELETE FROM shifts')).toThrow(/never deleted/);
    db.exec(OPEN.replace("'s1'", "'s2'"));
  });
});
