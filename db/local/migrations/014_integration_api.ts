import { OUTBOX_TABLES_010, outboxTriggers, type OutboxTable } from './010_store_outbox';
import type { Migration } from './index';

// The local integration API (issue 24): the keys a manager gives to other billing programs, every
// call made with one (append-only), the Idempotency-Key of each charge request with the request's
// fingerprint, and which program and reference an invoice came from.
// A key is stored as the SHA-256 of its 32 random bytes: a key that random cannot be guessed from its
// hash, so a slow hash (scrypt) would only slow every call down.
const invoices010 = OUTBOX_TABLES_010.find((table) => table.table === 'invoices') as OutboxTable;

/** Invoices as shipped from this migration on: with the program that sent them (frozen here). */
export const INVOICES_OUTBOX_014: OutboxTable = { ...invoices010, columns: [...invoices010.columns, 'program'] };

export const integrationApi: Migration = {
  version: 14,
  name: 'integration api',
  sql: `
CREATE TABLE integration_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  key_prefix TEXT NOT NULL,
  scopes TEXT NOT NULL CHECK (json_valid(scopes) AND json_type(scopes) = 'array'),
  counter_ids TEXT NOT NULL CHECK (json_valid(counter_ids) AND json_type(counter_ids) = 'array'),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;

CREATE TRIGGER integration_keys_revoked_stays
BEFORE UPDATE ON integration_keys
WHEN OLD.revoked_at IS NOT NULL OR NEW.key_hash <> OLD.key_hash OR NEW.id <> OLD.id
BEGIN
  SELECT RAISE(ABORT, 'a revoked key stays revoked and a key keeps its hash');
END;

CREATE TABLE integration_calls (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key_id TEXT REFERENCES integration_keys (id),
  at INTEGER NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  error_code TEXT
) STRICT;

CREATE INDEX integration_calls_by_key ON integration_calls (key_id, at);

CREATE TRIGGER integration_calls_no_update
BEFORE UPDATE ON integration_calls
BEGIN
  SELECT RAISE(ABORT, 'integration_calls is append-only');
END;

CREATE TRIGGER integration_calls_no_delete
BEFORE DELETE ON integration_calls
BEGIN
  SELECT RAISE(ABORT, 'integration_calls is append-only');
END;

-- The program that sent an invoice, shown with it on the counter's screen (its reference there is
-- the invoice's number); null for the screens' own invoices.
ALTER TABLE invoices ADD COLUMN program TEXT CHECK (program IS NULL OR trim(program) <> '');

-- A joined PC ships the program with its invoice (store migration 007 has the column).
DROP TRIGGER invoices_outbox_insert;
DROP TRIGGER invoices_outbox_update;
${outboxTriggers(INVOICES_OUTBOX_014)}

CREATE TABLE integration_invoices (
  invoice_id TEXT PRIMARY KEY REFERENCES invoices (id),
  key_id TEXT NOT NULL REFERENCES integration_keys (id),
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX integration_invoices_by_key ON integration_invoices (key_id, created_at);

CREATE TABLE integration_requests (
  key_id TEXT NOT NULL REFERENCES integration_keys (id),
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  attempt_id TEXT REFERENCES charge_attempts (id),
  status INTEGER,
  answer TEXT CHECK (answer IS NULL OR json_valid(answer)),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (key_id, idempotency_key)
) STRICT;
`,
};
