import type { Migration } from './index';
import { outboxTriggers, type OutboxTable } from './010_store_outbox';
import { OUTBOX_TABLES_011 } from './011_store_outbox_after_sale';
import { CASH_REFUNDS_OUTBOX_023 } from './023_cash_refunds';

// Who asked for a refund (issue 23): the cashier signed in at the counter where it was made, on the
// card/UPI refund (007) and on the cash paid back (023); null where nobody was signed in (a refund
// always takes the manager's PIN: the manager made it). Shipped with the row (store migration 020).

const REFUNDS_OUTBOX_011 = OUTBOX_TABLES_011.find((table) => table.table === 'refunds');
if (!REFUNDS_OUTBOX_011) throw new Error('migration 011 ships refunds');

/** Refunds as shipped from this migration on: with their cashier (frozen here). */
export const REFUNDS_OUTBOX_029: OutboxTable = { ...REFUNDS_OUTBOX_011, columns: [...REFUNDS_OUTBOX_011.columns, 'cashier'] };
/** Cash refunds as shipped from this migration on: with their cashier (frozen here). */
export const CASH_REFUNDS_OUTBOX_029: OutboxTable = { ...CASH_REFUNDS_OUTBOX_023, columns: [...CASH_REFUNDS_OUTBOX_023.columns, 'cashier'] };

export const refundCashiers: Migration = {
  version: 29,
  name: 'refund cashiers',
  sql: `
ALTER TABLE refunds ADD COLUMN cashier TEXT CHECK (cashier IS NULL OR trim(cashier) <> '');
ALTER TABLE cash_refunds ADD COLUMN cashier TEXT CHECK (cashier IS NULL OR trim(cashier) <> '');
CREATE TRIGGER refunds_cashier_immutable
BEFORE UPDATE OF cashier ON refunds
WHEN NEW.cashier IS NOT OLD.cashier
BEGIN
  SELECT RAISE(ABORT, 'refunds: who asked for a refund never changes');
END;
DROP TRIGGER refunds_outbox_insert;
DROP TRIGGER refunds_outbox_update;
DROP TRIGGER cash_refunds_outbox_insert;
${outboxTriggers(REFUNDS_OUTBOX_029)}
${outboxTriggers(CASH_REFUNDS_OUTBOX_029)}
`,
};
