import type { Migration } from './index';

// The audit trail of access to the manager screens: the PIN set, changed or reset (the reset is
// done outside the app, by someone signed in to the computer's account), and each lockout after
// too many wrong PINs. Append-only, like the payments' audit trail.
export const accessEvents: Migration = {
  version: 6,
  name: 'access events',
  sql: `
CREATE TABLE access_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pin_set', 'pin_changed', 'pin_reset', 'pin_locked_out')),
  actor TEXT NOT NULL CHECK (trim(actor) <> ''),
  detail TEXT NOT NULL
) STRICT;

CREATE TRIGGER access_events_no_update
BEFORE UPDATE ON access_events
BEGIN
  SELECT RAISE(ABORT, 'access_events is append-only');
END;

CREATE TRIGGER access_events_no_delete
BEFORE DELETE ON access_events
BEGIN
  SELECT RAISE(ABORT, 'access_events is append-only');
END;
`,
};
