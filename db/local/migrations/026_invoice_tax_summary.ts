import type { Migration } from './index';
import { outboxTriggers, type OutboxTable } from './010_store_outbox';
import { INVOICES_OUTBOX_020 } from './020_cashiers';

// A tax invoice's summary on the invoice itself (issue 22): its taxable value, its tax, and both per
// rate (JSON: [{rateBasisPoints, taxableValue, tax}], lowest rate first), copied from its bill when
// it is made. They ship with the invoice (store migration 017 has the columns), so the store's day
// CSV has the tax columns for every PC's sale, not only for this PC's, whose bills stay here. An
// invoice without a bill has none; those made before this migration get their bill's.

/** Invoices as shipped from this migration on: with their tax summary (frozen here). */
export const INVOICES_OUTBOX_024: OutboxTable = { ...INVOICES_OUTBOX_020, columns: [...INVOICES_OUTBOX_020.columns, 'taxable_minor', 'tax_minor', 'tax_by_rate'] };

export const invoiceTaxSummary: Migration = {
  version: 26,
  name: 'invoice tax summary',
  sql: `
ALTER TABLE invoices ADD COLUMN taxable_minor INTEGER CHECK (taxable_minor IS NULL OR taxable_minor >= 0);
ALTER TABLE invoices ADD COLUMN tax_minor INTEGER CHECK (tax_minor IS NULL OR tax_minor >= 0);
ALTER TABLE invoices ADD COLUMN tax_by_rate TEXT CHECK (tax_by_rate IS NULL OR json_valid(tax_by_rate));
CREATE TRIGGER invoices_tax_summary_immutable
BEFORE UPDATE OF taxable_minor, tax_minor, tax_by_rate ON invoices
WHEN OLD.taxable_minor IS NOT NULL
  AND (NEW.taxable_minor IS NOT OLD.taxable_minor OR NEW.tax_minor IS NOT OLD.tax_minor OR NEW.tax_by_rate IS NOT OLD.tax_by_rate)
BEGIN
  SELECT RAISE(ABORT, 'invoices: a tax summary never changes');
END;
DROP TRIGGER invoices_outbox_insert;
DROP TRIGGER invoices_outbox_update;
${outboxTriggers(INVOICES_OUTBOX_024)}
-- After the new triggers: a PC of a store ships its older invoices' summaries too.
UPDATE invoices SET
  taxable_minor = json_extract(b.bill, '$.totals.taxableValue'),
  tax_minor = json_extract(b.bill, '$.totals.tax'),
  tax_by_rate = (
    SELECT json_group_array(json_object('rateBasisPoints', json_extract(r.value, '$.rateBasisPoints'),
                                        'taxableValue', json_extract(r.value, '$.taxableValue'), 'tax', json_extract(r.value, '$.tax')))
    FROM json_each(b.bill, '$.totals.taxByRate') AS r)
FROM invoice_bills AS b
WHERE b.invoice_id = invoices.id;
`,
};
