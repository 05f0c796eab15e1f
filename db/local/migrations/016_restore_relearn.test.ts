import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { insertPaidAttemptRows, memoryDatabaseEachTest } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

describe('migration 016: store link: re-learn after a restore', () => {
  it('applies to a version 15 database, keeping its link and data, with nothing to re-learn and nothing queued', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 15));
    db.exec("INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, 's1', 'pc1', 'e1', 1);");
    insertPaidAttemptRows(db);
    const attempts = db.prepare('SELECT * FROM charge_attempts').all();
    const queued = db.prepare('SELECT count(*) AS n FROM store_outbox').get();
    migrate(db, MIGRATIONS.slice(0, 16));
    expect(schemaVersion(db)).toBe(16);
    expect(db.prepare('SELECT * FROM charge_attempts').all()).toEqual(attempts);
    expect(db.prepare('SELECT store_id, restored_at, relearn_since FROM store_link').get()).toEqual({ store_id: 's1', restored_at: null, relearn_since: null });
    expect(db.prepare('SELECT count(*) AS n FROM store_outbox').get()).toEqual(queued);
  });

  it('holds both marks or neither', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 16));
    db.exec("INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, 's1', 'pc1', 'e1', 1);");
    expect(() => db.exec('UPDATE store_link SET restored_at = 5')).toThrow(/CHECK/);
    db.exec('UPDATE store_link SET restored_at = 5, relearn_since = 1');
    expect(db.prepare('SELECT restored_at, relearn_since FROM store_link').get()).toEqual({ restored_at: 5, relearn_since: 1 });
  });
});
