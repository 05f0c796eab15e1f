import type { StoreMigration } from './index';

// An invoice's tax summary as its PC ships it (SQLite migration 026 there): taxable value, tax, and
// both per rate (JSON text, as the PC keeps it), for the store's day CSV; null for an invoice
// without a bill.
export const storeInvoiceTaxSummary: StoreMigration = {
  version: 17,
  name: 'invoice tax summary',
  sql: `
ALTER TABLE invoices ADD COLUMN taxable_minor bigint CHECK (taxable_minor IS NULL OR taxable_minor >= 0);
ALTER TABLE invoices ADD COLUMN tax_minor bigint CHECK (tax_minor IS NULL OR tax_minor >= 0);
ALTER TABLE invoices ADD COLUMN tax_by_rate text;
`,
};
