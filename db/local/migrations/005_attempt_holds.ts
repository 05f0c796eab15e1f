import type { Migration } from './index';

// A create whose answer was lost (unknown) may have made a session that stays live on the terminal
// for the session's validity. Such an attempt holds its terminal and its invoice until that session
// has surely expired, or until a manager who checked the terminal releases it: the database refuses
// a second charge on either meanwhile, as it refuses one beside a live payment. The unique indexes
// of migration 001 are replaced by ones over live or held attempts. `hold_until` is this computer's
// clock, for display: the app ends the hold on a monotonic clock. Attempts already unknown before
// this version hold nothing (the rule did not exist when they were made). The indexes' WHERE is a
// frozen copy of TAKEN_CONDITION (live-attempts.ts), so the app's lookups use them; the test proves it.
export const attemptHolds: Migration = {
  version: 5,
  name: 'attempt holds',
  sql: `
ALTER TABLE charge_attempts ADD COLUMN hold_until INTEGER CHECK (hold_until IS NULL OR state = 'unknown');
ALTER TABLE charge_attempts ADD COLUMN hold_ended_at INTEGER CHECK (hold_ended_at IS NULL OR hold_until IS NOT NULL);

DROP INDEX charge_attempts_live_terminal;
DROP INDEX charge_attempts_live_invoice;
CREATE UNIQUE INDEX charge_attempts_taken_terminal ON charge_attempts (terminal_id) WHERE state IN ('creating', 'in_progress') OR (hold_until IS NOT NULL AND hold_ended_at IS NULL);
CREATE UNIQUE INDEX charge_attempts_taken_invoice ON charge_attempts (invoice_id) WHERE state IN ('creating', 'in_progress') OR (hold_until IS NOT NULL AND hold_ended_at IS NULL);
-- The holds still running, read at start-up.
CREATE INDEX charge_attempts_held ON charge_attempts (hold_until) WHERE hold_until IS NOT NULL AND hold_ended_at IS NULL;

-- A hold is never taken away, and one that ended stays ended.
CREATE TRIGGER charge_attempts_hold_kept
BEFORE UPDATE OF hold_until, hold_ended_at ON charge_attempts
WHEN (OLD.hold_until IS NOT NULL AND NEW.hold_until IS NULL)
  OR (OLD.hold_ended_at IS NOT NULL AND (NEW.hold_ended_at IS NOT OLD.hold_ended_at OR NEW.hold_until IS NOT OLD.hold_until))
BEGIN
  SELECT RAISE(ABORT, 'charge_attempts: a hold is never taken away, and one that ended stays ended');
END;
`,
};
