import type { Migration } from './index';

// Rows the store link set aside (issue 21): one row of the store that this PC's ledger cannot take
// (a review made on another PC of a payment that no longer waits for one, a row a restored ledger
// refuses) never stops the link; it is kept here, with what it was, for the Manager screen's alert.
// This PC's own record of its link: nothing here ships to the store.
export const linkSetAside: Migration = {
  version: 24,
  name: 'link set aside',
  sql: `
CREATE TABLE link_set_aside (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('review', 'relearn')),
  record_id TEXT NOT NULL CHECK (record_id <> ''),
  detail TEXT NOT NULL CHECK (detail <> '')
) STRICT;

CREATE INDEX link_set_aside_by_time ON link_set_aside (at);
`,
};
