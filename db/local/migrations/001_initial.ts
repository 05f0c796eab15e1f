import type { Migration } from './index';

// The state lists below are frozen copies of contract/domain.ts as of this version (a shipped
// migration never changes); migrations/001_initial.test.ts proves they match.
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE counters (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  terminal_id TEXT NOT NULL CHECK (trim(terminal_id) <> ''),
  invoice_prefix TEXT NOT NULL,
  next_invoice_seq INTEGER NOT NULL DEFAULT 1 CHECK (next_invoice_seq >= 1),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX counters_active_terminal ON counters (terminal_id) WHERE active = 1;
CREATE UNIQUE INDEX counters_active_invoice_prefix ON counters (invoice_prefix) WHERE active = 1;

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  counter_id TEXT NOT NULL REFERENCES counters (id),
  lines TEXT NOT NULL CHECK (json_valid(lines) AND json_type(lines) = 'array'),
  total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
  currency TEXT NOT NULL CHECK (currency IN ('INR', 'USD')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'payment_failed', 'void')),
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  payment_id TEXT,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
) STRICT;

CREATE INDEX invoices_counter_created ON invoices (counter_id, created_at);

-- What was billed never changes, and a paid invoice stays paid.
CREATE TRIGGER invoices_billed_fields_immutable
BEFORE UPDATE OF id, number, counter_id, lines, total_minor, currency, created_at ON invoices
BEGIN
  SELECT RAISE(ABORT, 'invoices: billed fields cannot change');
END;

CREATE TRIGGER invoices_paid_is_final
BEFORE UPDATE OF status ON invoices
WHEN OLD.status = 'paid' AND NEW.status <> 'paid'
BEGIN
  SELECT RAISE(ABORT, 'invoices: a paid invoice stays paid');
END;

CREATE TABLE charge_attempts (
  id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL REFERENCES invoices (id),
  counter_id TEXT NOT NULL REFERENCES counters (id),
  terminal_id TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (currency IN ('INR', 'USD')),
  method TEXT NOT NULL CHECK (method IN ('card', 'upi')),
  payments_session_id TEXT UNIQUE,
  state TEXT NOT NULL
    CHECK (state IN ('creating', 'in_progress', 'succeeded', 'failed', 'rejected', 'unknown', 'unresolved')),
  failure_code TEXT,
  failure_message TEXT,
  payment_id TEXT,
  paid_method TEXT,
  declined_tries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(declined_tries) AND json_type(declined_tries) = 'array'),
  mismatch TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  final_at INTEGER,
  last_polled_at INTEGER,
  poll_count INTEGER NOT NULL DEFAULT 0 CHECK (poll_count >= 0),
  session_created_at INTEGER,
  CHECK (state <> 'in_progress' OR payments_session_id IS NOT NULL),
  CHECK ((state IN ('succeeded', 'failed', 'rejected')) = (final_at IS NOT NULL))
) STRICT;

-- At most one live payment per terminal and per invoice: enforced here, whatever the app does.
CREATE UNIQUE INDEX charge_attempts_live_terminal ON charge_attempts (terminal_id)
  WHERE state IN ('creating', 'in_progress');
CREATE UNIQUE INDEX charge_attempts_live_invoice ON charge_attempts (invoice_id)
  WHERE state IN ('creating', 'in_progress');
CREATE INDEX charge_attempts_invoice_created ON charge_attempts (invoice_id, created_at);

-- An attempt is a record of money asked for: what was asked, and a final outcome, never change.
CREATE TRIGGER charge_attempts_request_immutable
BEFORE UPDATE OF id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, created_at ON charge_attempts
BEGIN
  SELECT RAISE(ABORT, 'charge_attempts: the request fields cannot change');
END;

CREATE TRIGGER charge_attempts_session_id_set_once
BEFORE UPDATE OF payments_session_id ON charge_attempts
WHEN OLD.payments_session_id IS NOT NULL AND NEW.payments_session_id IS NOT OLD.payments_session_id
BEGIN
  SELECT RAISE(ABORT, 'charge_attempts: the session id cannot change once set');
END;

CREATE TRIGGER charge_attempts_final_is_final
BEFORE UPDATE OF state ON charge_attempts
WHEN OLD.state IN ('succeeded', 'failed', 'rejected') AND NEW.state IS NOT OLD.state
BEGIN
  SELECT RAISE(ABORT, 'charge_attempts: a final state cannot change');
END;

CREATE TRIGGER charge_attempts_never_deleted
BEFORE DELETE ON charge_attempts
BEGIN
  SELECT RAISE(ABORT, 'charge_attempts: records are never deleted');
END;

CREATE TABLE attempt_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  attempt_id TEXT NOT NULL REFERENCES charge_attempts (id),
  at INTEGER NOT NULL,
  from_state TEXT
    CHECK (from_state IN ('creating', 'in_progress', 'succeeded', 'failed', 'rejected', 'unknown', 'unresolved')),
  to_state TEXT NOT NULL
    CHECK (to_state IN ('creating', 'in_progress', 'succeeded', 'failed', 'rejected', 'unknown', 'unresolved')),
  actor TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;

CREATE INDEX attempt_events_attempt ON attempt_events (attempt_id, id);

-- The audit trail is append-only.
CREATE TRIGGER attempt_events_no_update
BEFORE UPDATE ON attempt_events
BEGIN
  SELECT RAISE(ABORT, 'attempt_events is append-only');
END;

CREATE TRIGGER attempt_events_no_delete
BEFORE DELETE ON attempt_events
BEGIN
  SELECT RAISE(ABORT, 'attempt_events is append-only');
END;

-- Plain preferences only: secrets live in the OS keychain, never here.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`,
};
