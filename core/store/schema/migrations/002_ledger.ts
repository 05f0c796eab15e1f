import type { StoreMigration } from './index';

// The ledger of every PC: each PC writes to its own SQLite first and ships every change here
// through its outbox, in order and exactly once. The columns are the SQLite ones (migrations
// 001-004 there), plus the store and the PC (station) that wrote the row. No foreign keys between
// these tables: a PC's rows arrive in its own order and nothing here may refuse them. Each PC's
// cursor (the last outbox event applied) makes shipping exactly once.
export const storeLedger: StoreMigration = {
  version: 2,
  name: 'ledger',
  sql: `
ALTER TABLE stations ADD COLUMN outbox_epoch text;
ALTER TABLE stations ADD COLUMN shipped_seq bigint NOT NULL DEFAULT 0;

CREATE TABLE invoices (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  counter_id text NOT NULL,
  lines text NOT NULL,
  total_minor bigint NOT NULL,
  currency text NOT NULL,
  status text NOT NULL,
  created_at bigint NOT NULL,
  paid_at bigint,
  payment_id text,
  PRIMARY KEY (store_id, id)
);

CREATE TABLE charge_attempts (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id text NOT NULL,
  invoice_id text NOT NULL,
  counter_id text NOT NULL,
  terminal_id text NOT NULL,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  method text NOT NULL,
  payments_session_id text,
  state text NOT NULL,
  failure_code text,
  failure_message text,
  payment_id text,
  paid_method text,
  declined_tries text NOT NULL,
  mismatch text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  final_at bigint,
  last_polled_at bigint,
  poll_count integer NOT NULL,
  session_created_at bigint,
  reviewed_at bigint,
  review_note text,
  PRIMARY KEY (store_id, id)
);

-- The store's day log, newest first, optionally for one PC or one counter; the totals read the
-- same index without touching the table (INCLUDE).
CREATE INDEX charge_attempts_store_created ON charge_attempts (store_id, created_at)
  INCLUDE (station_id, counter_id, state, method, amount_minor, reviewed_at);
CREATE INDEX charge_attempts_station_created ON charge_attempts (store_id, station_id, created_at);
CREATE INDEX charge_attempts_counter_created ON charge_attempts (store_id, counter_id, created_at);
-- A counter's terminal may not change while any PC has a live payment on it.
CREATE INDEX charge_attempts_live_counter ON charge_attempts (store_id, counter_id)
  WHERE state IN ('creating', 'in_progress');

CREATE TABLE attempt_events (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id bigint NOT NULL,
  attempt_id text NOT NULL,
  at bigint NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (store_id, station_id, id)
);

CREATE INDEX attempt_events_attempt ON attempt_events (store_id, attempt_id, id);
`,
};
