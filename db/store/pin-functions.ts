// A PC's configuration writes: each through its SECURITY DEFINER function of store migration 006,
// which checks the manager PIN itself (with the store's lockout) and moves the configuration version
// on. A PC's role has no other way to change the store's counters, preferences, Zoho details, PIN,
// another PC's claim or the day's close.
import type { CatalogueItem } from '../../contract/catalogue/records';
import type { Counter } from '../../contract/records';
import type { StoreReceiptDetails, StoreTaxSettings, StoreZohoAccount } from './config';
import type { Queryable } from './migrate';

/** PostgreSQL error codes the PIN functions raise. */
export const PIN_FUNCTION_CODES = {
  wrongPin: 'CN001',
  locked: 'CN002',
  noPinInStore: 'CN003',
  paymentOnCounter: 'CN004',
} as const;

export async function verifyStorePin(client: Queryable, pin: string): Promise<void> {
  await client.query('SELECT verify_manager_pin($1)', [pin]);
}

export async function changeStorePin(client: Queryable, pin: string, newPin: string): Promise<void> {
  await client.query('SELECT change_pin($1, $2)', [pin, newPin]);
}

/** Makes or changes a counter of the session's store (deactivating it releases its claim). */
export async function saveCounterWithPin(client: Queryable, pin: string, counter: Counter): Promise<void> {
  await client.query('SELECT set_counter($1, $2, $3, $4, $5, $6, $7)', [
    pin,
    counter.id,
    counter.name,
    counter.terminalId,
    counter.invoicePrefix,
    counter.active,
    counter.createdAt,
  ]);
}

export async function setPreferencesWithPin(client: Queryable, pin: string, pollIntervalSeconds: number): Promise<void> {
  await client.query('SELECT set_preferences($1, $2)', [pin, pollIntervalSeconds]);
}

export async function setZohoDetailsWithPin(client: Queryable, pin: string, zoho: StoreZohoAccount): Promise<void> {
  await client.query('SELECT set_zoho_details($1, $2, $3, $4)', [pin, zoho.edition, zoho.accountId, zoho.clientId]);
}

/** A manager frees a counter held by any PC of the session's store. */
export async function releaseClaimWithPin(client: Queryable, pin: string, counterId: string): Promise<void> {
  await client.query('SELECT release_claim($1, $2)', [pin, counterId]);
}

export interface StoreDayClose {
  id: string;
  day: string;
  fromMs: number;
  toMs: number;
  closedBy: string;
  awaitingReview: number;
  summary: string;
  createdAt: number;
}

/** The day closed by this PC, in its own name; sent again, it changes nothing. */
export async function closeDayWithPin(client: Queryable, pin: string, close: StoreDayClose): Promise<void> {
  await client.query('SELECT close_day($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    pin,
    close.id,
    close.day,
    close.fromMs,
    close.toMs,
    close.closedBy,
    close.awaitingReview,
    close.summary,
    close.createdAt,
  ]);
}

/** The name and address on every PC's receipts (store migration 010); a field not given stays as it is. */
export async function setReceiptDetailsWithPin(client: Queryable, pin: string, details: Partial<StoreReceiptDetails>): Promise<void> {
  await client.query('SELECT set_receipt_details($1, $2, $3)', [pin, details.storeName ?? null, details.storeAddress ?? null]);
}

/** The tax settings every PC bills with (store migration 021), all four. */
export async function setTaxSettingsWithPin(client: Queryable, pin: string, tax: StoreTaxSettings): Promise<void> {
  await client.query('SELECT set_tax_settings($1, $2, $3, $4, $5)', [pin, tax.gstin, tax.usSalesTaxBasisPoints, tax.roundOff, tax.invoiceNumbersRestartEachYear]);
}

/** Items made or changed in the session's store's catalogue, under one new revision (store migration 016). */
export async function setCatalogueItemsWithPin(client: Queryable, pin: string, items: readonly CatalogueItem[]): Promise<void> {
  await client.query('SELECT set_catalogue_items($1, $2)', [pin, JSON.stringify(items)]);
}
