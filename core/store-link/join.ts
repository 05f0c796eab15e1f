// Joining a PC to a store: reach the database, bring (or create) the store's schema, find the
// store by name or create it, check the manager PIN, register this PC. Every refusal comes before
// anything on this PC changes; the caller writes the link only once this has succeeded.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Counter } from '../../contract/records';
import { HandlerFailure } from '../failure';
import type { Logger } from '../logger';
import { verifyPin } from '../manager/pin-hash';
import type { StoredStoreLink, StoreZohoAccount } from './link-file';
import { addStoreCounters, insertStore, lockStoreByName, storeZohoAccount, type StoreRow } from '../../db/store/config';
import { countRunningStations, registerStation } from '../../db/store/stations';
import { StoreAddressError } from '../../db/store/address';
import { describeLinkFailure, inStoreTransaction, openStorePool, pgCode } from '../../db/store/pg';
import { migrateStore, NotACounterStoreError, StoreSchemaTooNewError } from '../../db/store/migrate';

export interface JoinRequest {
  url: string;
  storeName: string;
  stationName: string;
  /** The store's manager PIN (this PC's for a new store); null when the database credentials alone are trusted (the command line). */
  pin: string | null;
}

/** What this PC brings: its identity so far, its PIN, its Zoho account and (live) its counters and preferences. */
export interface JoiningPc {
  stationId: string | null;
  pinHash: string | null;
  zoho: StoreZohoAccount | null;
  counters: Counter[];
  pollIntervalSeconds: number | null;
  /** Called for a wrong PIN, so guessing is slowed like at the unlock. */
  onWrongPin: () => Promise<void>;
}

/** Joins (or creates) the store; returns the link to remember and the open pool. Nothing is kept when it fails. */
export async function joinStore(request: JoinRequest, pc: JoiningPc, log: Logger): Promise<{ link: StoredStoreLink; pool: pg.Pool; created: boolean }> {
  let pool: pg.Pool;
  try {
    pool = openStorePool(request.url, log);
  } catch (error) {
    if (error instanceof StoreAddressError) throw new HandlerFailure('invalid_input', error.message, 'url');
    throw error;
  }
  try {
    await prepareSchema(pool, request.url);
    const stationId = pc.stationId ?? randomUUID();
    const { store, created, knownStations } = await enterStore(pool, request, pc, stationId).catch((error: unknown) => {
      // Two PCs creating the same store at once: the second finds it made by the first.
      if (pgCode(error) === '23505') return enterStore(pool, request, pc, stationId);
      throw error;
    });
    const link: StoredStoreLink = { url: request.url, storeId: store.id, storeName: store.name, stationId, stationName: request.stationName, zoho: storeZohoAccount(store), knownStations };
    return { link, pool, created };
  } catch (error) {
    await pool.end().catch(() => undefined);
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
    let store: Omit<StoreRow, 'config_version' | 'poll_interval_seconds' | 'receipt_name' | 'receipt_address'> | null = await lockStoreByName(client, request.storeName);
    let created = false;
    if (!store) {
      if (request.pin !== null && (pc.pinHash === null || !(await verifyPin(request.pin, pc.pinHash)))) {
        await pc.onWrongPin();
        throw new HandlerFailure('invalid_input', 'That is not this PC’s manager PIN. A new store takes the PIN of the PC that creates it.', 'pin');
      }
      store = { id: randomUUID(), name: request.storeName, pin_hash: pc.pinHash, zoho_edition: pc.zoho?.edition ?? null, zoho_account_id: pc.zoho?.accountId ?? null, zoho_client_id: pc.zoho?.clientId ?? null };
      await insertStore(client, { id: store.id, name: store.name, pinHash: store.pin_hash, pollIntervalSeconds: pc.pollIntervalSeconds, zoho: pc.zoho });
      // The first PC's counters are the store's.
      await addStoreCounters(client, store.id, pc.counters);
      created = true;
    } else {
      if (request.pin !== null && (store.pin_hash === null || !(await verifyPin(request.pin, store.pin_hash)))) {
        await pc.onWrongPin();
        throw new HandlerFailure('invalid_input', 'That is not the store’s manager PIN.', 'pin');
      }
      if (store.zoho_account_id && pc.zoho && (store.zoho_account_id !== pc.zoho.accountId || store.zoho_edition !== pc.zoho.edition)) {
        throw new HandlerFailure(
          'conflict',
          `Store “${store.name}” takes payments on Zoho account ${store.zoho_account_id}; this PC is set up for account ${pc.zoho.accountId}. Disconnect Zoho on this PC first, then join.`,
          'storeName',
        );
      }
    }
    await registerStation(client, { storeId: store.id, stationId, name: request.stationName });
    const running = await countRunningStations(client, store.id);
    return { store, created, knownStations: Math.max(1, running) };
  });
}
