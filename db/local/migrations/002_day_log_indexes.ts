import type { Migration } from './index';

// The day's payment log reads attempts by creation time, optionally for one counter or one state.
export const dayLogIndexes: Migration = {
  version: 2,
  name: 'day log indexes',
  sql: `
CREATE INDEX charge_attempts_created ON charge_attempts (created_at);
CREATE INDEX charge_attempts_counter_created ON charge_attempts (counter_id, created_at);
CREATE INDEX charge_attempts_state_created ON charge_attempts (state, created_at);
`,
};
