// A store database at schema 006 and on (one login role per PC) for vitest, as the store's owner made it:
// store s1 with PCs pc1, pc2 and pc3, store s2 (another store of the chain on the same database)
// with pc9, each PC with its own login role and a client logged in as that role over TCP with its
// password (scram), as the PC would. The owner's client is the database owner's.
import type pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { migrateStore } from '../db/store/migrate';
import { STORE_MIGRATIONS } from '../db/store/migrations';
import { addPcRole, setStorePin, type PcLogin } from '../db/store/roles';
import type { PostgresServer } from './postgres-cluster';
import { storeDatabaseEachTest, type StoreTestDatabase } from './store';
import { connectStoreClient } from './store-ledger';

/** The manager PIN of store s1 (and s2) in the tests. */
export const STORE_PIN = '2468';

export type PcName = 'pc1' | 'pc2' | 'pc3' | 'pc9';
const PCS: readonly { name: PcName; store: string }[] = [
  { name: 'pc1', store: 's1' },
  { name: 'pc2', store: 's1' },
  { name: 'pc3', store: 's1' },
  { name: 'pc9', store: 's2' },
];

export interface TrustedStore {
  readonly db: StoreTestDatabase<PostgresServer>;
  /** The owner's client (the database's owner: no row-level security applies to it). */
  readonly owner: pg.Client;
  /** Each PC's login, as the PC keeps it. */
  login(pc: PcName): PcLogin;
  /** A client logged in as the PC's role (closed after the test). */
  pc(pc: PcName): pg.Client;
  /** The address a PC is given: its own role and password, TCP on 127.0.0.1. */
  pcUrl(login: PcLogin): string;
  /** A new client logged in as `login` (closed after the test). */
  connect(login: PcLogin): Promise<pg.Client>;
}

/**
 * A new database per test at schema 006, with stores s1 (PCs pc1-pc3) and s2 (pc9), PIN STORE_PIN
 * for both, and a connected client per PC. The app's role is the owner (it may create roles).
 */
export function trustedStoreEachTest(): TrustedStore {
  const db = storeDatabaseEachTest();
  const logins = new Map<PcName, PcLogin>();
  const clients = new Map<PcName, pg.Client>();
  const extra: pg.Client[] = [];
  const pcUrl = (login: PcLogin) => db.cluster.url(new URL(db.url).pathname.slice(1), `${login.roleName}:${encodeURIComponent(login.password)}`);
  const connect = async (login: PcLogin) => {
    const client = await connectStoreClient(pcUrl(login));
    extra.push(client);
    return client;
  };
  beforeEach(async () => {
    const owner = db.client;
    await migrateStore(owner, STORE_MIGRATIONS);
    await owner.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0), ('s2', 'Station Road', 0)");
    for (const { name, store } of PCS) {
      await owner.query('INSERT INTO stations (store_id, id, name, joined_at, last_seen) VALUES ($1, $2, $3, 0, 0)', [store, name, `Till ${name}`]);
    }
    await setStorePin(owner, 's1', STORE_PIN);
    await setStorePin(owner, 's2', STORE_PIN);
    for (const { name, store } of PCS) {
      const login = await addPcRole(owner, store, name);
      logins.set(name, login);
      clients.set(name, await connectStoreClient(pcUrl(login)));
    }
  });
  afterEach(async () => {
    for (const client of [...clients.values(), ...extra]) await client.end().catch(() => undefined);
    clients.clear();
    logins.clear();
    extra.length = 0;
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} exists only while a test runs.`);
    return value;
  };
  return {
    db,
    get owner() {
      return db.client;
    },
    login: (pc) => need(logins.get(pc), `The login of ${pc}`),
    pc: (pc) => need(clients.get(pc), `The client of ${pc}`),
    pcUrl,
    connect,
  };
}
