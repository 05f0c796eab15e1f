import type { StoreMigration } from './index';

// Who asked for a refund on a PC's screen (SQLite migration 029 there ships it with the refund and the
// cash paid back): the cashier signed in at that counter; null where nobody was (the manager).
export const storeRefundCashiers: StoreMigration = {
  version: 20,
  name: 'refund cashiers',
  sql: `
ALTER TABLE refunds ADD COLUMN cashier text CHECK (cashier IS NULL OR btrim(cashier) <> '');
ALTER TABLE cash_refunds ADD COLUMN cashier text CHECK (cashier IS NULL OR btrim(cashier) <> '');
`,
};
