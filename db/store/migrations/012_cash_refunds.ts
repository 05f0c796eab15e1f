import { ownRowsPolicies } from './006_pc_roles';
import type { StoreMigration } from './index';

// Cash paid back out of a drawer for a cash tender (SQLite migration 023 there), as the store keeps
// every PC's: read by the store's PCs, written only by the PC that paid it, never deleted.
export const storeCashRefunds: StoreMigration = {
  version: 12,
  name: 'cash refunds',
  sql: `
CREATE TABLE cash_refunds (
  store_id text NOT NULL REFERENCES stores (id),
  station_id text NOT NULL,
  id text NOT NULL,
  tender_id text NOT NULL,
  invoice_id text NOT NULL,
  counter_id text NOT NULL,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  reason text NOT NULL,
  note text,
  request_key text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (store_id, station_id, id)
);
CREATE INDEX cash_refunds_store_created ON cash_refunds (store_id, created_at, id);
CREATE INDEX cash_refunds_station_created ON cash_refunds (store_id, station_id, created_at, id);
CREATE INDEX cash_refunds_counter_created ON cash_refunds (store_id, counter_id, created_at, id);
${ownRowsPolicies('cash_refunds')}
DO $$
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON cash_refunds TO %I', pc_group());
END
$$;
`,
};
