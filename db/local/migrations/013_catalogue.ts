import type { Migration } from './index';

// The catalogue and the bills made from it.
// The catalogue: items (SKU unique, never deleted: an old invoice may name one) and their barcodes
// (a code belongs to one item only). `search_key` is the name, SKU and barcodes in lower case, kept
// by the repository, for one LIKE scan per keystroke of the counter's type-ahead.
export const catalogue: Migration = {
  version: 13,
  name: 'catalogue and bills',
  sql: `
CREATE TABLE catalogue_items (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  sku TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(sku) <> ''),
  unit TEXT NOT NULL,
  price_minor INTEGER NOT NULL CHECK (price_minor > 0),
  price_includes_tax INTEGER NOT NULL CHECK (price_includes_tax IN (0, 1)),
  rate_basis_points INTEGER NOT NULL CHECK (rate_basis_points BETWEEN 0 AND 10000),
  hsn_code TEXT NOT NULL CHECK (hsn_code = '' OR hsn_code GLOB '[0-9][0-9][0-9][0-9]*'),
  tax_exempt INTEGER NOT NULL CHECK (tax_exempt IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  search_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX catalogue_items_active_name ON catalogue_items (active, name COLLATE NOCASE);
CREATE TRIGGER catalogue_items_never_deleted
BEFORE DELETE ON catalogue_items
BEGIN
  SELECT RAISE(ABORT, 'catalogue_items: an item is deactivated, never deleted');
END;

CREATE TABLE catalogue_barcodes (
  barcode TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES catalogue_items (id)
) STRICT, WITHOUT ROWID;
CREATE INDEX catalogue_barcodes_item ON catalogue_barcodes (item_id);

-- A checkout's bill (lines with tax, discounts, round-off, customer, place of supply) as JSON, written
-- in the invoice's own transaction. An invoice from before (free lines, no tax) has none.
CREATE TABLE invoice_bills (
  invoice_id TEXT PRIMARY KEY REFERENCES invoices (id),
  bill TEXT NOT NULL CHECK (json_valid(bill))
) STRICT, WITHOUT ROWID;
CREATE TRIGGER invoice_bills_immutable
BEFORE UPDATE ON invoice_bills
BEGIN
  SELECT RAISE(ABORT, 'invoice_bills: a bill never changes');
END;
CREATE TRIGGER invoice_bills_never_deleted
BEFORE DELETE ON invoice_bills
BEGIN
  SELECT RAISE(ABORT, 'invoice_bills: a bill is never deleted');
END;
`,
};
