// The catalogue: items and their barcodes. An item is never deleted (an old invoice may name it):
// it is deactivated. A SKU and a barcode each belong to one item only; the database refuses a
// second one, and the repository says which field clashed. Each item is this PC's own or a store's
// (its copy of the store's catalogue, local migration 031).
import { randomUUID } from 'node:crypto';
import type { CatalogueItem } from '../../contract/catalogue/records';
import type { Unit } from '../../contract/catalogue/units';
import type { Db } from './database';
import { CatalogueConflictError } from './errors';
import { getSetting, setSetting } from './settings';
import { inWriteTransaction, prepared } from './statements';

interface ItemRow {
  id: string;
  name: string;
  sku: string;
  unit: Unit;
  price_minor: number;
  price_includes_tax: 0 | 1;
  rate_basis_points: number;
  hsn_code: string;
  tax_exempt: 0 | 1;
  active: 0 | 1;
  updated_at: number;
  barcodes: string | null;
}

/** What the manager sets on an item (everything but its id, state and times). */
export type ItemFields = Omit<CatalogueItem, 'id' | 'active' | 'updatedAt'>;

export type ItemChanges = Partial<ItemFields> & { active?: boolean };

const SELECT_ITEM = `
SELECT i.id, i.name, i.sku, i.unit, i.price_minor, i.price_includes_tax, i.rate_basis_points, i.hsn_code, i.tax_exempt,
       i.active, i.updated_at,
       (SELECT group_concat(barcode, char(10)) FROM catalogue_barcodes b WHERE b.item_id = i.id) AS barcodes
FROM catalogue_items i`;

function toItem(row: ItemRow): CatalogueItem {
  return {
    id: row.id,
    name: row.name,
    sku: row.sku,
    barcodes: row.barcodes === null ? [] : row.barcodes.split('\n').sort(),
    unit: row.unit,
    priceMinor: row.price_minor,
    priceIncludesTax: row.price_includes_tax === 1,
    rateBasisPoints: row.rate_basis_points,
    hsnCode: row.hsn_code,
    taxExempt: row.tax_exempt === 1,
    active: row.active === 1,
    updatedAt: row.updated_at,
  };
}

/** The lower-case text the type-ahead looks in: name, SKU and barcodes. */
function searchKey(fields: Pick<ItemFields, 'name' | 'sku' | 'barcodes'>): string {
  return [fields.name, fields.sku, ...fields.barcodes].join('\n').toLowerCase();
}

/** The item by its id, or by an id it had before the store's item of its SKU replaced it (a bill from before names that one). */
export function getItem(db: Db, id: string): CatalogueItem | null {
  const row =
    prepared<[string], ItemRow>(db, `${SELECT_ITEM} WHERE i.id = ?`).get(id) ??
    prepared<[string], ItemRow>(db, `${SELECT_ITEM} WHERE i.id = (SELECT item_id FROM catalogue_item_aliases WHERE old_id = ?)`).get(id);
  return row ? toItem(row) : null;
}

export function itemBySku(db: Db, sku: string): CatalogueItem | null {
  const row = prepared<[string], ItemRow>(db, `${SELECT_ITEM} WHERE i.sku = ?`).get(sku);
  return row ? toItem(row) : null;
}

/** The item a barcode belongs to (active or not), or null. */
export function itemByBarcode(db: Db, code: string): CatalogueItem | null {
  const row = prepared<[string], ItemRow>(
    db,
    `${SELECT_ITEM} WHERE i.id = (SELECT item_id FROM catalogue_barcodes WHERE barcode = ?)`,
  ).get(code);
  return row ? toItem(row) : null;
}

/**
 * Items whose name, SKU or a barcode holds `query` (any case): an exact SKU or barcode first, then
 * names starting with the query, then the rest, each by name. An empty query lists by name.
 *
 * In three steps, each stopping at `limit`: the exact code (two index lookups), the names that start
 * with the text (a range of the name index, read in order), and only when those are too few the
 * other names in the index's order, each search key checked until `limit` match. A one-letter query
 * matches most of a large catalogue: sorting every match took 190 ms on 50,000 items; reading the
 * index in order stops after the first few. Items of the same name come in the order they were added.
 */
