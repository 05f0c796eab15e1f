import type { Migration } from './index';

// Whose an item in this PC's catalogue is, and the ids a store replaced (issue 22).
// `store_id`: the store whose copy the item is, NULL for this PC's own. A PC joining a store brings
// only its own items, and once its copy has caught up with a store, the items that are not that
// store's (a previous store's) are retired: deactivated, never deleted (db/local/catalogue.ts). A PC
// already in a store when this runs has a copy of that store's (its cursor names the store): its
// items are taken to be that store's.
// `catalogue_item_aliases`: an item of this PC's that the store's item of the same SKU replaced at the
// join took the store's id; a bill kept, held or printed before names the old id, which leads here
// to the item now.
export const catalogueCopyOwner: Migration = {
  version: 31,
  name: 'catalogue copy owner',
  sql: `
ALTER TABLE catalogue_items ADD COLUMN store_id TEXT;
UPDATE catalogue_items SET store_id = (SELECT json_extract(value, '$.storeId') FROM settings WHERE key = 'store_catalogue_cursor');

CREATE TABLE catalogue_item_aliases (
  old_id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX catalogue_item_aliases_item ON catalogue_item_aliases (item_id);
`,
};
