import type { StoreMigration } from './index';

// The billing program that sent an invoice through a PC's integration API (SQLite migration 014
// there ships it with the invoice); null for invoices made on a screen.
export const storeInvoicePrograms: StoreMigration = {
  version: 7,
  name: 'invoice programs',
  sql: `
ALTER TABLE invoices ADD COLUMN program text CHECK (program IS NULL OR btrim(program) <> '');
`,
};
