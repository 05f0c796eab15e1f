// The catalogue of a PC of a store is the store's: each heartbeat brings the items changed since this
// PC's copy was last brought up to date (in the store's revision order, a page at a time) into its
// SQLite, where search (its index included), the scanner and the checkout read them, link or no link.
// Once the copy has caught up with a store for the first time, the items that are not that store's
// (a store this PC was part of before) stop being sold here.
import type pg from 'pg';
import { cacheStoreItems, catalogueCursor, retireOthersItems } from '../../db/local/catalogue';
import type { Db } from '../../db/local/database';
import { storeItemsAfter } from '../../db/store/catalogue';

/**
 * Items a heartbeat brings in one page, each written in one SQLite transaction on the main thread:
 * a page of 500 changed items took 0.12 s (p50) under load 15–18, 2,000 took 0.43 s; the calls of the screens run between pages.
 */
const PAGE = 500;

/** Brings this PC's copy up to the store's catalogue; how many items it changed. */
export async function syncStoreCatalogue(pool: pg.Pool, storeId: string, db: Db): Promise<number> {
  let cursor = catalogueCursor(db, storeId);
  let changed = 0;
  for (;;) {
    const page = await storeItemsAfter(pool, cursor, PAGE);
    if (page.items.length > 0) cacheStoreItems(db, storeId, page.items, page.cursor);
    changed += page.items.length;
    cursor = page.cursor;
    if (page.items.length < PAGE) return changed + retireOthersItems(db, storeId);
  }
}
