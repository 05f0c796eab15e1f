// The store's configuration: the store row (its poll interval, Zoho account, and the version every
// change moves on), its counters and its cashiers (cashiers.ts). Every PC caches it (core/store-link/config-sync.ts). A PC reads
// it; it changes through the PIN functions (pin-functions.ts). The owner writes here only when a
// store is made or a PC joins (core/store-link/join.ts). The PIN's hash is never read.
import { EDITIONS, type Edition } from '../../contract/vocabulary';
import type { Counter } from '../../contract/records';
import { DB_NOW_MS } from './clock';
import { readStoreCashiers, type StoreCashier } from './cashiers';
import type { Queryable } from './migrate';

export interface StoreZohoAccount {
  edition: Edition;
  accountId: string;
  clientId: string;
}

export interface StoreConfig {
  configVersion: number;
  pollIntervalSeconds: number | null;
  zoho: StoreZohoAccount | null;
  /** The name and address every PC prints on its receipts; null until a manager sets them. */
  receipt: StoreReceiptDetails | null;
  counters: Counter[];
  /** Every cashier of the store, removed ones too (store migration 013). */
  cashiers: StoreCashier[];
  /** The GSTIN, US rate, round-off and numbering every PC bills with (store migration 021); null until a PC brought them or a manager set them. */
  tax: StoreTaxSettings | null;
}

/** The store's tax settings as kept: a GSTIN ('' for none) and its state in it, the US rate, round-off, numbering. */
export interface StoreTaxSettings {
  gstin: string;
  usSalesTaxBasisPoints: number;
  roundOff: boolean;
  invoiceNumbersRestartEachYear: boolean;
}

export interface StoreReceiptDetails {
  storeName: string;
  storeAddress: string;
}

export interface StoreRow {
  id: string;
  name: string;
  config_version: number;
  poll_interval_seconds: number | null;
  zoho_edition: string | null;
  zoho_account_id: string | null;
  zoho_client_id: string | null;
  receipt_name: string | null;
  receipt_address: string | null;
  tax_gstin: string;
  tax_us_sales_tax_basis_points: number;
  tax_round_off: boolean;
  invoice_numbers_restart_each_year: boolean;
  tax_set_at: number | null;
}

interface CounterRow {
  id: string;
  name: string;
  terminal_id: string;
  invoice_prefix: string;
  active: boolean;
  created_at: number;
}

/** What a PC may read of a store (never its PIN's hash). */
const STORE_COLUMNS = `id, name, config_version, poll_interval_seconds, zoho_edition, zoho_account_id, zoho_client_id, receipt_name, receipt_address,
  tax_gstin, tax_us_sales_tax_basis_points, tax_round_off, invoice_numbers_restart_each_year, tax_set_at`;

/** The store's tax settings, or null when no PC brought them and no manager set them yet. */
export function storeTaxSettings(store: Pick<StoreRow, 'tax_gstin' | 'tax_us_sales_tax_basis_points' | 'tax_round_off' | 'invoice_numbers_restart_each_year' | 'tax_set_at'>): StoreTaxSettings | null {
  if (store.tax_set_at === null) return null;
  return {
    gstin: store.tax_gstin,
    usSalesTaxBasisPoints: store.tax_us_sales_tax_basis_points,
    roundOff: store.tax_round_off,
    invoiceNumbersRestartEachYear: store.invoice_numbers_restart_each_year,
  };
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
  const store = (await client.query<StoreRow>(`SELECT ${STORE_COLUMNS} FROM stores WHERE id = $1`, [storeId])).rows[0];
  if (!store) throw new Error('The store is gone from its database.');
  const counters = await client.query<CounterRow>('SELECT * FROM counters WHERE store_id = $1 ORDER BY created_at, id', [storeId]);
  const cashiers = await readStoreCashiers(client, storeId);
  return {
    configVersion: store.config_version,
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
    cashiers,
    tax: storeTaxSettings(store),
  };
}

/** The store by its name, locked for the join's transaction; null when there is none. */
export async function lockStoreByName(client: Queryable, name: string): Promise<StoreRow | null> {
  return (await client.query<StoreRow>(`SELECT ${STORE_COLUMNS} FROM stores WHERE name = $1 FOR UPDATE`, [name])).rows[0] ?? null;
}

export async function insertStore(
  client: Queryable,
  store: { id: string; name: string; pollIntervalSeconds: number | null; zoho: StoreZohoAccount | null },
): Promise<void> {
  await client.query(
    `INSERT INTO stores (id, name, created_at, poll_interval_seconds, zoho_edition, zoho_account_id, zoho_client_id)
     VALUES ($1, $2, ${DB_NOW_MS}, $3, $4, $5, $6)`,
    [store.id, store.name, store.pollIntervalSeconds, store.zoho?.edition ?? null, store.zoho?.accountId ?? null, store.zoho?.clientId ?? null],
  );
}

/** As the owner: the store takes a joining PC's tax settings, when it has none yet (a new store, or one made before they were the store's). */
export async function adoptTaxSettingsIfUnset(client: Queryable, storeId: string, tax: StoreTaxSettings): Promise<void> {
  await client.query(
    `UPDATE stores SET tax_gstin = $2, tax_us_sales_tax_basis_points = $3, tax_round_off = $4, invoice_numbers_restart_each_year = $5,
            tax_set_at = ${DB_NOW_MS}, config_version = config_version + 1
     WHERE id = $1 AND tax_set_at IS NULL`,
    [storeId, tax.gstin, tax.usSalesTaxBasisPoints, tax.roundOff, tax.invoiceNumbersRestartEachYear],
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

