// The connection to the store's PostgreSQL: a small pool whose bigint columns read as numbers (unix
// ms and minor units, both far below 2^53), short timeouts so a dead link is noticed quickly, and
// the driver's errors in a manager's words. The driver loads when a store is first reached: a PC on
// its own never pays for it at start.
import { createRequire } from 'node:module';
import type pg from 'pg';
import { describeTlsFailure, StoreAddressError, storeConnection } from './address';

let loadedDriver: typeof pg | null = null;

function driver(): typeof pg {
  loadedDriver ??= createRequire(import.meta.url)('pg') as typeof pg;
  return loadedDriver;
}

export interface StorePoolOptions {
  /** How long to wait for a connection before calling the link down. */
  connectTimeoutMs?: number;
  /** The longest a single statement may run. */
  statementTimeoutMs?: number;
  max?: number;
  /** The CA file that signed the store's server certificate (the Store screen's, or --store-ca). */
  caFile?: string | null;
}

const INT8_OID = 20;

/** bigint (int8) columns as numbers: unix ms and minor units, both far below 2^53. */
export const storeTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID ? (value: string) => Number(value) : (driver().types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Where a dropped connection is reported (the app's Logger). */
export interface PoolLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A pool on the store at `url`, read by storeConnection (TLS verified for another computer, never
 * turned off for one): throws StoreAddressError for an address it refuses.
 */
export function openStorePool(url: string, log: PoolLog, options: StorePoolOptions = {}): pg.Pool {
  const pool = new (driver().Pool)({
    ...storeConnection(url, { caFile: options.caFile ?? null }),
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    query_timeout: (options.statementTimeoutMs ?? 15_000) + 2_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'counter',
    types: storeTypes,
  });
  // An idle connection the server dropped (a restart, an outage) must not crash the app.
  pool.on('error', (error) => log.warn('store connection dropped', { error: error.message }));
  return pool;
}

/** A client of its own (not from a pool), as LISTEN needs; the caller connects and ends it. */
export function storeClient(url: string, options: StorePoolOptions = {}): pg.Client {
  return new (driver().Client)({ ...storeConnection(url, { caFile: options.caFile ?? null }), connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000, keepAlive: true, application_name: 'counter', types: storeTypes });
}

/** Runs `work` in a transaction on one pooled connection; rolls back on any failure. */
export async function inStoreTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  // The connection lost between two of the transaction's queries (the store cut off while this PC
  // works on its own side) fails the next query; unheard, pg would throw it on its own, uncaught.
  let lost: Error | undefined;
  const onLost = (error: Error) => {
    lost = error;
  };
  client.on('error', onLost);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onLost);
    client.release(lost);
  }
}

/**
 * Runs the reads of `work` on one snapshot of the store: a list and the totals beside it agree,
 * however many PCs write between the two reads.
 */
export function inStoreSnapshot<T>(pool: pg.Pool, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  return inStoreTransaction(pool, (client) => work(oneQueryAtATime(client)), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

/**
 * `client` taking its queries in turn: reads written for a pool (Promise.all) share one connection
 * without relying on pg's own queue, which pg 9 removes.
 */
function oneQueryAtATime(client: pg.ClientBase): pg.ClientBase {
  let turn: Promise<unknown> = Promise.resolve();
  const query = (...args: unknown[]) => {
    const run = turn.then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
    turn = run.catch(() => undefined);
    return run;
  };
  return Object.assign(Object.create(client) as pg.ClientBase, { query });
}

/** PostgreSQL's error code, when the server answered with one. */
export function pgCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

/** Whether the store did not answer (rather than refusing): its PostgreSQL is down, cut off or turned this PC's login away. */
export function isStoreUnreachable(error: unknown): boolean {
  return describeLinkFailure(error, '') !== null;
}

/** Why the store could not be reached or entered, in a manager's words; null for other errors. */
export function describeLinkFailure(error: unknown, url: string): string | null {
  if (error instanceof StoreAddressError) return error.message;
  const code = pgCode(error);
  let server: string | null = null;
  try {
    const parsed = new URL(url);
    server = `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
  } catch {
    // keep the general words
  }
  const where = server ? `the store’s database at ${server}` : 'the store’s database';
  const tls = describeTlsFailure(error, server ?? 'its address');
  if (tls) return tls;
  switch (code) {
    case '28P01':
    case '28000':
      return `${where} refused the user name or password in the address.`;
    case '3D000':
      return `${where} has no database by the name in the address.`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
    case '57P01': // admin shutdown
    case '57P03': // cannot connect now (starting up or shutting down)
      return `Cannot reach ${where}. Check the address and that the database server is running.`;
    default:
      if (error instanceof Error && /timeout|terminated|Connection terminated/i.test(error.message)) {
        return `Cannot reach ${where}. Check the address and that the database server is running.`;
      }
      return null;
  }
}
