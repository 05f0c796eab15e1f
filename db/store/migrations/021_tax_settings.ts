import type { StoreMigration } from './index';

// The store's tax settings (issue 22) are the store's, as its receipt name and address are
// (migration 010): every PC bills with the same GSTIN (and so the same state: a GSTIN's first two
// digits are its state's GST code, the place of supply of a sale over the counter; the format and its
// sources are in contract/billing/gstin.ts), the same US sales tax rate, the same round-off and the same
// invoice numbering, and caches them to bill with the link down. A PC's role reads them and changes
// them only through set_tax_settings, which checks the manager PIN; the configuration version moves
// on so every PC re-reads them. `tax_set_at` stays NULL until a PC brings them or a manager sets
// them: until then each PC keeps its own (a store made before this migration). A GSTIN is checked
// for its shape here (its check character by each PC, contract/billing/gstin.ts); '' is none.
export const storeTaxSettings: StoreMigration = {
  version: 21,
  name: 'tax settings',
  sql: `
ALTER TABLE stores
  ADD COLUMN tax_gstin text NOT NULL DEFAULT '' CHECK (tax_gstin = '' OR tax_gstin ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'),
  ADD COLUMN tax_us_sales_tax_basis_points integer NOT NULL DEFAULT 0 CHECK (tax_us_sales_tax_basis_points BETWEEN 0 AND 10000),
  ADD COLUMN tax_round_off boolean NOT NULL DEFAULT true,
  ADD COLUMN invoice_numbers_restart_each_year boolean NOT NULL DEFAULT false,
  ADD COLUMN tax_set_at bigint;

-- A field given as NULL stays as it is.
CREATE FUNCTION set_tax_settings(p_pin text, p_gstin text, p_us_sales_tax_basis_points integer, p_round_off boolean, p_restart_each_year boolean)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  UPDATE stores
    SET tax_gstin = coalesce(p_gstin, tax_gstin),
        tax_us_sales_tax_basis_points = coalesce(p_us_sales_tax_basis_points, tax_us_sales_tax_basis_points),
        tax_round_off = coalesce(p_round_off, tax_round_off),
        invoice_numbers_restart_each_year = coalesce(p_restart_each_year, invoice_numbers_restart_each_year),
        tax_set_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint
    WHERE id = store;
  PERFORM config_changed(store);
END
$$;
REVOKE ALL ON FUNCTION set_tax_settings(text, text, integer, boolean, boolean) FROM PUBLIC;

DO $$
BEGIN
  EXECUTE format('GRANT SELECT (tax_gstin, tax_us_sales_tax_basis_points, tax_round_off, invoice_numbers_restart_each_year, tax_set_at) ON stores TO %I', pc_group());
  EXECUTE format('GRANT EXECUTE ON FUNCTION set_tax_settings(text, text, integer, boolean, boolean) TO %I', pc_group());
END
$$;
`,
};
