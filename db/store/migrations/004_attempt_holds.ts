import type { StoreMigration } from './index';

// A lost create answer holds its terminal and invoice on its PC (SQLite migration 005 there) until a
// session it may have made has surely expired, or a manager releases it. The hold columns arrive with
// the attempts, so a held terminal is held for every PC of the store (core/store-link/terminal-use.ts),
// found by a partial index over the attempts that take a terminal: live, or held.
export const storeAttemptHolds: StoreMigration = {
  version: 4,
  name: 'attempt holds',
  sql: `
ALTER TABLE charge_attempts ADD COLUMN hold_until bigint;
ALTER TABLE charge_attempts ADD COLUMN hold_ended_at bigint;

CREATE INDEX charge_attempts_taken_terminal ON charge_attempts (store_id, terminal_id)
  WHERE state IN ('creating', 'in_progress') OR (hold_until IS NOT NULL AND hold_ended_at IS NULL);
`,
};
