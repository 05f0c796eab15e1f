import type { StoreMigration } from './index';

// What each PC still has to send (issue 21): its heartbeat, and each batch it ships, say how many
// changes wait in its outbox and when the oldest of them was made, so that the store's day close
// names a PC heard from lately whose changes of that day have not reached the store yet.
export const storeStationBacklog: StoreMigration = {
  version: 14,
  name: 'station backlog',
  sql: `
ALTER TABLE stations ADD COLUMN unshipped_count integer NOT NULL DEFAULT 0 CHECK (unshipped_count >= 0);
ALTER TABLE stations ADD COLUMN unshipped_since bigint;
DO $$
BEGIN
  EXECUTE format('GRANT UPDATE (unshipped_count, unshipped_since) ON stations TO %I', pc_group());
END
$$;
`,
};
