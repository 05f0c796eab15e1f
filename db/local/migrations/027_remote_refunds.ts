import type { Migration } from './index';

// A PC of a store refunds another PC's sale (issue 21): the refund is this PC's own (it asks Zoho,
// follows it to a final state and ships it as its row), of a payment this PC's SQLite does not hold.
// remote_payments keeps what the store said of that payment when the refund was made (who took it,
// its invoice, counter, payment id and amount): not shipped, the store has it. refunds loses its
// foreign keys to charge_attempts and invoices (SQLite cannot drop one in place: the table is rebuilt,
// rows and ids kept, and every index and trigger of it comes back as it was), and its two payment
// triggers accept a paid payment of either kind. What is left of another PC's payment is counted by
// the store (its reserve_refund, store migration 018) before Zoho is asked; this PC counts its own
// refunds of it too. Foreign keys are deferred for the rebuild: refund_events and
// integration_refund_requests point at refunds by name, and their rows find their refund again when
// it is copied back (with its rowid: a payment's refunds are listed in rowid order).
export const remoteRefunds: Migration = {
  version: 27,
  name: 'refunds of another PC’s payment',
  sql: `
PRAGMA defer_foreign_keys = ON;

CREATE TABLE remote_payments (
  attempt_id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  invoice_number TEXT NOT NULL,
  counter_id TEXT NOT NULL REFERENCES counters (id),
  payment_id TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (currency IN ('INR', 'USD')),
  seen_at INTEGER NOT NULL
) STRICT;
CREATE TRIGGER remote_payments_immutable
BEFORE UPDATE ON remote_payments
BEGIN
  SELECT RAISE(ABORT, 'remote_payments: a paid payment does not change');
END;
CREATE TRIGGER remote_payments_never_deleted
BEFORE DELETE ON remote_payments
BEGIN
  SELECT RAISE(ABORT, 'remote_payments: records are never deleted');
END;

CREATE TABLE refunds_kept AS SELECT rowid AS kept_rowid, * FROM refunds;
DROP TABLE refunds;
CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  attempt_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  counter_id TEXT NOT NULL REFERENCES counters (id),
  payment_id TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (currency IN ('INR', 'USD')),
  reason TEXT NOT NULL CHECK (reason IN ('requested_by_customer', 'duplicate', 'fraudulent', 'others')),
  note TEXT,
  request_key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL
    CHECK (state IN ('creating', 'initiated', 'pending', 'succeeded', 'failed', 'canceled', 'rejected', 'unknown')),
  zoho_refund_id TEXT UNIQUE,
  failure_reason TEXT,
  failure_message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  final_at INTEGER,
  last_checked_at INTEGER,
  check_count INTEGER NOT NULL DEFAULT 0 CHECK (check_count >= 0),
  CHECK (state NOT IN ('initiated', 'pending') OR zoho_refund_id IS NOT NULL),
  CHECK ((state IN ('succeeded', 'failed', 'canceled', 'rejected')) = (final_at IS NOT NULL))
) STRICT;
INSERT INTO refunds (rowid, id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, note, request_key, state, zoho_refund_id, failure_reason, failure_message, created_at, updated_at, final_at, last_checked_at, check_count)
SELECT kept_rowid, id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, note, request_key, state, zoho_refund_id, failure_reason, failure_message, created_at, updated_at, final_at, last_checked_at, check_count FROM refunds_kept ORDER BY kept_rowid;
DROP TABLE refunds_kept;

CREATE INDEX refunds_attempt ON refunds (attempt_id);
CREATE INDEX refunds_invoice ON refunds (invoice_id);
CREATE INDEX refunds_created ON refunds (created_at);
CREATE INDEX refunds_counter_created ON refunds (counter_id, created_at);
CREATE INDEX refunds_state ON refunds (state);
CREATE INDEX refunds_attempt_state ON refunds (attempt_id, state);
CREATE TRIGGER refunds_request_immutable
BEFORE UPDATE OF id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, note, request_key, created_at ON refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds: the request fields cannot change');
END;
CREATE TRIGGER refunds_zoho_id_set_once
BEFORE UPDATE OF zoho_refund_id ON refunds
WHEN OLD.zoho_refund_id IS NOT NULL AND NEW.zoho_refund_id IS NOT OLD.zoho_refund_id
BEGIN
  SELECT RAISE(ABORT, 'refunds: the Zoho refund id cannot change once set');
END;
CREATE TRIGGER refunds_final_is_final
BEFORE UPDATE OF state ON refunds
WHEN OLD.state IN ('succeeded', 'failed', 'canceled', 'rejected') AND NEW.state IS NOT OLD.state
BEGIN
  SELECT RAISE(ABORT, 'refunds: a final state cannot change');
END;
CREATE TRIGGER refunds_created_once
BEFORE UPDATE OF state ON refunds
WHEN NEW.state = 'creating' AND OLD.state IS NOT 'creating'
BEGIN
  SELECT RAISE(ABORT, 'refunds: a refund is created once');
END;
CREATE TRIGGER refunds_never_deleted
BEFORE DELETE ON refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds: records are never deleted');
END;
CREATE TRIGGER refunds_closed_day_insert
BEFORE INSERT ON refunds
WHEN EXISTS (SELECT 1 FROM day_closes WHERE from_ms <= NEW.created_at AND to_ms > NEW.created_at)
BEGIN
  SELECT RAISE(ABORT, 'day_closed: the day of this record is closed');
END;
CREATE TRIGGER refunds_closed_day_update
BEFORE UPDATE OF state, zoho_refund_id, failure_reason, failure_message, final_at ON refunds
WHEN EXISTS (SELECT 1 FROM day_closes WHERE from_ms <= OLD.created_at AND to_ms > OLD.created_at)
BEGIN
  SELECT RAISE(ABORT, 'day_closed: the day of this record is closed');
END;
CREATE TRIGGER refunds_one_unsettled
BEFORE INSERT ON refunds
WHEN EXISTS (
  SELECT 1 FROM refunds AS r
  WHERE r.attempt_id = NEW.attempt_id AND r.state IN ('creating', 'unknown') AND coalesce((SELECT c.to_state FROM corrections AS c WHERE c.record_kind = 'refund' AND c.record_id = r.id), r.state) IN ('creating', 'unknown')
)
BEGIN
  SELECT RAISE(ABORT, 'refunds: an earlier refund of this payment is not settled');
END;
CREATE TRIGGER refunds_outbox_insert
AFTER INSERT ON refunds
WHEN EXISTS (SELECT 1 FROM store_link)
BEGIN
  INSERT INTO store_outbox (table_name, row_id, row_json) VALUES ('refunds', NEW.id, json_object('id', NEW.id, 'attempt_id', NEW.attempt_id, 'invoice_id', NEW.invoice_id, 'counter_id', NEW.counter_id, 'payment_id', NEW.payment_id, 'amount_minor', NEW.amount_minor, 'currency', NEW.currency, 'reason', NEW.reason, 'note', NEW.note, 'request_key', NEW.request_key, 'state', NEW.state, 'zoho_refund_id', NEW.zoho_refund_id, 'failure_reason', NEW.failure_reason, 'failure_message', NEW.failure_message, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'final_at', NEW.final_at, 'last_checked_at', NEW.last_checked_at, 'check_count', NEW.check_count));
END;
CREATE TRIGGER refunds_outbox_update
AFTER UPDATE ON refunds
WHEN EXISTS (SELECT 1 FROM store_link)
BEGIN
  INSERT INTO store_outbox (table_name, row_id, row_json) VALUES ('refunds', NEW.id, json_object('id', NEW.id, 'attempt_id', NEW.attempt_id, 'invoice_id', NEW.invoice_id, 'counter_id', NEW.counter_id, 'payment_id', NEW.payment_id, 'amount_minor', NEW.amount_minor, 'currency', NEW.currency, 'reason', NEW.reason, 'note', NEW.note, 'request_key', NEW.request_key, 'state', NEW.state, 'zoho_refund_id', NEW.zoho_refund_id, 'failure_reason', NEW.failure_reason, 'failure_message', NEW.failure_message, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'final_at', NEW.final_at, 'last_checked_at', NEW.last_checked_at, 'check_count', NEW.check_count));
END;

CREATE TRIGGER refunds_of_a_paid_payment
BEFORE INSERT ON refunds
WHEN NOT EXISTS (
  SELECT 1 FROM charge_attempts
  WHERE id = NEW.attempt_id AND state = 'succeeded' AND payment_id = NEW.payment_id
    AND invoice_id = NEW.invoice_id AND counter_id = NEW.counter_id AND currency = NEW.currency
) AND NOT EXISTS (
  SELECT 1 FROM remote_payments
  WHERE attempt_id = NEW.attempt_id AND payment_id = NEW.payment_id
    AND invoice_id = NEW.invoice_id AND counter_id = NEW.counter_id AND currency = NEW.currency
)
BEGIN
  SELECT RAISE(ABORT, 'refunds: only a paid payment can be refunded');
END;
CREATE TRIGGER refunds_within_payment
BEFORE INSERT ON refunds
WHEN NEW.amount_minor + (
  SELECT coalesce(sum(r.amount_minor), 0) FROM refunds AS r
  WHERE r.attempt_id = NEW.attempt_id AND coalesce((SELECT c.to_state FROM corrections AS c WHERE c.record_kind = 'refund' AND c.record_id = r.id), r.state) IN ('creating', 'initiated', 'pending', 'succeeded', 'unknown')
) > coalesce((SELECT amount_minor FROM charge_attempts WHERE id = NEW.attempt_id), (SELECT amount_minor FROM remote_payments WHERE attempt_id = NEW.attempt_id))
BEGIN
  SELECT RAISE(ABORT, 'refunds: the refunds would add up to more than the payment');
END;
`,
};
