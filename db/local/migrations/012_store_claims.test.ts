import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { insertPaidAttemptRows, memoryDatabaseEachTest } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

const claim = (values: string) =>
  memory.db.exec(`INSERT INTO store_claims (store_id, counter_id, station_id, station_name, claimed_at, last_seen, stale) VALUES ${values}`);

describe('migration 012: store claims kept on disk', () => {
  it('applies to an empty database', () => {
    migrate(memory.db, MIGRATIONS.slice(0, 12));
    expect(schemaVersion(memory.db)).toBe(12);
    claim("('s1', 'c1', 'pc1', 'Till 1', 10, 20, 1)");
    expect(memory.db.prepare('SELECT stale FROM store_claims').get()).toEqual({ stale: 1 });
  });

  it('applies to a version 11 database, keeping its data, and queues nothing for the store', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 11));
    db.exec("INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, 's1', 'pc1', 'e1', 1);");
    insertPaidAttemptRows(db);
    const attempts = db.prepare('SELECT * FROM charge_attempts').all();
    const queued = db.prepare('SELECT count(*) AS n FROM store_outbox').get();
    migrate(db, MIGRATIONS.slice(0, 12));
    expect(schemaVersion(db)).toBe(12);
    expect(db.prepare('SELECT * FROM charge_attempts').all()).toEqual(attempts);
    claim("('s1', 'c1', 'pc1', 'Till 1', 10, 20, 0)");
    expect(db.prepare('SELECT count(*) AS n FROM store_outbox').get()).toEqual(queued);
  });

  it('holds one claim per counter of a store, and refuses an empty name or a stale flag other than 0 or 1', () => {
    migrate(memory.db, MIGRATIONS.slice(0, 12));
    claim("('s1', 'c1', 'pc1', 'Till 1', 10, 20, 0)");
    claim("('s2', 'c1', 'pc1', 'Till 1', 10, 20, 0)");
    expect(() => claim("('s1', 'c1', 'pc2', 'Till 2', 10, 20, 0)")).toThrow(/UNIQUE/);
    expect(() => claim("('s1', 'c2', '', 'Till 2', 10, 20, 0)")).toThrow(/CHECK/);
    expect(() => claim("('s1', 'c2', 'pc2', 'Till 2', 10, 20, 2)")).toThrow(/CHECK/);
  });
});
