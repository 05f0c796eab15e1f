// A lost or stolen PC cut off by a manager (Manager → Store → Remove this PC), with the store
// owner's address typed once and never kept: the PC's login role is dropped (its sessions end, it
// cannot log in again), the store records the removal, it leaves the list of PCs, and every row it
// wrote stays.
import { HandlerFailure } from '../failure';
import type { Logger } from '../logger';
import type { StoreLink } from './link';
import { sameDatabase, StoreAddressError } from '../../db/store/address';
import { describeLinkFailure, openStorePool } from '../../db/store/pg';
import { NoSuchPcError, removePcRole } from '../../db/store/roles';
import { stopStation } from '../../db/store/stations';

export async function removePc(deps: { link: StoreLink; log: Logger }, input: { url: string; stationId: string }): Promise<void> {
  const joined = deps.link.joined;
  if (!joined) throw new HandlerFailure('conflict', 'This PC is not part of a store.');
  if (input.stationId === joined.stationId) {
    throw new HandlerFailure('conflict', 'This is the PC you are working on: remove it from another PC of the store.', 'stationId');
  }
  if (!sameDatabase(input.url, joined.url)) {
    throw new HandlerFailure('invalid_input', 'That address is of another database than this store’s: give the owner’s address of the store’s database.', 'url');
  }
  let owner;
  try {
    owner = openStorePool(input.url, deps.log, { max: 1 });
  } catch (error) {
    if (error instanceof StoreAddressError) throw new HandlerFailure('invalid_input', error.message, error.field);
    throw error;
  }
  try {
    const client = await owner.connect().catch((error: unknown) => {
      throw new HandlerFailure('invalid_input', describeLinkFailure(error, input.url) ?? 'The store’s database could not be opened with this address.', 'url');
    });
    try {
      const removed = await removePcRole(client, joined.storeId, input.stationId);
      // It holds no counter budget and leaves the store's list of PCs (its rows stay).
      await stopStation(client, { storeId: joined.storeId, stationId: input.stationId });
      deps.log.info('a PC of the store was removed', { stationId: input.stationId, sessionsEnded: removed.sessionsEnded });
    } catch (error) {
      if (error instanceof NoSuchPcError) throw new HandlerFailure('not_found', 'That PC has no login of its own in this store: it was removed already, or joined before PCs had their own logins.', 'stationId');
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === '42501') {
        throw new HandlerFailure('invalid_input', 'The user in that address may not remove PCs: give the address of the store database’s owner.', 'url');
      }
      throw error;
    } finally {
      client.release();
    }
  } finally {
    await owner.end().catch(() => undefined);
  }
  await deps.link.tickNow();
}
