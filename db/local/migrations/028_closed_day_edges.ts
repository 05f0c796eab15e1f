import type { Migration } from './index';

// Closed days and set-aside rows at the store's edges (issue 21):
// - A row of a closed day that reached the store after the close (late-arrivals.ts) is counted on the
//   next open day by its correction, so the closed day's own totals leave it out: the corrections of
//   a closed day are found by that day (`closed_day`), not only by the day they are counted on.
// - A refund of a closed day whose lost answer Zoho's list cannot settle is marked as needing a
//   manager's decision on its own record: state, Zoho's refund id and final time stay as the close
//   left them (migration 009 refuses any other change); the decision is a correction on an open day.
// - A row the store link set aside may be a change the store refused while shipping (`ship`), and a
//   manager may dismiss an entry from the Manager alert: who and when are kept; the entry stays.
export const closedDayEdges: Migration = {
  version: 28,
  name: 'closed day edges',
  sql: `
CREATE INDEX corrections_closed_day ON corrections (closed_day, record_kind, record_id);

DROP TRIGGER refunds_closed_day_update;
CREATE TRIGGER refunds_closed_day_update
BEFORE UPDATE OF state, zoho_refund_id, failure_reason, failure_message, final_at ON refunds
WHEN EXISTS (SELECT 1 FROM day_closes WHERE from_ms <= OLD.created_at AND to_ms > OLD.created_at)
  AND NOT (
    OLD.state = 'unknown' AND NEW.state = 'unknown' AND NEW.failure_reason = 'needs_review'
    AND NEW.zoho_refund_id IS OLD.zoho_refund_id AND NEW.final_at IS OLD.final_at
  )
BEGIN
  SELECT RAISE(ABORT, 'day_closed: the day of this record is closed');
END;

CREATE TABLE link_set_aside_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('review', 'relearn', 'ship')),
  record_id TEXT NOT NULL CHECK (record_id <> ''),
  detail TEXT NOT NULL CHECK (detail <> ''),
  dismissed_at INTEGER,
  dismissed_by TEXT CHECK (dismissed_by IS NULL OR trim(dismissed_by) <> ''),
  CHECK ((dismissed_at IS NULL) = (dismissed_by IS NULL))
) STRICT;
INSERT INTO link_set_aside_new (id, at, kind, record_id, detail) SELECT id, at, kind, record_id, detail FROM link_set_aside;
DROP TABLE link_set_aside;
ALTER TABLE link_set_aside_new RENAME TO link_set_aside;
CREATE INDEX link_set_aside_by_time ON link_set_aside (at);
CREATE TRIGGER link_set_aside_never_deleted
BEFORE DELETE ON link_set_aside
BEGIN
  SELECT RAISE(ABORT, 'link_set_aside: an entry is dismissed, never deleted');
END;
CREATE TRIGGER link_set_aside_kept
BEFORE UPDATE OF id, at, kind, record_id, detail ON link_set_aside
BEGIN
  SELECT RAISE(ABORT, 'link_set_aside: an entry never changes, it is only dismissed');
END;
CREATE TRIGGER link_set_aside_dismissed_once
BEFORE UPDATE OF dismissed_at, dismissed_by ON link_set_aside
WHEN OLD.dismissed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'link_set_aside: already dismissed');
END;
`,
};
