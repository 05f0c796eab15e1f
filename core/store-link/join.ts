// Joining a PC to a store, with the store owner's address (typed by the manager, used once, never
// written to disk): reach the database, bring (or create) the store's schema, find the store by name
// or create it (its manager PIN set in the database), check the manager PIN, register this PC, and
// make this PC a login role of its own with a generated password. The PC keeps only that role's
// address and connects as it from then on. Every refusal comes before anything on this PC changes;
// the caller writes the link only once this has succeeded.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CatalogueItem } from '../../contract/catalogue/records';
import type { Counter } from '../../contract/records';
import type { CashierRecord } from '../../db/local/cashiers';
import { addStoreCashiers } from '../../db/store/cashiers';
import { HandlerFailure } from '../failure';
import type { Logger } from '../logger';
import { verifyPin } from '../manager/pin-hash';
import type { StoredStoreLink, StoreZohoAccount } from './link-file';
import { addStoreCounters, adoptTaxSettingsIfUnset, bumpConfigVersion, insertStore, lockStoreByName, storeZohoAccount, type StoreRow, type StoreTaxSettings } from '../../db/store/config';
import { addJoiningItems } from '../../db/store/catalogue';
import { countRunningStations, registerStation } from '../../db/store/stations';
import { pcAddress, StoreAddressError } from '../../db/store/address';
import { PIN_FUNCTION_CODES } from '../../db/store/pin-functions';
import { currentStation, legacyPinHash, storeHasPin, tryStorePin, writeStorePin } from '../../db/store/roles';
import { newPcLogin } from './own-login';
import { describeLinkFailure, inStoreTransaction, openStorePool, pgCode } from '../../db/store/pg';
import { migrateStore, NotACounterStoreError, StoreSchemaTooNewError } from '../../db/store/migrate';

export interface JoinRequest {
  /** The store owner's address: it may create roles. */
  url: string;
  storeName: string;
  stationName: string;
  /**
   * The store's manager PIN (this PC's for a new store, which the store's database then keeps); null
   * when the owner's credentials alone are trusted (the command line): a store made so has no PIN in
   * its database until its owner upgrades it.
   */
  pin: string | null;
}

/** What this PC brings: its identity so far, its PIN, its Zoho account and (live) its counters and preferences. */
export interface JoiningPc {
  stationId: string | null;
  pinHash: string | null;
  zoho: StoreZohoAccount | null;
  counters: Counter[];
  /** Its cashiers (PIN hashes only): the store takes those whose names it has not got. */
  cashiers: CashierRecord[];
  pollIntervalSeconds: number | null;
  /**
   * Its tax settings (live): a new store's, or those of a store that has none yet (made before they
   * were the store's). A store that has its own keeps them: this PC's copy then takes the store's.
   */
  tax: StoreTaxSettings | null;
  /** Its catalogue (live): a new store's catalogue; a store that exists takes the items it lacks. */
  items: CatalogueItem[];
  /** Called for a wrong PIN, so guessing is slowed like at the unlock. */
  onWrongPin: () => Promise<void>;
}

/**
 * Joins (or creates) the store as its owner, then opens this PC's own pool; returns the link to
 * remember (this PC's own address) and that pool. Nothing is kept when it fails; the owner's pool is
 * closed either way.
 */
export async function joinStore(request: JoinRequest, pc: JoiningPc, log: Logger): Promise<{ link: StoredStoreLink; pool: pg.Pool; created: boolean }> {
  const owner = openPool(request.url, log);
  let joined: { link: StoredStoreLink; created: boolean };
  try {
    await prepareSchema(owner, request.url);
    const stationId = pc.stationId ?? randomUUID();
    const { store, created, knownStations } = await enterStore(owner, request, pc, stationId).catch((error: unknown) => {
      // Two PCs creating the same store at once: the second finds it made by the first.
      if (pgCode(error) === '23505') return enterStore(owner, request, pc, stationId);
      throw error;
    });
    const login = await newPcLogin(owner, store.id, stationId);
    const url = pcAddress(request.url, login);
    joined = { link: { url, storeId: store.id, storeName: store.name, stationId, stationName: request.stationName, zoho: storeZohoAccount(store), knownStations }, created };
  } finally {
    await owner.end().catch(() => undefined);
  }
  // This PC logs in as its own role from here on: that login must work now, not at the first heartbeat.
  const pool = openPool(joined.link.url, log);
  try {
    const self = await currentStation(pool);
    if (self !== joined.link.stationId) throw new Error(`the role is PC ${self ?? 'none'}, not ${joined.link.stationId}`);
  } catch (error) {
    await pool.end().catch(() => undefined);
    log.warn('this PC could not log in as its own role', { error: error instanceof Error ? error.message : String(error) });
    throw new HandlerFailure('invalid_input', describeLinkFailure(error, joined.link.url) ?? 'This PC’s own login to the store’s database did not work.', 'url');
  }
  return { ...joined, pool };
}

function openPool(url: string, log: Logger): pg.Pool {
  try {
    return openStorePool(url, log);
  } catch (error) {
    if (error instanceof StoreAddressError) throw new HandlerFailure('invalid_input', error.message, error.field);
    throw error;
  }
}

