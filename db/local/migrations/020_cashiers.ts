import type { Migration } from './index';
import { outboxTriggers, type OutboxTable } from './010_store_outbox';
import { INVOICES_OUTBOX_014 } from './014_integration_api';

// Cashiers (issue 23): the manager adds and removes them, each with a short PIN kept only as a
// salted scrypt hash (as the manager PIN), with the same lockout counted here; a cashier signs in at
// a counter with their PIN, and each invoice made there then names them (shipped to the store: store
// migration 011 has the column). Removing a cashier keeps their row: old sales still name them.
// A counter with no cashiers defined works without a sign-in, as before.

/** Invoices as shipped from this migration on: with the cashier who made them (frozen here). */
export const INVOICES_OUTBOX_020: OutboxTable = { ...INVOICES_OUTBOX_014, columns: [...INVOICES_OUTBOX_014.columns, 'cashier'] };

export const cashiers: Migration = {
  version: 20,
  name: 'cashiers',
  sql: `
CREATE TABLE cashiers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  pin_hash TEXT NOT NULL,
  failed_tries INTEGER NOT NULL DEFAULT 0 CHECK (failed_tries >= 0),
  lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  removed_at INTEGER
) STRICT;
CREATE UNIQUE INDEX cashiers_one_name ON cashiers (lower(trim(name))) WHERE removed_at IS NULL;
CREATE TRIGGER cashiers_never_deleted
BEFORE DELETE ON cashiers
BEGIN
  SELECT RAISE(ABORT, 'cashiers: a cashier is removed, never deleted');
END;

-- Who is signed in at each counter now (none: nobody, or no cashiers defined).
CREATE TABLE counter_cashiers (
  counter_id TEXT PRIMARY KEY REFERENCES counters (id),
  cashier_id TEXT NOT NULL REFERENCES cashiers (id),
  signed_in_at INTEGER NOT NULL
) STRICT;

ALTER TABLE invoices ADD COLUMN cashier TEXT CHECK (cashier IS NULL OR trim(cashier) <> '');
DROP TRIGGER invoices_outbox_insert;
DROP TRIGGER invoices_outbox_update;
${outboxTriggers(INVOICES_OUTBOX_020)}
`,
};
