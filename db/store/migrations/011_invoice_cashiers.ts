import type { StoreMigration } from './index';

// The cashier who made an invoice on a PC's screen (SQLite migration 020 there ships it with the
// invoice); null where no cashiers are defined, and for invoices sent by another program.
export const storeInvoiceCashiers: StoreMigration = {
  version: 11,
  name: 'invoice cashiers',
  sql: `
ALTER TABLE invoices ADD COLUMN cashier text CHECK (cashier IS NULL OR btrim(cashier) <> '');
`,
};
