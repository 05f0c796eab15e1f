import type { StoreMigration } from './index';

// A closed day's totals leave out its rows that reached the store after the close: their
// corrections count them on the next open day (SQLite migration 028 there). The corrections of a
// closed day are read by that day, for every PC of the store.
export const storeCorrectionsClosedDay: StoreMigration = {
  version: 19,
  name: 'corrections by closed day',
  sql: `
CREATE INDEX corrections_closed_day ON corrections (store_id, closed_day, record_kind, record_id);
`,
};
