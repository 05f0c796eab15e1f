import type { StoreMigration } from './index';

// Another PC's payment checked by hand from this one (issue 21: the store's day close lists every
// PC's payments needing a person). No PC writes another's ledger: the review is a row of its own,
// in the reviewing PC's name; the store's close report counts the payment as checked from then on,
// and the PC that took it records the review in its own ledger at its next heartbeat (applied_at).
export const storeAttemptReviews: StoreMigration = {
  version: 9,
  name: 'reviews of another PC’s payments',
  sql: `
CREATE TABLE attempt_reviews (
  store_id text NOT NULL REFERENCES stores (id),
  owner_station_id text NOT NULL,
  attempt_id text NOT NULL,
  reviewed_by_station_id text NOT NULL,
  note text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 200),
  at bigint NOT NULL,
  applied_at bigint,
  PRIMARY KEY (store_id, owner_station_id, attempt_id)
);
CREATE INDEX attempt_reviews_pending ON attempt_reviews (store_id, owner_station_id) WHERE applied_at IS NULL;
ALTER TABLE attempt_reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY attempt_reviews_read ON attempt_reviews FOR SELECT USING (store_id = current_store());
CREATE POLICY attempt_reviews_write ON attempt_reviews FOR INSERT
  WITH CHECK (store_id = current_store() AND reviewed_by_station_id = current_station());
CREATE POLICY attempt_reviews_applied ON attempt_reviews FOR UPDATE
  USING (store_id = current_store() AND owner_station_id = current_station())
  WITH CHECK (store_id = current_store() AND owner_station_id = current_station());
DO $$ BEGIN
  EXECUTE format('GRANT SELECT, INSERT ON attempt_reviews TO %I', pc_group());
  EXECUTE format('GRANT UPDATE (applied_at) ON attempt_reviews TO %I', pc_group());
END $$;
`,
};
