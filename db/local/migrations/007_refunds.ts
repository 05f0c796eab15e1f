import type { Migration } from './index';

// Refunds of paid card/UPI payments through Zoho, and their append-only history. A refund is a
// money movement like a charge: written (`creating`) before Zoho is asked, its Zoho id kept the
// moment it arrives, its request fields never changed, a final state final. The database itself
// refuses a refund of anything but a paid payment and refunds that add up to more than the payment
// (the refunds that refunded nothing, failed, canceled or rejected, do not count), and keeps one
// refund of unknown outcome per payment at a time (a lost answer holds the rest of the payment
// until Zoho is asked). A repeated request (same key) finds the refund already made.
// The state lists are frozen copies of contract/domain.ts as of this version.
export const refunds: Migration = {
  version: 7,
  name: 'refunds',
  sql: `
CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  attempt_id TEXT NOT NULL REFERENCES charge_attempts (id),
  invoice_id TEXT NOT NULL REFERENCES invoices (id),
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
CREATE INDEX refunds_attempt ON refunds (attempt_id);
CREATE INDEX refunds_invoice ON refunds (invoice_id);
CREATE INDEX refunds_created ON refunds (created_at);
CREATE INDEX refunds_counter_created ON refunds (counter_id, created_at);
CREATE INDEX refunds_state ON refunds (state);
CREATE UNIQUE INDEX refunds_unsettled_attempt ON refunds (attempt_id) WHERE state IN ('creating', 'unknown');

CREATE TRIGGER refunds_of_a_paid_payment
BEFORE INSERT ON refunds
WHEN NOT EXISTS (
  SELECT 1 FROM charge_attempts
  WHERE id = NEW.attempt_id AND state = 'succeeded' AND payment_id = NEW.payment_id
    AND invoice_id = NEW.invoice_id AND counter_id = NEW.counter_id AND currency = NEW.currency
)
BEGIN
  SELECT RAISE(ABORT, 'refunds: only a paid payment can be refunded');
END;
CREATE TRIGGER refunds_within_payment
BEFORE INSERT ON refunds
WHEN NEW.amount_minor + (
  SELECT coalesce(sum(amount_minor), 0) FROM refunds
  WHERE attempt_id = NEW.attempt_id AND state IN ('creating', 'initiated', 'pending', 'succeeded', 'unknown')
) > (SELECT amount_minor FROM charge_attempts WHERE id = NEW.attempt_id)
BEGIN
  SELECT RAISE(ABORT, 'refunds: the refunds would add up to more than the payment');
END;
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

CREATE TABLE refund_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  refund_id TEXT NOT NULL REFERENCES refunds (id),
  at INTEGER NOT NULL,
  from_state TEXT
    CHECK (from_state IN ('creating', 'initiated', 'pending', 'succeeded', 'failed', 'canceled', 'rejected', 'unknown')),
  to_state TEXT NOT NULL
    CHECK (to_state IN ('creating', 'initiated', 'pending', 'succeeded', 'failed', 'canceled', 'rejected', 'unknown')),
  actor TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;
CREATE INDEX refund_events_refund ON refund_events (refund_id, id);
CREATE TRIGGER refund_events_no_update
BEFORE UPDATE ON refund_events
BEGIN
  SELECT RAISE(ABORT, 'refund_events is append-only');
END;
CREATE TRIGGER refund_events_no_delete
BEFORE DELETE ON refund_events
BEGIN
  SELECT RAISE(ABORT, 'refund_events is append-only');
END;
`,
};
