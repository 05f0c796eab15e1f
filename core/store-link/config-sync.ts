// The store's configuration in this PC's caches: counters and preferences (the poll interval, the
// receipt's name and address) in the live database,
// the manager PIN's hash in its file, the Zoho account's details in the link file. A PC works from
// these while its link is down; a change to them is made in the store first (config-writes.ts).
import type { Counter } from '../../contract/records';
import { listCounters, saveStoreCounter } from '../../db/local/counters';
import type { Db } from '../../db/local/database';
import { ConflictError, InvalidStateError } from '../../db/local/errors';
import { savePollInterval, saveReceiptDetails } from '../handlers/settings';
import type { Logger } from '../logger';
import type { ManagerAccess } from '../manager/access';
import type { StoreConfig } from '../../db/store/config';

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
  if (config.receipt !== null) saveReceiptDetails(db, config.receipt);
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
