import type { Migration } from './index';

// Split tender: an invoice paid in parts, cash first and then card or UPI for the rest (each card
// or UPI part its own attempt and Zoho session). The one cash tender of an invoice (008) may now be
// a part: at most what is still due after the card/UPI payments that succeeded; the invoice is paid
// when its parts cover its total (db/local/tenders.ts, db/local/attempts.ts). An invoice with a part
// paid is never voided: money was taken for it.
export const splitTender: Migration = {
  version: 22,
  name: 'split_tender',
  sql: `
DROP TRIGGER tenders_of_an_unpaid_invoice;
CREATE TRIGGER tenders_of_an_unpaid_invoice
BEFORE INSERT ON tenders
WHEN NOT EXISTS (
  SELECT 1 FROM invoices AS i
  WHERE i.id = NEW.invoice_id AND i.status IN ('open', 'payment_failed') AND i.counter_id = NEW.counter_id AND i.currency = NEW.currency
    AND NEW.amount_minor <= i.total_minor - (
      SELECT coalesce(sum(a.amount_minor), 0) FROM charge_attempts AS a WHERE a.invoice_id = i.id AND a.state = 'succeeded'
    )
)
BEGIN
  SELECT RAISE(ABORT, 'tenders: only an unpaid invoice is settled, for at most what is due, at its own counter');
END;
CREATE TRIGGER invoices_part_paid_never_void
BEFORE UPDATE OF status ON invoices
WHEN NEW.status = 'void' AND OLD.status <> 'paid' AND (
  EXISTS (SELECT 1 FROM tenders WHERE invoice_id = NEW.id)
  OR EXISTS (SELECT 1 FROM charge_attempts WHERE invoice_id = NEW.id AND state = 'succeeded')
)
BEGIN
  SELECT RAISE(ABORT, 'invoices: an invoice with a part paid cannot be void');
END;
`,
};
