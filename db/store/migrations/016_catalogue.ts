import type { StoreMigration } from './index';

// The catalogue is the store's (issue 22): every PC caches it in its SQLite and scans and bills from
// that copy, link or no link. A PC's role reads the store's items; it changes them only through
// set_catalogue_items, which checks the manager PIN. Each change takes the store's next catalogue
// revision under the store row's lock, so revisions commit in order and a PC that has applied every
// item up to revision N needs only those after N. A SKU (any case) and a barcode belong to one item of
// a store; an item is deactivated, never deleted.
export const storeCatalogue: StoreMigration = {
  version: 16,
  name: 'catalogue',
  sql: `
ALTER TABLE stores ADD COLUMN catalogue_revision bigint NOT NULL DEFAULT 0;

CREATE TABLE catalogue_items (
  store_id text NOT NULL REFERENCES stores (id),
  id text NOT NULL,
  name text NOT NULL CHECK (btrim(name) <> ''),
  sku text NOT NULL CHECK (btrim(sku) <> ''),
  unit text NOT NULL,
  price_minor bigint NOT NULL CHECK (price_minor > 0),
  price_includes_tax boolean NOT NULL,
  rate_basis_points integer NOT NULL CHECK (rate_basis_points BETWEEN 0 AND 10000),
  hsn_code text NOT NULL CHECK (hsn_code ~ '^([0-9]{4,})?$'),
  tax_exempt boolean NOT NULL,
  active boolean NOT NULL,
  updated_at bigint NOT NULL,
  revision bigint NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX catalogue_items_sku ON catalogue_items (store_id, lower(sku));
CREATE INDEX catalogue_items_revision ON catalogue_items (store_id, revision, id);

CREATE TABLE catalogue_barcodes (
  store_id text NOT NULL,
  barcode text NOT NULL,
  item_id text NOT NULL,
  PRIMARY KEY (store_id, barcode),
  FOREIGN KEY (store_id, item_id) REFERENCES catalogue_items (store_id, id)
);
CREATE INDEX catalogue_barcodes_item ON catalogue_barcodes (store_id, item_id);

ALTER TABLE catalogue_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY catalogue_items_read ON catalogue_items FOR SELECT USING (store_id = current_store());
ALTER TABLE catalogue_barcodes ENABLE ROW LEVEL SECURITY;
CREATE POLICY catalogue_barcodes_read ON catalogue_barcodes FOR SELECT USING (store_id = current_store());

-- Items (JSON, as the app's CatalogueItem) made or changed in the store, all under one new revision;
-- each item's barcodes replace its old ones. With p_only_new, an item whose id, SKU or a barcode the
-- store already has is left out (a PC joining brings its items the store lacks). Not a PC's to call.
CREATE FUNCTION catalogue_put(p_store text, p_items jsonb, p_only_new boolean) RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  rev bigint;
BEGIN
  UPDATE stores SET catalogue_revision = catalogue_revision + 1 WHERE id = p_store RETURNING catalogue_revision INTO rev;
  CREATE TEMP TABLE catalogue_put_items ON COMMIT DROP AS
    SELECT * FROM jsonb_to_recordset(p_items) AS i (
      id text, name text, sku text, unit text, "priceMinor" bigint, "priceIncludesTax" boolean, "rateBasisPoints" integer,
      "hsnCode" text, "taxExempt" boolean, active boolean, barcodes text[], "updatedAt" bigint);
  IF p_only_new THEN
    DELETE FROM catalogue_put_items i WHERE EXISTS (SELECT 1 FROM catalogue_items c WHERE c.store_id = p_store AND (c.id = i.id OR lower(c.sku) = lower(i.sku)))
      OR EXISTS (SELECT 1 FROM catalogue_barcodes b WHERE b.store_id = p_store AND b.barcode = ANY (i.barcodes));
  END IF;
  INSERT INTO catalogue_items (store_id, id, name, sku, unit, price_minor, price_includes_tax, rate_basis_points, hsn_code, tax_exempt, active, updated_at, revision)
  SELECT p_store, i.id, i.name, i.sku, i.unit, i."priceMinor", i."priceIncludesTax", i."rateBasisPoints", i."hsnCode", i."taxExempt", i.active, i."updatedAt", rev
  FROM catalogue_put_items i
  ON CONFLICT (store_id, id) DO UPDATE
    SET name = EXCLUDED.name, sku = EXCLUDED.sku, unit = EXCLUDED.unit, price_minor = EXCLUDED.price_minor,
        price_includes_tax = EXCLUDED.price_includes_tax, rate_basis_points = EXCLUDED.rate_basis_points, hsn_code = EXCLUDED.hsn_code,
        tax_exempt = EXCLUDED.tax_exempt, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at, revision = rev;
  DELETE FROM catalogue_barcodes WHERE store_id = p_store AND item_id IN (SELECT id FROM catalogue_put_items);
  INSERT INTO catalogue_barcodes (store_id, barcode, item_id)
  SELECT DISTINCT p_store, code, i.id FROM catalogue_put_items i, unnest(i.barcodes) AS code;
  DROP TABLE catalogue_put_items;
END
$$;
REVOKE ALL ON FUNCTION catalogue_put(text, jsonb, boolean) FROM PUBLIC;

CREATE FUNCTION set_catalogue_items(p_pin text, p_items jsonb) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  PERFORM catalogue_put(store, p_items, false);
END
$$;
REVOKE ALL ON FUNCTION set_catalogue_items(text, jsonb) FROM PUBLIC;

DO $$
BEGIN
  EXECUTE format('GRANT SELECT (catalogue_revision) ON stores TO %I', pc_group());
  EXECUTE format('GRANT SELECT ON catalogue_items, catalogue_barcodes TO %I', pc_group());
  EXECUTE format('GRANT EXECUTE ON FUNCTION set_catalogue_items(text, jsonb) TO %I', pc_group());
END
$$;
`,
};
