// The store's database as tests, benchmarks and the demo read it: clients that read bigints as
// numbers, waiting for a condition, and the ledgers of the store and of its PCs in one shape, to
// compare row by row.
import Database from 'better-sqlite3';
import pg from 'pg';
import { storeTypes } from '../db/store/pg';
import { OUTBOX_TABLES } from '../db/local/outbox';

/**
 * A client on the store's database that reads bigints as numbers (storeTypes), as the app does. A
 * test that stops the cluster cuts it: its error is expected and ignored (connect another).
 */
export async function connectStoreClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, types: storeTypes });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Runs `work` with a new client on the store's database, closed after. */
export async function withStoreClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectStoreClient(url);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type LedgerRows = Record<string, Record<string, unknown>[]>;

const byStationAndId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a.station_id).localeCompare(String(b.station_id)) || String(a.id).localeCompare(String(b.id), undefined, { numeric: true });

/** The store's ledger (every replicated table) as rows of the SQLite columns plus the PC that wrote each; `client` reads bigints as numbers (storeTypes). */
export async function storeLedgerRows(client: pg.ClientBase, storeId: string): Promise<LedgerRows> {
  const rows: LedgerRows = {};
  for (const table of OUTBOX_TABLES) {
    const result = await client.query<Record<string, unknown>>(`SELECT station_id, ${table.columns.join(', ')} FROM ${table.table} WHERE store_id = $1`, [storeId]);
    rows[table.table] = result.rows.sort(byStationAndId);
  }
  return rows;
}

/** A PC's own ledger, read from its SQLite file (read-only), in the same shape. */
export function pcLedgerRows(dbFile: string, stationId: string): LedgerRows {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows: LedgerRows = {};
    for (const table of OUTBOX_TABLES) {
      rows[table.table] = (db.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.table}`).all() as Record<string, unknown>[])
        .map((row) => ({ station_id: stationId, ...row }))
        .sort(byStationAndId);
    }
    return rows;
  } finally {
    db.close();
  }
}

/** The union of PCs' ledgers, in the store's order. */
export function unionOfLedgers(...ledgers: LedgerRows[]): LedgerRows {
  const union: LedgerRows = {};
  for (const table of OUTBOX_TABLES) union[table.table] = ledgers.flatMap((ledger) => ledger[table.table] ?? []).sort(byStationAndId);
  return union;
}

/** Polls `check` every 50 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
