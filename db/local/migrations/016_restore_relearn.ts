import type { Migration } from './index';

// Store mode: a restored backup knows less than the store holds from this PC (refunds, tenders, closes
// made after the backup). The restore writes when it happened (`restored_at`) and from when the store's
// rows are newer news (`relearn_since`: the restored file's newest change, less a margin); until the PC
// has re-learnt its own rows from the store, no money moves on a sale older than the restore. Both are
// null when there is nothing to re-learn. Never shipped: the link is this file's own.
export const restoreRelearn: Migration = {
  version: 16,
  name: 'store link: re-learn after a restore',
  sql: `
ALTER TABLE store_link ADD COLUMN restored_at INTEGER;
ALTER TABLE store_link ADD COLUMN relearn_since INTEGER CHECK ((relearn_since IS NULL) = (restored_at IS NULL));
`,
};
