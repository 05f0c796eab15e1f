// The store outbox (migrations 010, 011; 014 adds the invoice's program, 020 its cashier, 023 cash refunds, 024 the invoice's tax summary,
// 029 a refund's cashier): every change to the ledger, queued in the transaction that made it, for the shipper to send to the
// store in order. Rows leave only once the store holds them.
import type { Db } from './database';
import { OUTBOX_TABLES_010, rowJsonSql } from './migrations/010_store_outbox';
import { OUTBOX_TABLES_011 } from './migrations/011_store_outbox_after_sale';
import { INVOICES_OUTBOX_024 } from './migrations/026_invoice_tax_summary';
import { CASH_REFUNDS_OUTBOX_029, REFUNDS_OUTBOX_029 } from './migrations/029_refund_cashiers';
import { inWriteTransaction, prepared } from './statements';

/** The tables a joined PC ships, parents first (the order a backfill queues them in). */
export const OUTBOX_TABLES = [
  ...OUTBOX_TABLES_010.map((table) => (table.table === 'invoices' ? INVOICES_OUTBOX_024 : table)),
  ...OUTBOX_TABLES_011.map((table) => (table.table === 'refunds' ? REFUNDS_OUTBOX_029 : table)),
  CASH_REFUNDS_OUTBOX_029,
];

export interface OutboxLink {
  storeId: string;
  stationId: string;
  /** One run of this file's outbox: a new join starts a new one. */
  epoch: string;
  joinedAt: number;
}

export interface OutboxEvent {
  seq: number;
  table: string;
  rowId: string;
  /** The row as it was after the change, as JSON text. */
  rowJson: string;
}

interface LinkRow {
  store_id: string;
  station_id: string;
  epoch: string;
  joined_at: number;
}

export function readOutboxLink(db: Db): OutboxLink | null {
  const row = prepared<[], LinkRow>(db, 'SELECT store_id, station_id, epoch, joined_at FROM store_link').get();
  return row ? { storeId: row.store_id, stationId: row.station_id, epoch: row.epoch, joinedAt: row.joined_at } : null;
}

/**
 * Links this file's ledger to a store as a PC. Already linked to that store as that PC: nothing
 * changes (the queue goes on). Otherwise, in one transaction, the queue starts afresh with every
 * row already in the ledger, so the store gets all of it, then every change after.
 */
export function linkOutbox(db: Db, link: OutboxLink): OutboxLink {
  return inWriteTransaction(db, () => {
    const current = readOutboxLink(db);
    if (current && current.storeId === link.storeId && current.stationId === link.stationId) return current;
    queueWholeLedger(db);
    prepared(db, 'DELETE FROM store_link').run();
    prepared<[LinkRow]>(db, 'INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, @store_id, @station_id, @epoch, @joined_at)').run({
      store_id: link.storeId,
      station_id: link.stationId,
      epoch: link.epoch,
      joined_at: link.joinedAt,
    });
    return link;
  });
}

/** The queue starts afresh with every row of the ledger, parents first. */
function queueWholeLedger(db: Db): void {
  prepared(db, 'DELETE FROM store_outbox').run();
  for (const table of OUTBOX_TABLES) {
    prepared(
      db,
      `INSERT INTO store_outbox (table_name, row_id, row_json)
       SELECT '${table.table}', ${table.key}, ${rowJsonSql(table, '')} FROM ${table.table} ORDER BY rowid`,
    ).run();
  }
}

/** The ledger tables whose ids SQLite numbers (AUTOINCREMENT): the audit trails. */
const NUMBERED_TABLES = ['attempt_events', 'refund_events'] as const;

/**
 * A restored backup holds an older outbox position and older numbering than the store has from this
 * PC. It starts a new shipping epoch (the store then takes this file's queue from its start), with the
 * whole ledger queued again so the store gets every row the backup holds; and the audit trails'
 * numbering jumps to the restore's clock reading in ms, far above any id counted one by one since the
 * backup, so a new event never lands on one the store already has. A file not in a store: nothing.
 */
export function startNewShippingEpoch(db: Db, epoch: string, now: number): OutboxLink | null {
  return inWriteTransaction(db, () => {
    const current = readOutboxLink(db);
    if (!current) return null;
    queueWholeLedger(db);
    prepared<[string]>(db, 'UPDATE store_link SET epoch = ?').run(epoch);
    for (const table of NUMBERED_TABLES) {
      const moved = prepared<[number, string]>(db, 'UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?').run(now, table);
      if (moved.changes === 0) prepared<[string, number]>(db, 'INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, now);
    }
    return { ...current, epoch };
  });
}

interface EventRow {
  seq: number;
  table_name: string;
  row_id: string;
  row_json: string;
}

/** The oldest `limit` queued changes, in the order they were made. */
export function peekOutbox(db: Db, limit: number): OutboxEvent[] {
  return prepared<[number], EventRow>(db, 'SELECT seq, table_name, row_id, row_json FROM store_outbox ORDER BY seq LIMIT ?')
    .all(limit)
    .map((row) => ({ seq: row.seq, table: row.table_name, rowId: row.row_id, rowJson: row.row_json }));
}

/** Forgets the changes the store now holds (every seq up to `seq`). */
export function dropShipped(db: Db, seq: number): void {
  prepared<[number]>(db, 'DELETE FROM store_outbox WHERE seq <= ?').run(seq);
}

export function outboxLength(db: Db): number {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM store_outbox').get()?.n ?? 0;
}

/** When a queued change was made: the newest time its row carries (0 for a row with none). */
const CHANGE_AT_SQL = ['created_at', 'updated_at', 'paid_at', 'at'].map((column) => `coalesce(json_extract(row_json, '$.${column}'), 0)`).join(', ');

/** The changes queued after `afterSeq` (every one by default): how many, the first one's seq, and when the oldest was made. */
export function outboxBacklog(db: Db, afterSeq = 0): { count: number; firstSeq: number | null; oldestAt: number | null } {
  const row = prepared<[number], { n: number; first: number | null; oldest: number | null }>(
    db,
    `SELECT count(*) AS n, min(seq) AS first, min(max(${CHANGE_AT_SQL})) AS oldest FROM store_outbox WHERE seq > ?`,
  ).get(afterSeq);
  return { count: row?.n ?? 0, firstSeq: row?.first ?? null, oldestAt: row?.oldest ?? null };
}
