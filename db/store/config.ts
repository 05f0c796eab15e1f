// The store's configuration: the store row (its PIN hash, poll interval, Zoho account, and the
// version every change moves on) and its counters. Every PC caches it (core/store-link/config-sync.ts).
import { EDITIONS, type Edition } from '../../contract/vocabulary';
import type { Counter } from '../../contract/records';
import { DB_NOW_MS } from './clock';
import type { Queryable } from './migrate';

export interface StoreZohoAccount {
  edition: Edition;
  accountId: string;
  clientId: string;
}

export interface StoreConfig {
  configVersion: number;
  pinHash: string | null;
  pollIntervalSeconds: number | null;
  zoho: StoreZohoAccount | null;
  /** The name and address every PC prints on its receipts; null until a manager sets them. */
  receipt: StoreReceiptDetails | null;
  counters: Counter[];
}

export interface StoreReceiptDetails {
  storeName: string;
  storeAddress: string;
}

export interface StoreRow {
  id: string;
  name: string;
  config_version: number;
  pin_hash: string | null;
  poll_interval_seconds: number | null;
  zoho_edition: string | null;
  zoho_account_id: string | null;
  zoho_client_id: string | null;
  receipt_name: string | null;
  receipt_address: string | null;
}

interface CounterRow {
  id: string;
  name: string;
  terminal_id: string;
  invoice_prefix: string;
  active: boolean;
  created_at: number;
}

/** The store's Zoho account, when all of it is set. */
export function storeZohoAccount(store: Pick<StoreRow, 'zoho_edition' | 'zoho_account_id' | 'zoho_client_id'>): StoreZohoAccount | null {
  const edition = EDITIONS.find((e) => e === store.zoho_edition);
  return edition && store.zoho_account_id && store.zoho_client_id ? { edition, accountId: store.zoho_account_id, clientId: store.zoho_client_id } : null;
}

export async function storeConfigVersion(client: Queryable, storeId: string): Promise<number> {
  const result = await client.query<{ config_version: number }>('SELECT config_version FROM stores WHERE id = $1', [storeId]);
  const row = result.rows[0];
  if (!row) throw new Error('The store is gone from its database.');
  return row.config_version;
}

export async function readStoreConfig(client: Queryable, storeId: string): Promise<StoreConfig> {
  const store = (await client.query<StoreRow>('SELECT * FROM stores WHERE id = $1', [storeId])).rows[0];
  if (!store) throw new Error('The store is gone from its database.');
  const counters = await client.query<CounterRow>('SELECT * FROM counters WHERE store_id = $1 ORDER BY created_at, id', [storeId]);
  return {
    configVersion: store.config_version,
    pinHash: store.pin_hash,
    pollIntervalSeconds: store.poll_interval_seconds,
    zoho: storeZohoAccount(store),
    receipt: store.receipt_name === null && store.receipt_address === null ? null : { storeName: store.receipt_name ?? '', storeAddress: store.receipt_address ?? '' },
    counters: counters.rows.map((row) => ({
      id: row.id,
      name: row.name,
      terminalId: row.terminal_id,
      invoicePrefix: row.invoice_prefix,
      active: row.active,
      createdAt: row.created_at,
    })),
  };
}

/** The store by its name, locked for the join's transaction; null when there is none. */
export async function lockStoreByName(client: Queryable, name: string): Promise<StoreRow | null> {
  return (await client.query<StoreRow>('SELECT * FROM stores WHERE name = $1 FOR UPDATE', [name])).rows[0] ?? null;
}

export async function insertStore(
  client: Queryable,
  store: { id: string; name: string; pinHash: string | null; pollIntervalSeconds: number | null; zoho: StoreZohoAccount | null },
): Promise<void> {
  await client.query(
    `INSERT INTO stores (id, name, created_at, pin_hash, poll_interval_seconds, zoho_edition, zoho_account_id, zoho_client_id)
     VALUES ($1, $2, ${DB_NOW_MS}, $3, $4, $5, $6, $7)`,
    [store.id, store.name, store.pinHash, store.pollIntervalSeconds, store.zoho?.edition ?? null, store.zoho?.accountId ?? null, store.zoho?.clientId ?? null],
  );
}

/** Moves the store's configuration on: every PC re-reads it at its next heartbeat. */
export async function bumpConfigVersion(client: Queryable, storeId: string): Promise<void> {
  await client.query('UPDATE stores SET config_version = config_version + 1 WHERE id = $1', [storeId]);
}

/** Adds counters to the store (as given) and moves its configuration on; nothing if one is there. */
export async function addStoreCounters(client: Queryable, storeId: string, counters: readonly Counter[]): Promise<void> {
  if (counters.length === 0) return;
  await client.query(
    `INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, active, created_at)
     SELECT $1, c.id, c.name, c."terminalId", c."invoicePrefix", c.active, c."createdAt"
     FROM jsonb_to_recordset($2::jsonb) AS c (id text, name text, "terminalId" text, "invoicePrefix" text, active boolean, "createdAt" bigint)
     ON CONFLICT (store_id, id) DO NOTHING`,
    [storeId, JSON.stringify(counters)],
  );
  await bumpConfigVersion(client, storeId);
}

export async function insertCounter(client: Queryable, storeId: string, counter: Counter): Promise<void> {
  await client.query('INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, active, created_at) VALUES ($1, $2, $3, $4, $5, true, $6)', [
    storeId,
    counter.id,
    counter.name,
    counter.terminalId,
    counter.invoicePrefix,
    counter.createdAt,
  ]);
}

export async function updateCounter(client: Queryable, storeId: string, counter: Pick<Counter, 'id' | 'name' | 'terminalId' | 'invoicePrefix'>): Promise<void> {
  await client.query('UPDATE counters SET name = $3, terminal_id = $4, invoice_prefix = $5 WHERE store_id = $1 AND id = $2', [
    storeId,
    counter.id,
    counter.name,
    counter.terminalId,
    counter.invoicePrefix,
  ]);
}

export async function deactivateCounter(client: Queryable, storeId: string, counterId: string): Promise<void> {
  await client.query('UPDATE counters SET active = false WHERE store_id = $1 AND id = $2', [storeId, counterId]);
}

export async function setPinHash(client: Queryable, storeId: string, hash: string): Promise<void> {
  await client.query('UPDATE stores SET pin_hash = $2 WHERE id = $1', [storeId, hash]);
}

export async function setPollInterval(client: Queryable, storeId: string, seconds: number): Promise<void> {
  await client.query('UPDATE stores SET poll_interval_seconds = $2 WHERE id = $1', [storeId, seconds]);
}

export async function setZohoAccount(client: Queryable, storeId: string, zoho: StoreZohoAccount): Promise<void> {
  await client.query('UPDATE stores SET zoho_edition = $2, zoho_account_id = $3, zoho_client_id = $4 WHERE id = $1', [storeId, zoho.edition, zoho.accountId, zoho.clientId]);
}

/** The name and address on every PC's receipts; a field not given stays as it is. */
export async function setReceiptDetails(client: Queryable, storeId: string, details: Partial<StoreReceiptDetails>): Promise<void> {
  await client.query('UPDATE stores SET receipt_name = coalesce($2, receipt_name, \'\'), receipt_address = coalesce($3, receipt_address, \'\') WHERE id = $1', [
    storeId,
    details.storeName ?? null,
    details.storeAddress ?? null,
  ]);
}
