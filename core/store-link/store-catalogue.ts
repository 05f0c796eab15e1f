// The catalogue of a PC of a store is the store's, copied on the PC (catalogue-sync.ts). A manager's
// change is made in the store first (set_catalogue_items, with the manager's PIN), then in this copy at once.
// With the link down a change is refused, not queued: another PC may be changing the same item, and
// the store decides whose SKU or barcode is whose, so a change queued here could fail long after the
// manager left the screen, or quietly undo a newer one.
import { cacheStoreItems, checkUnique } from '../../db/local/catalogue';
import { pgCode } from '../../db/store/pg';
import { setCatalogueItemsWithPin } from '../../db/store/pin-functions';
import { HandlerFailure } from '../failure';
import type { CatalogueWriter } from '../ports';
import { changeStoreConfig, requireLink } from './config-writes';
import type { StoreHandlerDeps } from './handlers';

export const CATALOGUE_LINK_NEEDED =
  'Changing the store’s items needs the store link, which is down. This PC goes on searching, scanning and billing from its copy of the items; try again when the link is back.';

export function storeCatalogueWriter(deps: Pick<StoreHandlerDeps, 'link' | 'access'>): CatalogueWriter {
  return {
    save: async (db, items) => {
      const { joined } = requireLink(deps.link, CATALOGUE_LINK_NEEDED);
      // This PC's copy names the other item; the store's database has the last word.
      checkUnique(db, items);
      try {
        await changeStoreConfig(deps.link, deps.access, (client, pin) => setCatalogueItemsWithPin(client, pin, items));
      } catch (error) {
        throw catalogueRefusal(error);
      }
      cacheStoreItems(db, joined.storeId, items);
    },
  };
}

/** A SKU or barcode the store has for another item (one this PC's copy does not know of yet). */
function catalogueRefusal(error: unknown): unknown {
  const constraint = typeof error === 'object' && error !== null && 'constraint' in error ? String(error.constraint) : '';
  if (pgCode(error) !== '23505') return error;
  if (constraint === 'catalogue_items_sku') return new HandlerFailure('conflict', 'Another item of the store already has this SKU.', 'sku');
  if (constraint === 'catalogue_barcodes_pkey') return new HandlerFailure('conflict', 'Another item of the store already has one of these barcodes.', 'barcodes');
  return error;
}
