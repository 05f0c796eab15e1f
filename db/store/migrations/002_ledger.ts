import { TALLY_SLOT_MS } from '../../local/migrations/003_attempt_tallies';
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

-- The store's day log, newest first (created_at, id: the log's order, so a page reads only its rows),
-- for the whole store, one PC or one counter.
CREATE INDEX charge_attempts_store_created ON charge_attempts (store_id, created_at, id);
CREATE INDEX charge_attempts_station_created ON charge_attempts (store_id, station_id, created_at, id);
CREATE INDEX charge_attempts_counter_created ON charge_attempts (store_id, counter_id, created_at, id);
-- A counter's terminal may not change while any PC has a live payment on it.
CREATE INDEX charge_attempts_live_counter ON charge_attempts (store_id, counter_id)
  WHERE state IN ('creating', 'in_progress');
-- The day's payments that wait for a person.
CREATE INDEX charge_attempts_awaiting_review ON charge_attempts (store_id, created_at)
  WHERE state IN ('unknown', 'unresolved') AND reviewed_at IS NULL;

-- The day's totals, kept as the attempts arrive (as the PCs' SQLite keeps them, migration 003
-- there): a count and an amount per 15-minute slot, PC, counter, state and method, so a day's
-- totals read ~100 rows however busy the store. Only an attempt's state moves it between tallies:
-- what was asked (store, PC, counter, amount, method, time) never changes.
CREATE TABLE attempt_tallies (
  store_id text NOT NULL,
  slot_start bigint NOT NULL,
  station_id text NOT NULL,
  counter_id text NOT NULL,
  state text NOT NULL,
  method text NOT NULL,
  attempt_count bigint NOT NULL CHECK (attempt_count >= 0),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (store_id, slot_start, station_id, counter_id, state, method)
);

CREATE FUNCTION charge_attempts_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.state IS NOT DISTINCT FROM OLD.state THEN
      RETURN NEW;
    END IF;
    UPDATE attempt_tallies SET attempt_count = attempt_count - 1, amount_minor = amount_minor - OLD.amount_minor
    WHERE store_id = OLD.store_id AND slot_start = OLD.created_at - OLD.created_at % ${TALLY_SLOT_MS} AND station_id = OLD.station_id
      AND counter_id = OLD.counter_id AND state = OLD.state AND method = OLD.method;
  END IF;
  INSERT INTO attempt_tallies (store_id, slot_start, station_id, counter_id, state, method, attempt_count, amount_minor)
  VALUES (NEW.store_id, NEW.created_at - NEW.created_at % ${TALLY_SLOT_MS}, NEW.station_id, NEW.counter_id, NEW.state, NEW.method, 1, NEW.amount_minor)
  ON CONFLICT (store_id, slot_start, station_id, counter_id, state, method)
  DO UPDATE SET attempt_count = attempt_tallies.attempt_count + 1, amount_minor = attempt_tallies.amount_minor + EXCLUDED.amount_minor;
  RETURN NEW;
END
$$;

CREATE TRIGGER charge_attempts_tally AFTER INSERT OR UPDATE OF state ON charge_attempts
  FOR EACH ROW EXECUTE FUNCTION charge_attempts_tally();

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