export function searchItems(db: Db, query: string, options: { limit: number; includeInactive: boolean }): CatalogueItem[] {
  const text = query.trim().toLowerCase();
  const active = options.includeInactive ? 'i.active IN (0, 1)' : 'i.active = 1';
  const found = new Map<string, ItemRow>();
  const take = (rows: ItemRow[]) => {
    for (const row of rows) if (found.size < options.limit) found.set(row.id, row);
  };
  if (text !== '') {
    // Each by its own index: a condition joined by OR would have SQLite read every item.
    take(prepared<{ text: string }, ItemRow>(db, `${SELECT_ITEM} WHERE i.sku = @text AND ${active}`).all({ text }));
    take(prepared<{ text: string }, ItemRow>(db, `${SELECT_ITEM} WHERE i.id = (SELECT item_id FROM catalogue_barcodes WHERE barcode = @text) AND ${active}`).all({ text }));
  }
  const more = (): number => options.limit - found.size;
  const seen = (): string => JSON.stringify([...found.keys()]);
  if (more() > 0) {
    // Names from `text` up to `text` followed by the highest character: those that start with it, in the index's order.
    take(
      prepared<{ from: string; to: string; seen: string; limit: number }, ItemRow>(
        db,
        `${SELECT_ITEM}
         WHERE ${active} AND i.name COLLATE NOCASE >= @from AND i.name COLLATE NOCASE < @to
           AND i.id NOT IN (SELECT value FROM json_each(@seen))
         ORDER BY i.name COLLATE NOCASE LIMIT @limit`,
      ).all({ from: text, to: `${text}\u{10FFFF}`, seen: seen(), limit: more() }),
    );
  }
  if (more() > 0 && text !== '') {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    take(
      prepared<{ pattern: string; seen: string; limit: number }, ItemRow>(
        db,
        `${SELECT_ITEM}
         WHERE ${active} AND i.search_key LIKE @pattern ESCAPE '\\' AND i.id NOT IN (SELECT value FROM json_each(@seen))
         ORDER BY i.name COLLATE NOCASE LIMIT @limit`,
      ).all({ pattern, seen: seen(), limit: more() }),
    );
  }
  return [...found.values()].map(toItem);
}

/** Every item, by SKU: for the CSV export. */
export function allItems(db: Db): CatalogueItem[] {
  return prepared<[], ItemRow>(db, `${SELECT_ITEM} ORDER BY i.sku`).all().map(toItem);
}

/** This PC's own items (none of a store's copy), by SKU: what it brings to a store it joins. */
export function ownItems(db: Db): CatalogueItem[] {
  return prepared<[], ItemRow>(db, `${SELECT_ITEM} WHERE i.store_id IS NULL ORDER BY i.sku`).all().map(toItem);
}

/** A new item (a new id), active unless said. */
export function newItem(fields: ItemFields, at: number, active = true): CatalogueItem {
  return { id: randomUUID(), ...fields, barcodes: [...new Set(fields.barcodes)].sort(), active, updatedAt: at };
}

/** `current` with the fields given and the active flag changed (the barcodes given replace its own). */
export function changedItem(current: CatalogueItem, changes: ItemChanges, at: number): CatalogueItem {
  const next = { ...current, ...changes, updatedAt: at };
  return { ...next, barcodes: [...new Set(next.barcodes)].sort() };
}

/** Refuses an item whose SKU or a barcode another item holds, naming the field and the other item; writes nothing. */
export function checkUnique(db: Db, items: readonly CatalogueItem[]): void {
  for (const item of items) guardUnique(db, item, item.id);
}

/**
 * Saves items made or changed on this PC of its own (each by its id), in one transaction: a SKU or
 * barcode another item holds refuses them all.
 */
export function putItems(db: Db, items: readonly CatalogueItem[]): void {
  inWriteTransaction(db, () => {
    for (const item of items) {
      guardUnique(db, item, item.id);
      writeItem(db, item, null);
    }
  });
}

/** Where a PC's copy of its store's catalogue has got to: every item up to this revision, and of that revision up to this id. */
export interface CatalogueCursor {
  storeId: string;
  revision: number;
  id: string;
}

const CURSOR_SETTING = 'store_catalogue_cursor';

/** How far this PC's copy of the store's catalogue goes; from the start for a store it has not copied. */
export function catalogueCursor(db: Db, storeId: string): CatalogueCursor {
  const kept = getSetting(db, CURSOR_SETTING);
  const cursor = kept === null ? null : (JSON.parse(kept) as CatalogueCursor);
  return cursor?.storeId === storeId ? cursor : { storeId, revision: 0, id: '' };
}

/**
 * The store's items in this PC's copy (its cache: the store is the authority). A SKU another item
 * here holds makes that item this one (it takes the store's id: the same SKU is the same item; its old
 * id leads to it still, for the bills that name it), and a barcode another item here holds moves to
 * this one, as the store has it (the other item's search key then loses it).
 */
export function cacheStoreItems(db: Db, storeId: string, items: readonly CatalogueItem[], cursor: CatalogueCursor | null = null): void {
  inWriteTransaction(db, () => {
    if (cursor) setSetting(db, CURSOR_SETTING, JSON.stringify(cursor));
    const losers = new Set<string>();
    for (const item of items) {
      const bySku = itemBySku(db, item.sku);
      if (bySku && bySku.id !== item.id && getItem(db, item.id)?.id !== item.id) {
        prepared<[string]>(db, 'DELETE FROM catalogue_barcodes WHERE item_id = ?').run(bySku.id);
        prepared<[string, string]>(db, 'UPDATE catalogue_items SET id = ? WHERE id = ?').run(item.id, bySku.id);
        prepared<[string, string]>(db, 'UPDATE catalogue_item_aliases SET item_id = ? WHERE item_id = ?').run(item.id, bySku.id);
        prepared<[string, string]>(db, 'INSERT OR REPLACE INTO catalogue_item_aliases (old_id, item_id) VALUES (?, ?)').run(bySku.id, item.id);
      } else if (bySku && bySku.id !== item.id) {
        // Two items here that the store has as one SKU's: the other one's SKU changed in the store, in a later revision.
        prepared<[string, string]>(db, 'UPDATE catalogue_items SET sku = ? WHERE id = ?').run(`${bySku.sku}~${bySku.id}`, bySku.id);
        losers.add(bySku.id);
      }
      for (const code of item.barcodes) {
        const holder = itemByBarcode(db, code);
        if (!holder || holder.id === item.id) continue;
        prepared<[string]>(db, 'DELETE FROM catalogue_barcodes WHERE barcode = ?').run(code);
        losers.add(holder.id);
      }
      writeItem(db, item, storeId);
      losers.delete(item.id);
    }
    for (const id of losers) refreshSearchKey(db, id);
  });
}

