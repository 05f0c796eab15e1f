// The store's configuration in this PC's caches: counters and preferences in the live database,
// the manager PIN's hash in its file, the Zoho account's details in the link file. A PC works from
// these while its link is down; a change to them is made in the store first (config-writes.ts).
import { EDITIONS } from '../../contract/vocabulary';
import type { Counter } from '../../contract/records';
import { listCounters, saveStoreCounter } from '../../db/local/counters';
import type { Db } from '../../db/local/database';
import { ConflictError, InvalidStateError } from '../../db/local/errors';
import { savePollInterval } from '../handlers/settings';
import type { Logger } from '../logger';
import type { ManagerAccess } from '../manager/access';
import type { StoreZohoAccount } from './link-file';
import type { Queryable } from '../../db/store/migrate';

export interface StoreConfig {
  configVersion: number;
  pinHash: string | null;
  pollIntervalSeconds: number | null;
  zoho: StoreZohoAccount | null;
  counters: Counter[];
}

interface StoreRow {
  config_version: number;
  pin_hash: string | null;
  poll_interval_seconds: number | null;
  zoho_edition: string | null;
  zoho_account_id: string | null;
  zoho_client_id: string | null;
}

interface CounterRow {
  id: string;
  name: string;
  terminal_id: string;
  invoice_prefix: string;
  active: boolean;
  created_at: number;
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
  const edition = EDITIONS.find((e) => e === store.zoho_edition);
  return {
    configVersion: store.config_version,
    pinHash: store.pin_hash,
    pollIntervalSeconds: store.poll_interval_seconds,
    zoho: edition && store.zoho_account_id && store.zoho_client_id ? { edition: edition, accountId: store.zoho_account_id, clientId: store.zoho_client_id } : null,
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
  await client.query('UPDATE stores SET config_version = config_version + 1 WHERE id = $1', [storeId]);
}

export interface CacheTarget {
  /** The live mode's database, when the app is live (demo counters are not the store's). */
  db: Db | null;
  /** Takes the store's PIN as this PC's. */
  pin: Pick<ManagerAccess, 'adoptHash'>;
  log: Logger;
}

/**
 * Brings this PC's caches to the store's configuration. A counter that cannot change yet (its
 * terminal, while a payment runs on it) keeps its old state: `complete` is then false and the
 * caller tries again at its next heartbeat.
 */
export async function applyStoreConfig(config: StoreConfig, target: CacheTarget): Promise<{ complete: boolean }> {
  if (config.pinHash !== null) await target.pin.adoptHash(config.pinHash);
  const { db } = target;
  if (!db) return { complete: true };
  if (config.pollIntervalSeconds !== null) savePollInterval(db, config.pollIntervalSeconds);
  // Deactivations first, so a terminal or prefix moved to another counter is free when it arrives.
  let pending = [...config.counters].sort((a, b) => Number(a.active) - Number(b.active));
  for (let round = 0; round < 3 && pending.length > 0; round += 1) {
    const failed: Counter[] = [];
    for (const counter of pending) {
      try {
        saveStoreCounter(db, counter);
      } catch (error) {
        if (!(error instanceof InvalidStateError || error instanceof ConflictError)) throw error;
        failed.push(counter);
      }
    }
    if (failed.length === pending.length) break;
    pending = failed;
  }
  if (pending.length > 0) target.log.info('store counters wait for payments to finish', { counters: pending.map((c) => c.id) });
  return { complete: pending.length === 0 };
}

/** Counters this PC has that the store has not (made before it joined): they go to the store as history. */
export function countersOnlyHere(db: Db, config: StoreConfig): Counter[] {
  const known = new Set(config.counters.map((counter) => counter.id));
  return listCounters(db, { includeInactive: true }).filter((counter) => !known.has(counter.id));
}
