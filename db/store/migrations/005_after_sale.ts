import type { StoreMigration } from './index';

// Every PC's refunds (and their history), cash sales, day closes and corrections (SQLite migrations
// 007-009 there, shipped by its outbox from migration 011), with the store and the PC that wrote
// each row, so the store's log counts every PC's cash and refunds. As for the attempts (002): no
// foreign keys or refusals here, the PC that wrote a row already checked it. Indexed for the day's
// log: by the store's time (whole store, one PC, one counter), corrections and closes by their date.
export const storeAfterSale: StoreMigration = {
  version: 5,
  name: 'refunds, cash, day closes',
  sql: `
CREATE TABLE refunds (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id text NOT NULL,
  attempt_id text NOT NULL,
  invoice_id text NOT NULL,
  counter_id text NOT NULL,
  payment_id text NOT NULL,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  reason text NOT NULL,
  note text,
  request_key text NOT NULL,
  state text NOT NULL,
  zoho_refund_id text,
  failure_reason text,
  failure_message text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  final_at bigint,
  last_checked_at bigint,
  check_count integer NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX refunds_store_created ON refunds (store_id, created_at, id);
CREATE INDEX refunds_station_created ON refunds (store_id, station_id, created_at, id);
CREATE INDEX refunds_counter_created ON refunds (store_id, counter_id, created_at, id);

CREATE TABLE refund_events (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id bigint NOT NULL,
  refund_id text NOT NULL,
  at bigint NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (store_id, station_id, id)
);
CREATE INDEX refund_events_refund ON refund_events (store_id, refund_id, id);

CREATE TABLE tenders (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id text NOT NULL,
  invoice_id text NOT NULL,
  counter_id text NOT NULL,
  kind text NOT NULL,
  amount_minor bigint NOT NULL,
  tendered_minor bigint NOT NULL,
  change_minor bigint NOT NULL,
  currency text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX tenders_store_created ON tenders (store_id, created_at, id);
CREATE INDEX tenders_station_created ON tenders (store_id, station_id, created_at, id);
CREATE INDEX tenders_counter_created ON tenders (store_id, counter_id, created_at, id);

-- A PC closes a day once (its SQLite refuses a second); each PC's close of a date is kept.
CREATE TABLE day_closes (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id text NOT NULL,
  day text NOT NULL,
  from_ms bigint NOT NULL,
  to_ms bigint NOT NULL,
  closed_by text NOT NULL,
  awaiting_review integer NOT NULL,
  summary text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX day_closes_day ON day_closes (store_id, day, station_id);

CREATE TABLE corrections (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id text NOT NULL,
  day text NOT NULL,
  closed_day text NOT NULL,
  record_kind text NOT NULL,
  record_id text NOT NULL,
  counter_id text NOT NULL,
  invoice_number text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  amount_minor bigint NOT NULL,
  payment_id text,
  detail text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX corrections_day ON corrections (store_id, day, created_at);
`,
};
