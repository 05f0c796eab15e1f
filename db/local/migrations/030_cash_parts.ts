import type { Migration } from './index';
import { outboxTriggers } from './010_store_outbox';
import { OUTBOX_TABLES_011 } from './011_store_outbox_after_sale';

// Several cash parts per invoice (issue 23): cash, then card or UPI, then cash again, each part its own
// tender. Migration 008 allowed one tender per invoice (invoice_id UNIQUE); SQLite cannot drop that
// constraint, so the table is rebuilt with the same rows (and rowids), indexes and triggers, the
// invoice's tenders now found by an index. A part is at most what is still due: the total less the
// card/UPI payments that succeeded and the cash parts already taken (checked again here). The cash
// refunds (023) keep pointing at their tenders: the foreign keys are checked at the commit, once
// every row is back.

const TENDERS_OUTBOX = OUTBOX_TABLES_011.find((table) => table.table === 'tenders');
if (!TENDERS_OUTBOX) throw new Error('migration 011 ships tenders');

export const cashParts: Migration = {
  version: 30,
  name: 'cash parts',
  sql: `
PRAGMA defer_foreign_keys = ON;
CREATE TABLE tenders_before_030 AS SELECT rowid AS old_rowid, * FROM tenders;
DROP TABLE tenders;
CREATE TABLE tenders (
  id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL REFERENCES invoices (id),
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
INSERT INTO tenders (rowid, id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at)
  SELECT old_rowid, id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at
  FROM tenders_before_030 ORDER BY old_rowid;
DROP TABLE tenders_before_030;
CREATE INDEX tenders_created ON tenders (created_at);
CREATE INDEX tenders_counter_created ON tenders (counter_id, created_at);
CREATE INDEX tenders_invoice ON tenders (invoice_id);

CREATE TRIGGER tenders_of_an_unpaid_invoice
BEFORE INSERT ON tenders
WHEN NOT EXISTS (
  SELECT 1 FROM invoices AS i
  WHERE i.id = NEW.invoice_id AND i.status IN ('open', 'payment_failed') AND i.counter_id = NEW.counter_id AND i.currency = NEW.currency
    AND NEW.amount_minor <= i.total_minor
      - (SELECT coalesce(sum(a.amount_minor), 0) FROM charge_attempts AS a WHERE a.invoice_id = i.id AND a.state = 'succeeded')
      - (SELECT coalesce(sum(t.amount_minor), 0) FROM tenders AS t WHERE t.invoice_id = i.id)
)
BEGIN
  SELECT RAISE(ABORT, 'tenders: only an unpaid invoice is settled, for at most what is due, at its own counter');
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
CREATE TRIGGER tenders_closed_day_insert
BEFORE INSERT ON tenders
WHEN EXISTS (SELECT 1 FROM day_closes WHERE from_ms <= NEW.created_at AND to_ms > NEW.created_at)
BEGIN
  SELECT RAISE(ABORT, 'day_closed: the day of this record is closed');
END;
${outboxTriggers(TENDERS_OUTBOX)}
`,
};
