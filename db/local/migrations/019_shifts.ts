import type { Migration } from './index';

// Shifts per counter: a cashier opens the drawer with a float, records cash put in or taken out
// (each with a reason and who did it), and closes it with the cash counted; the close keeps what
// was expected then, so over/short never changes afterwards. One open shift per counter at a time;
// a closed shift and its movements never change, and nothing is ever deleted.
export const shifts: Migration = {
  version: 19,
  name: 'shifts',
  sql: `
CREATE TABLE shifts (
  id TEXT PRIMARY KEY,
  counter_id TEXT NOT NULL REFERENCES counters (id),
  opened_by TEXT NOT NULL CHECK (trim(opened_by) <> ''),
  float_minor INTEGER NOT NULL CHECK (float_minor >= 0),
  opened_at INTEGER NOT NULL,
  closed_by TEXT CHECK (closed_by IS NULL OR trim(closed_by) <> ''),
  counted_minor INTEGER CHECK (counted_minor IS NULL OR counted_minor >= 0),
  expected_minor INTEGER,
  closed_at INTEGER,
  CHECK ((closed_at IS NULL) = (closed_by IS NULL) AND (closed_at IS NULL) = (counted_minor IS NULL) AND (closed_at IS NULL) = (expected_minor IS NULL)),
  CHECK (closed_at IS NULL OR closed_at >= opened_at)
) STRICT;
CREATE UNIQUE INDEX shifts_one_open_per_counter ON shifts (counter_id) WHERE closed_at IS NULL;
CREATE INDEX shifts_by_counter ON shifts (counter_id, opened_at);
CREATE TRIGGER shifts_closed_never_change
BEFORE UPDATE ON shifts
WHEN OLD.closed_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.counter_id IS NOT OLD.counter_id OR NEW.opened_by IS NOT OLD.opened_by
  OR NEW.float_minor IS NOT OLD.float_minor OR NEW.opened_at IS NOT OLD.opened_at
BEGIN
  SELECT RAISE(ABORT, 'shifts: a shift is only ever closed, once');
END;
CREATE TRIGGER shifts_never_deleted
BEFORE DELETE ON shifts
BEGIN
  SELECT RAISE(ABORT, 'shifts: a shift is never deleted');
END;

CREATE TABLE cash_movements (
  id TEXT PRIMARY KEY,
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  reason TEXT NOT NULL CHECK (trim(reason) <> ''),
  by_name TEXT NOT NULL CHECK (trim(by_name) <> ''),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX cash_movements_by_shift ON cash_movements (shift_id, created_at);
CREATE TRIGGER cash_movements_into_open_shift
BEFORE INSERT ON cash_movements
WHEN NOT EXISTS (SELECT 1 FROM shifts WHERE id = NEW.shift_id AND closed_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'cash_movements: the shift is closed');
END;
CREATE TRIGGER cash_movements_append_only_update
BEFORE UPDATE ON cash_movements
BEGIN
  SELECT RAISE(ABORT, 'cash_movements: append-only');
END;
CREATE TRIGGER cash_movements_append_only_delete
BEFORE DELETE ON cash_movements
BEGIN
  SELECT RAISE(ABORT, 'cash_movements: append-only');
END;
`,
};
