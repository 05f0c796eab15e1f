// Each PC logs in to the store as a role of its own (store migration 006). A PC joined before then
// keeps the store's shared address, its owner's: at its first heartbeat (the schema just brought up
// to date with that address, which is the store's upgrade) it makes its own login role with that
// address, checks it can log in as it, and keeps only that role's address from then on.
import type pg from 'pg';
import type { Logger } from '../logger';
import { pcAddress } from '../../db/store/address';
import { openStorePool, pgCode } from '../../db/store/pg';
import { addPcRole, currentStation, NoSuchPcError, removePcRole, type PcLogin } from '../../db/store/roles';

/** This PC's login role, new, made with the owner's pool: one it had before (a PC joining again) is dropped first. */
export async function newPcLogin(owner: pg.Pool, storeId: string, stationId: string): Promise<PcLogin> {
  const client = await owner.connect();
  try {
    await removePcRole(client, storeId, stationId).catch((error: unknown) => {
      if (!(error instanceof NoSuchPcError)) throw error;
    });
    return await addPcRole(client, storeId, stationId);
  } finally {
    client.release();
  }
}

/**
 * The address and pool of this PC's own role when `pool` logs in with a shared one (null when it is
 * this PC's own already, or when that login may not make roles: then a manager joins the PC again
 * with the owner's address). Throws when the new login does not work; nothing is kept then.
 */
export async function moveToOwnLogin(pool: pg.Pool, link: { url: string; storeId: string; stationId: string }, log: Logger): Promise<{ url: string; pool: pg.Pool } | null> {
  if ((await currentStation(pool)) !== null) return null;
  let login: PcLogin;
  try {
    login = await newPcLogin(pool, link.storeId, link.stationId);
  } catch (error) {
    if (pgCode(error) !== '42501') throw error;
    log.warn('this PC logs in with a shared store login that may not make roles: join it again with the store owner’s address');
    return null;
  }
  const url = pcAddress(link.url, login);
  const own = openStorePool(url, log);
  try {
    const self = await currentStation(own);
    if (self !== link.stationId) throw new Error(`the new role is PC ${self ?? 'none'}, not ${link.stationId}`);
  } catch (error) {
    await own.end().catch(() => undefined);
    throw error;
  }
  log.info('this PC moved to a store login of its own');
  return { url, pool: own };
}
