import type { Migration } from './index';

// Store mode, local first: the counters' claims as this PC last read them from the store (or made
// them), with each holder's lease (its last heartbeat by the store's clock), kept on this PC's disk.
// A PC restarted while the store is unreachable resumes charging on the counters it holds; on
// reconnecting the store's claims replace these whole, so a claim a manager released meanwhile is
// gone before the next charge. Never shipped: the store is where claims are decided.
export const storeClaims: Migration = {
  version: 12,
  name: 'store claims kept on disk',
  sql: `
CREATE TABLE store_claims (
  store_id TEXT NOT NULL CHECK (store_id <> ''),
  counter_id TEXT NOT NULL CHECK (counter_id <> ''),
  station_id TEXT NOT NULL CHECK (station_id <> ''),
  station_name TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  stale INTEGER NOT NULL CHECK (stale IN (0, 1)),
  PRIMARY KEY (store_id, counter_id)
) STRICT;
`,
};
