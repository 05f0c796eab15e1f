// Store test support for vitest: a new database for each test (empty, or a copy of one the file
// filled once), with a client on it, in the run's shared PostgreSQL cluster (testkit/vitest-setup.ts)
// or in a cluster of the file's own for a suite that stops the server. The rest (clients, ledgers)
// is in store-ledger.ts.
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { PostgresCluster, PostgresServer } from './postgres-cluster';
import { connectStoreClient } from './store-ledger';

export interface StoreTestDatabase<Cluster extends PostgresServer> {
  readonly cluster: Cluster;
  /** The running test's database: its URL (the app's role and password) and a client on it. */
  readonly url: string;
  readonly client: pg.Client;
  /**
   * Data that takes seconds to make, made once for the file: `fill` runs before the first test on
   * a database of its own (url and client are on it meanwhile), and every test's database starts
   * as a copy of it instead of empty.
   */
  fromTemplate(fill: () => Promise<void>): void;
}

/** The cluster vitest's globalSetup started for the run, shared by every store suite. */
export function sharedPostgres(): PostgresServer {
  const { dir, port } = inject('postgres');
  return new PostgresServer(dir, port);
}

/**
 * A new empty database per test, with a connected client closed after the test: in the run's
 * shared cluster, or with `ownCluster` in one started before the file's first test and removed
 * after its last (a suite that stops PostgreSQL must not stop it under the others).
 */
export function storeDatabaseEachTest(): StoreTestDatabase<PostgresServer>;
export function storeDatabaseEachTest(options: { ownCluster: true }): StoreTestDatabase<PostgresCluster>;
export function storeDatabaseEachTest(options: { ownCluster?: true } = {}): StoreTestDatabase<PostgresServer> {
  let cluster: PostgresServer | null = null;
  let current: { url: string; client: pg.Client } | null = null;
  let template: string | null = null;
  if (options.ownCluster) {
    let own: PostgresCluster | null = null;
    beforeAll(async () => {
      cluster = own = await PostgresCluster.start();
    }, 60_000);
    afterAll(async () => {
      await own?.destroy();
      cluster = own = null;
    }, 60_000);
  } else {
    beforeAll(() => {
      cluster = sharedPostgres();
    });
  }
  const open = async (copyOf: string | null) => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase(undefined, copyOf);
    current = { url, client: await connectStoreClient(url) };
  };
  const close = async () => {
    await current?.client.end().catch(() => undefined);
    current = null;
  };
  beforeEach(() => open(template));
  afterEach(close);
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
    fromTemplate(fill) {
      beforeAll(async () => {
        await open(null);
        try {
          await fill();
          template = new URL(need(current).url).pathname.slice(1);
        } finally {
          await close();
        }
      }, 120_000);
    },
  };
}

/** The names of the tables of the database's public schema, sorted. */
export async function storeTableNames(client: pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  return result.rows.map((row) => row.name);
}
