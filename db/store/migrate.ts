// The store's PostgreSQL schema: numbered migrations, the version in counter_store_schema. A newer
// app brings an older store up to date; an older app never touches a newer store; a database that
// holds other things is never taken over.
import type pg from 'pg';
import { STORE_MIGRATIONS, type StoreMigration } from './migrations';

/** The store was set up by a newer Counter: this one must not read or write it. */
export class StoreSchemaTooNewError extends Error {
  override readonly name = 'StoreSchemaTooNewError';
  constructor(
    readonly storeVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `This store was set up by a newer version of Counter (store schema ${storeVersion}; this version understands up to ${supportedVersion}). Update Counter on this PC.`,
    );
  }
}

/** The database holds tables of its own and no Counter store. */
export class NotACounterStoreError extends Error {
  override readonly name = 'NotACounterStoreError';
  constructor(readonly tables: number) {
    super('This database holds other data and is not a Counter store. Give an empty database, or the database of an existing store.');
  }
}

/** Every store process takes this lock while it migrates, so two PCs joining at once migrate once. */
const MIGRATION_LOCK = 7_310_013;

export type Queryable = Pick<pg.ClientBase, 'query'>;

/** The schema version of the database (0: no Counter store in it). */
export async function storeSchemaVersion(client: Queryable): Promise<number> {
  const marker = await client.query<{ found: string | null }>("SELECT to_regclass('counter_store_schema')::text AS found");
  if (!marker.rows[0]?.found) return 0;
  const row = await client.query<{ version: number }>('SELECT version FROM counter_store_schema');
  return row.rows[0]?.version ?? 0;
}

/**
 * Brings the store's schema up to date in one transaction (a failure leaves it as it was). Throws
 * StoreSchemaTooNewError and NotACounterStoreError before changing anything. `client` must not be
 * inside a transaction. `migrations` is for tests that stop at an older version.
 */
export async function migrateStore(client: Queryable, migrations: readonly StoreMigration[] = STORE_MIGRATIONS): Promise<number> {
  assertNumberedInOrder(migrations);
  const latest = migrations.length;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const current = await storeSchemaVersion(client);
    if (current > latest) throw new StoreSchemaTooNewError(current, latest);
    if (current === 0) {
      const tables = await client.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
      );
      const count = tables.rows[0]?.count ?? 0;
      if (count > 0) throw new NotACounterStoreError(count);
    }
    for (const migration of migrations.slice(current)) await client.query(migration.sql);
    if (current !== latest) {
      await client.query(
        'INSERT INTO counter_store_schema (singleton, version) VALUES (true, $1) ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version',
        [latest],
      );
    }
    await client.query('COMMIT');
    return latest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function assertNumberedInOrder(migrations: readonly StoreMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Store migration "${migration.name}" is numbered ${migration.version} but is at position ${index + 1}.`);
    }
  });
}
