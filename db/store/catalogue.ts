// The store's catalogue (store migration 016): what every PC caches and bills from. A PC reads it
// here, in revision order; it changes it only through set_catalogue_items with the manager's PIN
// (pin-functions.ts); the owner adds a joining PC's items the store lacks (core/store-link/join.ts).
import type { CatalogueItem } from '../../contract/catalogue/records';
import type { Unit } from '../../contract/catalogue/units';
import type { CatalogueCursor } from '../local/catalogue';
import type { Queryable } from './migrate';

interface ItemRow {
  id: string;
  name: string;
  sku: string;
  unit: Unit;
  price_minor: number;
  price_includes_tax: boolean;
  rate_basis_points: number;
  hsn_code: string;
  tax_exempt: boolean;
  active: boolean;
  updated_at: number;
  revision: number;
  barcodes: string[];
}

/** The store's items changed after `after`, in revision order, at most `limit`; with the cursor past the last. */
export async function storeItemsAfter(
  client: Queryable,
  after: CatalogueCursor,
  limit: number,
): Promise<{ items: CatalogueItem[]; cursor: CatalogueCursor }> {
  const rows = await client.query<ItemRow>(
    `SELECT i.id, i.name, i.sku, i.unit, i.price_minor, i.price_includes_tax, i.rate_basis_points, i.hsn_code, i.tax_exempt, i.active,
            i.updated_at, i.revision,
            coalesce((SELECT array_agg(b.barcode ORDER BY b.barcode) FROM catalogue_barcodes b WHERE b.store_id = i.store_id AND b.item_id = i.id), '{}') AS barcodes
     FROM catalogue_items i
     WHERE i.store_id = $1 AND (i.revision, i.id) > ($2, $3)
     ORDER BY i.revision, i.id
     LIMIT $4`,
    [after.storeId, after.revision, after.id, limit],
  );
  const last = rows.rows.at(-1);
  return {
    items: rows.rows.map((row) => ({
      id: row.id,
      name: row.name,
      sku: row.sku,
      barcodes: row.barcodes,
      unit: row.unit,
      priceMinor: row.price_minor,
      priceIncludesTax: row.price_includes_tax,
      rateBasisPoints: row.rate_basis_points,
      hsnCode: row.hsn_code,
      taxExempt: row.tax_exempt,
      active: row.active,
      updatedAt: row.updated_at,
    })),
    cursor: last ? { storeId: after.storeId, revision: last.revision, id: last.id } : after,
  };
}

/** A joining PC's items, as the owner: those whose id, SKU or a barcode the store already has are left out. */
export async function addJoiningItems(client: Queryable, storeId: string, items: readonly CatalogueItem[]): Promise<void> {
  if (items.length === 0) return;
  await client.query('SELECT catalogue_put($1, $2, true)', [storeId, JSON.stringify(items)]);
}
