import type { Migration } from './index';

// The type-ahead's index: active items by name (NOCASE), with their search keys in the index itself,
// so that a search walks the names in order and checks each key without reading the item's row,
// stopping at the first few matches (db/local/catalogue.ts searchItems). It replaces the name index.
export const catalogueSearchIndex: Migration = {
  version: 18,
  name: 'catalogue search index',
  sql: `
DROP INDEX catalogue_items_active_name;
CREATE INDEX catalogue_items_active_name_key ON catalogue_items (active, name COLLATE NOCASE, search_key);
`,
};
