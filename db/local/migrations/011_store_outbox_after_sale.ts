import type { Migration } from './index';
import { outboxTriggers, rowJsonSql, type OutboxTable } from './010_store_outbox';

// Frozen with this migration: issue 14's ledger (refunds and their history, migration 007; cash
// tenders, 008; day closes and corrections, 009) ships to the store like the attempts (010), so a
// store's log covers every PC's cash sales, refunds, corrections and closes. Parents first.
export const OUTBOX_TABLES_011: readonly OutboxTable[] = [
  {
    table: 'refunds',
    key: 'id',
    columns: [
      'id', 'attempt_id', 'invoice_id', 'counter_id', 'payment_id', 'amount_minor', 'currency', 'reason', 'note', 'request_key', 'state',
      'zoho_refund_id', 'failure_reason', 'failure_message', 'created_at', 'updated_at', 'final_at', 'last_checked_at', 'check_count',
    ],
    updates: true,
  },
  {
    table: 'refund_events',
    key: 'CAST(id AS TEXT)',
    columns: ['id', 'refund_id', 'at', 'from_state', 'to_state', 'actor', 'reason'],
    updates: false,
  },
  {
    table: 'tenders',
    key: 'id',
    columns: ['id', 'invoice_id', 'counter_id', 'kind', 'amount_minor', 'tendered_minor', 'change_minor', 'currency', 'created_at', 'updated_at'],
    updates: false,
  },
  {
    table: 'day_closes',
    key: 'id',
    columns: ['id', 'day', 'from_ms', 'to_ms', 'closed_by', 'awaiting_review', 'summary', 'created_at', 'updated_at'],
    updates: false,
  },
  {
    table: 'corrections',
    key: 'id',
    columns: [
      'id', 'day', 'closed_day', 'record_kind', 'record_id', 'counter_id', 'invoice_number', 'from_state', 'to_state', 'amount_minor',
      'payment_id', 'detail', 'created_at', 'updated_at',
    ],
    updates: false,
  },
];

// A PC that joined a store before this version queues these tables' rows it already has (after
// whatever is queued, so they ship after it), in the migration's transaction; a PC of its own
// queues nothing (linkOutbox queues everything when it joins).
const backfill = (table: OutboxTable) => `
INSERT INTO store_outbox (table_name, row_id, row_json)
SELECT '${table.table}', ${table.key}, ${rowJsonSql(table, '')} FROM ${table.table} WHERE EXISTS (SELECT 1 FROM store_link) ORDER BY rowid;`;

export const storeOutboxAfterSale: Migration = {
  version: 11,
  name: 'store outbox: refunds, cash, closes',
  sql: `${OUTBOX_TABLES_011.map(outboxTriggers).join('\n')}
${OUTBOX_TABLES_011.map(backfill).join('\n')}
`,
};