const RETIRED_SETTING = 'store_catalogue_retired_for';

/**
 * Once this PC's copy has caught up with the store's catalogue: the items here that are not the
 * store's (a previous store's, or this PC's own that the store left out at the join because it had
 * their barcode) are retired, once per store. They are deactivated, never deleted (old bills name
 * them), and their SKU and barcodes are freed for the store's items. How many were retired.
 */
export function retireOthersItems(db: Db, storeId: string): number {
  if (getSetting(db, RETIRED_SETTING) === storeId) return 0;
  return inWriteTransaction(db, () => {
    const others = prepared<[string], { id: string; sku: string }>(db, 'SELECT id, sku FROM catalogue_items WHERE store_id IS NOT ?').all(storeId);
    for (const { id, sku } of others) {
      prepared<[string]>(db, 'DELETE FROM catalogue_barcodes WHERE item_id = ?').run(id);
      const freed = sku.endsWith(`~${id}`) ? sku : `${sku}~${id}`;
      prepared<[string, string]>(db, 'UPDATE catalogue_items SET active = 0, sku = ? WHERE id = ?').run(freed, id);
      refreshSearchKey(db, id);
    }
    setSetting(db, RETIRED_SETTING, storeId);
    return others.length;
  });
}

/** The item's search key from its name, SKU and barcodes as they are now. */
function refreshSearchKey(db: Db, id: string): void {
  const item = getItem(db, id);
  if (item) prepared<[string, string]>(db, 'UPDATE catalogue_items SET search_key = ? WHERE id = ?').run(searchKey(item), id);
}

/** Inserts the item, or changes the one with its id (this PC's own, or store `storeId`'s); its barcodes replace the old ones. */
function writeItem(db: Db, item: CatalogueItem, storeId: string | null): void {
  prepared(
    db,
    `INSERT INTO catalogue_items (id, name, sku, unit, price_minor, price_includes_tax, rate_basis_points, hsn_code, tax_exempt,
                                  active, search_key, created_at, updated_at, store_id)
     VALUES (@id, @name, @sku, @unit, @priceMinor, @priceIncludesTax, @rateBasisPoints, @hsnCode, @taxExempt, @active, @searchKey, @at, @at, @storeId)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, sku = excluded.sku, unit = excluded.unit, price_minor = excluded.price_minor,
            price_includes_tax = excluded.price_includes_tax, rate_basis_points = excluded.rate_basis_points, hsn_code = excluded.hsn_code,
            tax_exempt = excluded.tax_exempt, active = excluded.active, search_key = excluded.search_key, updated_at = excluded.updated_at,
            store_id = excluded.store_id`,
  ).run({ id: item.id, ...columns(item), active: item.active ? 1 : 0, at: item.updatedAt, storeId });
  setBarcodes(db, item.id, item.barcodes);
}

function columns(fields: ItemFields) {
  return {
    name: fields.name,
    sku: fields.sku,
    unit: fields.unit,
    priceMinor: fields.priceMinor,
    priceIncludesTax: fields.priceIncludesTax ? 1 : 0,
    rateBasisPoints: fields.rateBasisPoints,
    hsnCode: fields.hsnCode,
    taxExempt: fields.taxExempt ? 1 : 0,
    searchKey: searchKey(fields),
  };
}

function setBarcodes(db: Db, itemId: string, codes: readonly string[]): void {
  prepared<[string]>(db, 'DELETE FROM catalogue_barcodes WHERE item_id = ?').run(itemId);
  const insert = prepared<[string, string]>(db, 'INSERT INTO catalogue_barcodes (barcode, item_id) VALUES (?, ?)');
  for (const code of new Set(codes)) insert.run(code, itemId);
}

/** Refuses a SKU or a barcode that another item holds, naming the field and the other item. */
function guardUnique(db: Db, fields: Pick<ItemFields, 'sku' | 'barcodes'>, selfId: string | null): void {
  const bySku = itemBySku(db, fields.sku);
  if (bySku && bySku.id !== selfId) throw new CatalogueConflictError('sku', fields.sku, bySku.name);
  for (const code of fields.barcodes) {
    const byCode = itemByBarcode(db, code);
    if (byCode && byCode.id !== selfId) throw new CatalogueConflictError('barcodes', code, byCode.name);
  }
}
