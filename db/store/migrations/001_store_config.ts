import type { StoreMigration } from './index';

// What a store shares: its configuration (the manager PIN's hash, preferences, the Zoho account's
// non-secret details), its PCs (stations) with their heartbeats, its counters, and which PC holds
// each counter. Every row carries its store: several stores (a chain) may share one database.
// Times are unix ms, as in the PCs' SQLite files.
export const storeConfig: StoreMigration = {
  version: 1,
  name: 'store config',
  sql: `
CREATE TABLE counter_store_schema (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version integer NOT NULL
);

CREATE TABLE stores (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
  created_at bigint NOT NULL,
  pin_hash text,
  poll_interval_seconds integer,
  zoho_edition text,
  zoho_account_id text,
  zoho_client_id text,
  -- Bumped by every configuration change, so each PC re-reads its cache only when it moved.
  config_version bigint NOT NULL DEFAULT 1
);

CREATE TABLE stations (
  store_id text NOT NULL REFERENCES stores (id),
  id text NOT NULL,
  name text NOT NULL CHECK (btrim(name) <> ''),
  joined_at bigint NOT NULL,
  -- The database's clock at the last heartbeat, so PCs' clocks never matter.
  last_seen bigint NOT NULL,
  live_sessions integer NOT NULL DEFAULT 0 CHECK (live_sessions >= 0),
  -- Stopped cleanly: holds no share of the rate budget until its next heartbeat.
  stopped boolean NOT NULL DEFAULT false,
  PRIMARY KEY (store_id, id)
);

CREATE TABLE counters (
  store_id text NOT NULL REFERENCES stores (id),
  id text NOT NULL,
  name text NOT NULL CHECK (btrim(name) <> ''),
  terminal_id text NOT NULL CHECK (btrim(terminal_id) <> ''),
  invoice_prefix text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at bigint NOT NULL,
  PRIMARY KEY (store_id, id)
);

CREATE UNIQUE INDEX counters_active_terminal ON counters (store_id, terminal_id) WHERE active;
CREATE UNIQUE INDEX counters_active_invoice_prefix ON counters (store_id, invoice_prefix) WHERE active;

-- One counter, one PC: a claim lives as long as its PC's heartbeats (the lease); a stale one stays
-- until a manager releases it. A PC holds at most one counter.
CREATE TABLE counter_claims (
  store_id text NOT NULL,
  counter_id text NOT NULL,
  station_id text NOT NULL,
  claimed_at bigint NOT NULL,
  PRIMARY KEY (store_id, counter_id),
  FOREIGN KEY (store_id, counter_id) REFERENCES counters (store_id, id),
  FOREIGN KEY (store_id, station_id) REFERENCES stations (store_id, id)
);

CREATE INDEX counter_claims_station ON counter_claims (store_id, station_id);
`,
};
