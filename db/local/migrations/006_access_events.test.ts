import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

describe('migration 006: access events', () => {
  it('applies to a version 5 database, keeping its data, with an empty append-only trail', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 5));
    db.exec("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);");

    migrate(db, MIGRATIONS.slice(0, 6));

    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT id FROM counters').all()).toEqual([{ id: 'c1' }]);
    expect(db.prepare('SELECT count(*) AS n FROM access_events').get()).toEqual({ n: 0 });
    db.exec("INSERT INTO access_events (at, kind, actor, detail) VALUES (1, 'pin_set', 'manager', 'First PIN')");
    expect(() => db.exec('DELETE FROM access_events')).toThrow(/append-only/);
  });
});
