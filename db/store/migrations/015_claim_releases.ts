import type { StoreMigration } from './index';

// A manager's release of another PC's stale claim is recorded (issue 21): the PC released may still
// be finishing a payment on the counter's terminal while cut off from the store, so another PC takes
// that terminal only once Zoho says its last payment there is final, or that payment's validity plus
// grace has passed since the release (core/store-link/released-terminals.ts). One row per counter and
// PC released, the latest release; it goes when that PC claims the counter again (it is back, and its
// payments reach the store as usual).
export const storeClaimReleases: StoreMigration = {
  version: 15,
  name: 'claim releases recorded',
  sql: `
CREATE TABLE claim_releases (
  store_id text NOT NULL REFERENCES stores (id),
  counter_id text NOT NULL,
  station_id text NOT NULL,
  terminal_id text NOT NULL,
  released_by text NOT NULL,
  released_at bigint NOT NULL,
  PRIMARY KEY (store_id, counter_id, station_id)
);
CREATE INDEX claim_releases_terminal ON claim_releases (store_id, terminal_id);
ALTER TABLE claim_releases ENABLE ROW LEVEL SECURITY;
CREATE POLICY claim_releases_read ON claim_releases FOR SELECT USING (store_id = current_store());
CREATE POLICY claim_releases_back ON claim_releases FOR DELETE USING (store_id = current_store() AND station_id = current_station());
DO $$ BEGIN EXECUTE format('GRANT SELECT, DELETE ON claim_releases TO %I', pc_group()); END $$;

CREATE OR REPLACE FUNCTION release_claim(p_pin text, p_counter_id text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  INSERT INTO claim_releases (store_id, counter_id, station_id, terminal_id, released_by, released_at)
  SELECT c.store_id, c.counter_id, c.station_id, k.terminal_id, current_station(), (extract(epoch FROM clock_timestamp()) * 1000)::bigint
  FROM counter_claims AS c JOIN counters AS k ON k.store_id = c.store_id AND k.id = c.counter_id
  WHERE c.store_id = store AND c.counter_id = p_counter_id AND c.station_id <> current_station()
  ON CONFLICT (store_id, counter_id, station_id) DO UPDATE SET terminal_id = EXCLUDED.terminal_id, released_by = EXCLUDED.released_by, released_at = EXCLUDED.released_at;
  DELETE FROM counter_claims WHERE store_id = store AND counter_id = p_counter_id;
END
$$;
`,
};
