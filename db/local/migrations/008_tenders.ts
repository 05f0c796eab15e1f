import type { Migration } from './index';

// Invoices settled at the till rather than on the terminal: one tender per invoice, which also
// marks the invoice paid in the same transaction (db/local/tenders.ts). Cash is the only kind so far: the
// customer hands over `tendered_minor` and gets `change_minor` back, so the drawer gains the total.
// The database refuses a tender while the invoice has a card/UPI payment that is live or whose
// outcome nobody has checked (the same rule as charging again: contract/model.ts
// invoiceAwaitsReview, over the attempts in the order they were made), of a paid or void invoice,
// or for an amount that is not the invoice's total.
export const tenders: Migration = {
  version: 8,
  name: 'tenders',
  sql: `
CREATE TABLE tenders (
  id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL UNIQUE REFERENCES invoices (id),
  counter_id TEXT NOT NULL REFERENCES counters (id),
  kind TEXT NOT NULL CHECK (kind IN ('cash')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  tendered_minor INTEGER NOT NULL,
  change_minor INTEGER NOT NULL,
  currency TEXT NOT NULL CHECK (currency IN ('INR', 'USD')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (tendered_minor >= amount_minor AND change_minor = tendered_minor - amount_minor)
) STRICT;
CREATE INDEX tenders_created ON tenders (created_at);
CREATE INDEX tenders_counter_created ON tenders (counter_id, created_at);

CREATE TRIGGER tenders_of_an_unpaid_invoice
BEFORE INSERT ON tenders
WHEN NOT EXISTS (
  SELECT 1 FROM invoices
  WHERE id = NEW.invoice_id AND status IN ('open', 'payment_failed') AND total_minor = NEW.amount_minor
    AND counter_id = NEW.counter_id AND currency = NEW.currency
)
BEGIN
  SELECT RAISE(ABORT, 'tenders: only an unpaid invoice is settled, for its total, at its own counter');
END;
CREATE TRIGGER tenders_no_card_payment_pending
BEFORE INSERT ON tenders
WHEN EXISTS (SELECT 1 FROM charge_attempts WHERE invoice_id = NEW.invoice_id AND state IN ('creating', 'in_progress'))
  OR EXISTS (
    SELECT 1 FROM charge_attempts AS a
    WHERE a.invoice_id = NEW.invoice_id AND a.state IN ('unknown', 'unresolved') AND a.reviewed_at IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM charge_attempts AS b
        WHERE b.invoice_id = a.invoice_id AND b.rowid > a.rowid AND b.payments_session_id IS NOT NULL
          AND NOT (b.state IN ('unknown', 'unresolved') AND b.reviewed_at IS NULL)
      )
  )
BEGIN
  SELECT RAISE(ABORT, 'tenders: the invoice has a card or UPI payment that is live or not checked');
END;
CREATE TRIGGER tenders_immutable
BEFORE UPDATE ON tenders
BEGIN
  SELECT RAISE(ABORT, 'tenders: a tender never changes');
END;
CREATE TRIGGER tenders_never_deleted
BEFORE DELETE ON tenders
BEGIN
  SELECT RAISE(ABORT, 'tenders: records are never deleted');
END;
`,
};