async function prepareSchema(pool: pg.Pool, url: string): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new HandlerFailure('invalid_input', describeLinkFailure(error, url) ?? 'The store’s database could not be opened with this address.', 'url');
  }
  try {
    await migrateStore(client);
  } catch (error) {
    if (error instanceof NotACounterStoreError || error instanceof StoreSchemaTooNewError) throw new HandlerFailure('invalid_input', error.message, 'url');
    if (pgCode(error) === '42501') {
      throw new HandlerFailure('invalid_input', 'The user in the address must own that database and may create roles (CREATEROLE), to make each PC a role of its own. Give it a database it owns, with CREATEROLE.', 'url');
    }
    throw error;
  } finally {
    client.release();
  }
}

async function enterStore(pool: pg.Pool, request: JoinRequest, pc: JoiningPc, stationId: string) {
  return inStoreTransaction(pool, async (client) => {
    let store: Pick<StoreRow, 'id' | 'name' | 'zoho_edition' | 'zoho_account_id' | 'zoho_client_id'> | null = await lockStoreByName(client, request.storeName);
    let created = false;
    if (!store) {
      if (request.pin !== null && (pc.pinHash === null || !(await verifyPin(request.pin, pc.pinHash)))) {
        await pc.onWrongPin();
        throw new HandlerFailure('invalid_input', 'That is not this PC’s manager PIN. A new store takes the PIN of the PC that creates it.', 'pin');
      }
      store = { id: randomUUID(), name: request.storeName, zoho_edition: pc.zoho?.edition ?? null, zoho_account_id: pc.zoho?.accountId ?? null, zoho_client_id: pc.zoho?.clientId ?? null };
      await insertStore(client, { id: store.id, name: store.name, pollIntervalSeconds: pc.pollIntervalSeconds, zoho: pc.zoho });
      if (request.pin !== null) await writeStorePin(client, store.id, request.pin);
      // The first PC's counters are the store's.
      await addStoreCounters(client, store.id, pc.counters);
      created = true;
    } else {
      if (request.pin !== null) await checkStorePin(client, store.id, request.pin, pc);
      if (store.zoho_account_id && pc.zoho && (store.zoho_account_id !== pc.zoho.accountId || store.zoho_edition !== pc.zoho.edition)) {
        throw new HandlerFailure(
          'conflict',
          `Store “${store.name}” takes payments on Zoho account ${store.zoho_account_id}; this PC is set up for account ${pc.zoho.accountId}. Disconnect Zoho on this PC first, then join.`,
          'storeName',
        );
      }
    }
    // Counters this PC made before it joined: the store keeps them as history (it has its own), and they stop taking payments here.
    if (!created) await addStoreCounters(client, store.id, pc.counters.map((counter) => ({ ...counter, active: false })));
    // Its cashiers sign in at every PC of the store from now on; one whose name the store has already is the store's.
    if (pc.cashiers.length > 0) {
      await addStoreCashiers(client, store.id, pc.cashiers);
      await bumpConfigVersion(client, store.id);
    }
    // The store's tax settings win; a store without any (a new one) takes this PC's.
    if (pc.tax) await adoptTaxSettingsIfUnset(client, store.id, pc.tax);
    // The store's catalogue wins: this PC's items whose id, SKU or a barcode the store has are left out (its copy then takes the store's).
    await addJoiningItems(client, store.id, pc.items);
    await registerStation(client, { storeId: store.id, stationId, name: request.stationName });
    const running = await countRunningStations(client, store.id);
    return { store, created, knownStations: Math.max(1, running) };
  });
}

/**
 * The store's manager PIN, tried as the owner with the store's lockout. A store made before
 * migration 006 kept its PIN's hash in its row: the owner's join checks the PIN against that and
 * upgrades the store, putting the PIN in the database. A store with no PIN at all (made at start
 * from the command line without one) takes this PC's, as a new store does.
 */
async function checkStorePin(client: pg.PoolClient, storeId: string, pin: string, pc: JoiningPc): Promise<void> {
  if (!(await storeHasPin(client, storeId))) {
    const known = (await legacyPinHash(client, storeId)) ?? pc.pinHash;
    if (known === null || !(await verifyPin(pin, known))) {
      await pc.onWrongPin();
      throw new HandlerFailure('invalid_input', 'That is not the store’s manager PIN.', 'pin');
    }
    await writeStorePin(client, storeId, pin);
    return;
  }
  await client.query('SAVEPOINT pin_try');
  try {
    await tryStorePin(client, storeId, pin);
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT pin_try');
    if (pgCode(error) === PIN_FUNCTION_CODES.wrongPin) {
      await pc.onWrongPin();
      throw new HandlerFailure('invalid_input', 'That is not the store’s manager PIN.', 'pin');
    }
    if (pgCode(error) === PIN_FUNCTION_CODES.locked && error instanceof Error) {
      throw new HandlerFailure('locked', `Too many wrong manager PINs for this store: ${error.message.replace(/^manager PIN: /, '')}.`, 'pin');
    }
    throw error;
  }
}
