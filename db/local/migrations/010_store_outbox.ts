import type { Migration } from './index';

/** A table whose every change a joined PC ships to its store: the key that names a row, and its columns. */
export interface OutboxTable {
  table: string;
  /** SQL for the row's id as text (over NEW. in triggers, over the table in backfills). */
  key: string;
  columns: readonly string[];
  /** Whether rows change after they are written (attempt events never do). */
  updates: boolean;
}

// Frozen with this migration (as of SQLite migrations 001-006; 007-009 are issue 14's): a later column or
// table is a later migration. The hold columns (005) ship too: a held terminal is held for every PC of a store.
export const OUTBOX_TABLES_010: readonly OutboxTable[] = [
  {
    table: 'invoices',
    key: 'id',
    columns: ['id', 'number', 'counter_id', 'lines', 'total_minor', 'currency', 'status', 'created_at', 'paid_at', 'payment_id'],
    updates: true,
  },
  {
    table: 'charge_attempts',
    key: 'id',
    columns: [
      'id', 'invoice_id', 'counter_id', 'terminal_id', 'amount_minor', 'currency', 'method', 'payments_session_id', 'state',
      'failure_code', 'failure_message', 'payment_id', 'paid_method', 'declined_tries', 'mismatch', 'created_at', 'updated_at',
      'final_at', 'last_polled_at', 'poll_count', 'session_created_at', 'reviewed_at', 'review_note', 'hold_until', 'hold_ended_at',
    ],
    updates: true,
  },
  {
    table: 'attempt_events',
    key: 'CAST(id AS TEXT)',
    columns: ['id', 'attempt_id', 'at', 'from_state', 'to_state', 'actor', 'reason'],
    updates: false,
  },
];

/** The row as a JSON object of its columns; `row` is 'NEW.' in a trigger, '' over the table itself. */
export function rowJsonSql(table: OutboxTable, row: string): string {
  return `json_object(${table.columns.map((column) => `'${column}', ${row}${column}`).join(', ')})`;
}

/** Queues the row in the outbox, in the writing transaction, once this file's PC has joined a store (frozen with this migration; 011 uses it too). */
export function outboxTriggers(table: OutboxTable): string {
  const key = table.key.replace(/\bid\b/, 'NEW.id');
  const trigger = (event: 'INSERT' | 'UPDATE') => `
CREATE TRIGGER ${table.table}_outbox_${event.toLowerCase()}
AFTER ${event} ON ${table.table}
WHEN EXISTS (SELECT 1 FROM store_link)
BEGIN
  INSERT INTO store_outbox (table_name, row_id, row_json) VALUES ('${table.table}', ${key}, ${rowJsonSql(table, 'NEW.')});
END;`;
  return table.updates ? trigger('INSERT') + trigger('UPDATE') : trigger('INSERT');
}

// Store mode, local first: every change to the ledger is queued here in the same transaction as the
// change itself, and shipped to the store's PostgreSQL in order (seq) and exactly once (the store
// keeps the last seq it applied per PC). AUTOINCREMENT: a seq is never reused after shipped rows are
// deleted. Nothing is queued until the PC joins a store (store_link); joining queues what is
// already there, in the transaction that writes the link.
export const storeOutbox: Migration = {
  version: 10,
  name: 'store outbox',
  sql: `
CREATE TABLE store_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  row_json TEXT NOT NULL CHECK (json_valid(row_json))
) STRICT;

-- The store this file's ledger ships to, as this PC; epoch names one run of the outbox (a new
-- join starts a new one, and the store then starts this PC's cursor again).
CREATE TABLE store_link (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  store_id TEXT NOT NULL,
  station_id TEXT NOT NULL,
  epoch TEXT NOT NULL,
  joined_at INTEGER NOT NULL
) STRICT;
${OUTBOX_TABLES_010.map(outboxTriggers).join('\n')}
`,
};
