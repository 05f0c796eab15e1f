// The store's configuration in this PC's caches: counters, cashiers and preferences (the poll
// interval, the receipt's name and address, the tax settings) in the live database, the Zoho account's details in the link file (the
// manager PIN is checked by the store's database: core/manager/access.ts). A PC works from these
// while its link is down; a change to them is made in the store first (config-writes.ts).
import type { Counter } from '../../contract/records';
import { saveStoreCashiers } from '../../db/local/cashiers';
import { saveStoreCounter } from '../../db/local/counters';
import type { Db } from '../../db/local/database';
import { ConflictError, InvalidStateError } from '../../db/local/errors';
import { savePollInterval, saveReceiptDetails } from '../handlers/settings';
import { cacheStoreTaxSettings } from '../catalogue/tax-settings';
import type { Logger } from '../logger';
import type { StoreConfig } from '../../db/store/config';

export interface CacheTarget {
  /** The live mode's database, when the app is live (demo counters are not the store's). */
  db: Db | null;
  log: Logger;
  now: () => number;
}

/**
 * Brings this PC's caches to the store's configuration. A counter that cannot change yet (its
 * terminal, while a payment runs on it) keeps its old state: `complete` is then false and the
 * caller tries again at its next heartbeat.
 */
export async function applyStoreConfig(config: StoreConfig, target: CacheTarget): Promise<{ complete: boolean }> {
  const { db } = target;
  if (!db) return { complete: true };
  if (config.pollIntervalSeconds !== null) savePollInterval(db, config.pollIntervalSeconds);
  if (config.receipt !== null) saveReceiptDetails(db, config.receipt);
  // The store's GSTIN, US rate, round-off and numbering replace this PC's own, for billing link or no link.
  if (config.tax !== null) cacheStoreTaxSettings(db, config.tax);
  // A cashier removed at any PC signs in here no more (and is signed out), even with the link down later.
  saveStoreCashiers(db, config.cashiers, target.now());
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
