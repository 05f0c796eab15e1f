import type { StoreMigration } from './index';

// Cashiers shared by a store's PCs (issue 23): a cashier added on one PC signs in on every PC. The
// list is configuration like the counters: a PC's role reads its store's cashiers (name, the PIN's
// salted scrypt hash as the app writes it, never the PIN; added and removed times) and changes them
// only through SECURITY DEFINER functions that check the manager PIN (migration 006's lockout) and
// move the configuration version on, so every PC re-reads and caches them (sign-in works with the
// link down). A cashier is removed, never deleted: old sales keep their name. Wrong cashier PINs
// are counted on each PC, where the sign-in is checked (core/cashiers/handlers.ts).
export const storeCashiers: StoreMigration = {
  version: 13,
  name: 'store cashiers',
  sql: `
CREATE TABLE store_cashiers (
  store_id text NOT NULL REFERENCES stores (id),
  id text NOT NULL,
  name text NOT NULL CHECK (btrim(name) <> '' AND char_length(name) <= 40),
  pin_hash text NOT NULL CHECK (pin_hash ~ '^scrypt\\$[0-9]+\\$[0-9]+\\$[0-9]+\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$'),
  created_at bigint NOT NULL,
  removed_at bigint,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX store_cashiers_one_name ON store_cashiers (store_id, lower(btrim(name))) WHERE removed_at IS NULL;
ALTER TABLE store_cashiers ENABLE ROW LEVEL SECURITY;
CREATE POLICY store_cashiers_read ON store_cashiers FOR SELECT USING (store_id = current_store());

CREATE FUNCTION add_cashier(p_pin text, p_id text, p_name text, p_pin_hash text, p_created_at bigint) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  INSERT INTO store_cashiers (store_id, id, name, pin_hash, created_at) VALUES (store, p_id, p_name, p_pin_hash, p_created_at);
  PERFORM config_changed(store);
END
$$;

CREATE FUNCTION remove_cashier(p_pin text, p_id text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  UPDATE store_cashiers SET removed_at = db_now_ms() WHERE store_id = store AND id = p_id AND removed_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'cashierId: no cashier % in this store', p_id USING ERRCODE = 'P0002';
  END IF;
  PERFORM config_changed(store);
END
$$;

REVOKE ALL ON FUNCTION add_cashier(text, text, text, text, bigint), remove_cashier(text, text) FROM PUBLIC;
DO $$ BEGIN
  EXECUTE format('GRANT SELECT ON store_cashiers TO %I', pc_group());
  EXECUTE format('GRANT EXECUTE ON FUNCTION add_cashier(text, text, text, text, bigint), remove_cashier(text, text) TO %I', pc_group());
END $$;
`,
};
