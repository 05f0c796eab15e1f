import type { StoreMigration } from './index';

// The receipt's store name and address (migration 008) are configuration like the poll interval: a
// PC's role changes them only through a SECURITY DEFINER function that checks the manager PIN itself
// (with the store's lockout, migration 006), and the configuration version moves on so every PC
// re-reads them. A field given as NULL stays as it is.
export const storeReceiptDetailsPin: StoreMigration = {
  version: 10,
  name: 'receipt details through the PIN',
  sql: `
CREATE FUNCTION set_receipt_details(p_pin text, p_name text, p_address text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  UPDATE stores SET receipt_name = coalesce(p_name, receipt_name, ''), receipt_address = coalesce(p_address, receipt_address, '') WHERE id = store;
  PERFORM config_changed(store);
END
$$;
REVOKE ALL ON FUNCTION set_receipt_details(text, text, text) FROM PUBLIC;
DO $$ BEGIN EXECUTE format('GRANT EXECUTE ON FUNCTION set_receipt_details(text, text, text) TO %I', pc_group()); END $$;
`,
};
