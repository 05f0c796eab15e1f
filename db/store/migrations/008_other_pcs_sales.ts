import type { StoreMigration } from './index';

// Another PC's sale, from any PC (issue 21): a payment's refunds are looked up by the payment (an
// invoice's tender and attempts by its counter and time, db/store/sales.ts: an index by invoice would
// turn the log's invoice-number search into a scan of every invoice); and the name and address
// printed on every PC's receipts are the store's (set on one PC, read by all), not each PC's own.
export const storeOtherPcsSales: StoreMigration = {
  version: 8,
  name: 'other PCs’ sales',
  sql: `
CREATE INDEX refunds_attempt ON refunds (store_id, attempt_id);

ALTER TABLE stores ADD COLUMN receipt_name text CHECK (receipt_name IS NULL OR char_length(receipt_name) <= 80);
ALTER TABLE stores ADD COLUMN receipt_address text CHECK (receipt_address IS NULL OR char_length(receipt_address) <= 300);
DO $$ BEGIN EXECUTE format('GRANT SELECT (receipt_name, receipt_address) ON stores TO %I', pc_group()); END $$;
`,
};
