import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest, storeTableNames } from '../../testkit/store';
import { migrateStore, NotACounterStoreError, storeSchemaVersion, StoreSchemaTooNewError } from './migrate';
import { STORE_MIGRATIONS } from './migrations';

const store = storeDatabaseEachTest();

describe('migrateStore', () => {
  it('creates the whole schema in an empty database, and does nothing the second time', async () => {
    expect(await storeSchemaVersion(store.client)).toBe(0);
    expect(await migrateStore(store.client)).toBe(STORE_MIGRATIONS.length);
    expect(await storeSchemaVersion(store.client)).toBe(STORE_MIGRATIONS.length);
    const tables = await storeTableNames(store.client);
    expect(tables).toEqual(expect.arrayContaining(['stores', 'stations', 'counters', 'counter_claims', 'invoices', 'charge_attempts', 'attempt_events']));
    await migrateStore(store.client);
    expect(await storeTableNames(store.client)).toEqual(tables);
  });

  it('refuses a database that holds other tables, changing nothing', async () => {
    await store.client.query('CREATE TABLE customers (id int)');
    await expect(migrateStore(store.client)).rejects.toBeInstanceOf(NotACounterStoreError);
    expect(await storeTableNames(store.client)).toEqual(['customers']);
  });

  it('refuses a store whose schema is newer than this app, changing nothing', async () => {
    await migrateStore(store.client);
    await store.client.query('UPDATE counter_store_schema SET version = $1', [STORE_MIGRATIONS.length + 1]);
    const error = await migrateStore(store.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreSchemaTooNewError);
    expect((error as StoreSchemaTooNewError).message).toMatch(/newer version of Counter/);
    expect(await storeSchemaVersion(store.client)).toBe(STORE_MIGRATIONS.length + 1);
  });

  it('lets two PCs migrate at once: one does the work, the other finds it done', async () => {
    const second = new pg.Client({ connectionString: store.url });
    await second.connect();
    try {
      await Promise.all([migrateStore(store.client), migrateStore(second)]);
    } finally {
      await second.end();
    }
    expect(await storeSchemaVersion(store.client)).toBe(STORE_MIGRATIONS.length);
  });

  it('refuses migrations numbered out of order', async () => {
    const [first, second] = STORE_MIGRATIONS;
    if (!first || !second) throw new Error('need two migrations');
    await expect(migrateStore(store.client, [second, first])).rejects.toThrow(/numbered 2 but is at position 1/);
  });
});
