import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { expectAppliesKeepingInvoices, memoryDatabaseEachTest } from '../../../testkit/db';
import { storeLease } from './025_store_lease';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(storeLease);

describe('migration 025: store lease kept on disk', () => {
  it('applies to the database before it, keeping its data, and queues nothing for the store', () => {
    migrate(memory.db, MIGRATIONS.slice(0, position));
    const queued = memory.db.prepare('SELECT count(*) AS n FROM store_outbox').get();
    expectAppliesKeepingInvoices(memory.db, storeLease);
    memory.db.exec("INSERT INTO store_lease (store_id, renewed_at) VALUES ('s1', 10)");
    expect(memory.db.prepare('SELECT count(*) AS n FROM store_outbox').get()).toEqual(queued);
  });

  it('holds one lease a store, and refuses an empty store', () => {
    migrate(memory.db, MIGRATIONS.slice(0, position + 1));
    memory.db.exec("INSERT INTO store_lease (store_id, renewed_at) VALUES ('s1', 10)");
    expect(() => memory.db.exec("INSERT INTO store_lease (store_id, renewed_at) VALUES ('s1', 20)")).toThrow(/UNIQUE/);
    expect(() => memory.db.exec("INSERT INTO store_lease (store_id, renewed_at) VALUES ('', 20)")).toThrow(/CHECK/);
  });
});
