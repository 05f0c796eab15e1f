import type { StoreMigration } from './index';

// What the PCs of one Zoho account coordinate here. Settlements: a payment re-checked from another
// PC (its own may be dead) is settled store-wide at once, and its PC applies the outcome to its own
// ledger when it next reaches the store. Token requests: Zoho limits token requests per account,
// so every PC (of every store on the account) books each one here before sending it.
export const sharedZohoUse: StoreMigration = {
  version: 3,
  name: 'shared zoho use',
  sql: `
CREATE TABLE settlements (
  store_id text NOT NULL REFERENCES stores (id),
  attempt_id text NOT NULL,
  -- The PC whose ledger holds the attempt, and the PC that asked Zoho.
  owner_station_id text NOT NULL,
  settled_by_station_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('succeeded', 'failed')),
  payment_id text,
  paid_method text,
  failure_code text,
  failure_message text,
  at bigint NOT NULL,
  applied_at bigint,
  PRIMARY KEY (store_id, attempt_id)
);

CREATE INDEX settlements_unapplied ON settlements (store_id, owner_station_id) WHERE applied_at IS NULL;

CREATE TABLE token_requests (
  account_key text NOT NULL,
  at bigint NOT NULL,
  store_id text NOT NULL,
  station_id text NOT NULL
);

CREATE INDEX token_requests_account_at ON token_requests (account_key, at);
`,
};
