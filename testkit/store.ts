// Store test support for vitest: one throwaway PostgreSQL cluster per test file, and a new empty
// database for each test with a client on it. The rest (clients, ledgers) is in store-ledger.ts.
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { PostgresCluster } from './postgres-cluster';
import { connectStoreClient } from './store-ledger';

export interface StoreTestDatabase {
  readonly cluster: PostgresCluster;
  /** The running test's database: its URL (the app's role and password) and a client on it. */
  readonly url: string;
  readonly client: pg.Client;
}

/**
 * One cluster for the test file (started before its first test, removed after its last) and a
 * new empty database per test, with a connected client closed after the test.
 */
export function storeDatabaseEachTest(): StoreTestDatabase {
  let cluster: PostgresCluster | null = null;
  let current: { url: string; client: pg.Client } | null = null;
  beforeAll(async () => {
    cluster = await PostgresCluster.start();
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
    cluster = null;
  }, 60_000);
  beforeEach(async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase();
    const client = await connectStoreClient(url);
    current = { url, client };
  });
  afterEach(async () => {
    await current?.client.end().catch(() => undefined);
    current = null;
  });
  const need = <T>(value: T | null): T => {
    if (value === null) throw new Error('The store database exists only while a test runs.');
    return value;
  };
  return {
    get cluster() {
      return need(cluster);
    },
    get url() {
      return need(current).url;
    },
    get client() {
      return need(current).client;
    },
  };
}

/** The names of the tables of the database's public schema, sorted. */
export async function storeTableNames(client: pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  return result.rows.map((row) => row.name);
}
