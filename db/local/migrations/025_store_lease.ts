import type { Migration } from './index';

// Store mode, a stale claim released by a manager (issue 21): this PC's lease on its counters' claims
// is renewed by each heartbeat the store answers; cut off from the store it starts no new payment once
// the lease has lapsed, since a manager may have given its counter to another PC meanwhile. The last
// renewal (this PC's clock, unix ms) is kept on disk, so a restart with the store unreachable goes on
// with the lease it had rather than a new one. Never shipped.
export const storeLease: Migration = {
  version: 25,
  name: 'store lease kept on disk',
  sql: `
CREATE TABLE store_lease (
  store_id TEXT PRIMARY KEY CHECK (store_id <> ''),
  renewed_at INTEGER NOT NULL
) STRICT;
`,
};
