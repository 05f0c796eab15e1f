import { outboxTriggers, type OutboxTable } from './010_store_outbox';
import type { Migration } from './index';

// Split tender's refunds: a refund goes back by the tender it came from. A card/UPI part is refunded
// through Zoho (the refunds of 007); a cash part (a tender of 008) as cash out of the drawer, here.
// What is paid back of a tender never exceeds what it took; a refund never changes and is never
// deleted; the same request key is the same refund (a second click pays nothing twice). Shipped to
// the store like the tenders (store migration 012).
export const CASH_REFUNDS_OUTBOX_023: OutboxTable = {
  table: 'cash_refunds',
  key: 'id',
  columns: ['id', 'tender_id', 'invoice_id', 'counter_id', 'amount_minor', 'currency', 'reason', 'note', 'request_key', 'created_at', 'updated_at'],
  updates: false,
};

export const cashRefunds: Migration = {
  version: 23,
  name: 'cash refunds',
  sql: `
CREATE TABLE cash_refunds (
  id TEXT PRIMARY KEY,
  tender_id TEXT NOT NULL REFERENCES tenders (id),
  invoice_id TEXT NOT NULL REFERENCES invoices (id),
  counter_id TEXT NOT NULL REFERENCES counters (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (currency IN ('INR', 'USD')),
  reason TEXT NOT NULL CHECK (reason IN ('requested_by_customer', 'duplicate', 'fraudulent', 'others')),
  note TEXT,
  request_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX cash_refunds_tender ON cash_refunds (tender_id);
CREATE INDEX cash_refunds_created ON cash_refunds (created_at);

CREATE TRIGGER cash_refunds_within_the_tender
BEFORE INSERT ON cash_refunds
WHEN NOT EXISTS (
  SELECT 1 FROM tenders AS t
  WHERE t.id = NEW.tender_id AND t.invoice_id = NEW.invoice_id AND t.counter_id = NEW.counter_id AND t.currency = NEW.currency
    AND NEW.amount_minor <= t.amount_minor - (SELECT coalesce(sum(r.amount_minor), 0) FROM cash_refunds AS r WHERE r.tender_id = t.id)
)
BEGIN
  SELECT RAISE(ABORT, 'cash_refunds: at most what the cash tender took, less what was paid back');
END;
CREATE TRIGGER cash_refunds_immutable
BEFORE UPDATE ON cash_refunds
BEGIN
  SELECT RAISE(ABORT, 'cash_refunds: a refund never changes');
END;
CREATE TRIGGER cash_refunds_never_deleted
BEFORE DELETE ON cash_refunds
BEGIN
  SELECT RAISE(ABORT, 'cash_refunds: records are never deleted');
END;
${outboxTriggers(CASH_REFUNDS_OUTBOX_023)}
`,
};
