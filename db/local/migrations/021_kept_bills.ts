import type { Migration } from './index';

// Bills that survive (issue 23): the bill being built at each counter, kept as the cashier types so
// a trip to another screen, a reload or a restart loses nothing; and bills put aside (held) under a
// label until recalled. Both are this PC's own working state: nothing here ships to the store.
export const keptBills: Migration = {
  version: 21,
  name: 'kept bills',
  sql: `
CREATE TABLE bill_drafts (
  counter_id TEXT PRIMARY KEY REFERENCES counters (id),
  bill TEXT NOT NULL CHECK (json_valid(bill) AND json_type(bill) = 'object'),
  kept_at INTEGER NOT NULL
) STRICT;

CREATE TABLE held_bills (
  id TEXT PRIMARY KEY,
  counter_id TEXT NOT NULL REFERENCES counters (id),
  label TEXT NOT NULL CHECK (trim(label) <> ''),
  total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
  bill TEXT NOT NULL CHECK (json_valid(bill) AND json_type(bill) = 'object'),
  held_at INTEGER NOT NULL
) STRICT;

CREATE INDEX held_bills_by_counter ON held_bills (counter_id, held_at);
`,
};
