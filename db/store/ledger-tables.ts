// The tables a PC ships to its store, as the store keeps them: the key of a row there, and what a
// later change may not undo. The list follows the SQLite outbox's (db/local/outbox.ts OUTBOX_TABLES): a
// ledger table added there is added here, with its PostgreSQL migration.
import { OUTBOX_TABLES } from '../local/outbox';
import type { Queryable } from './migrate';

export interface StoreLedgerTable {
  table: string;
  /** The key of a row in the store (every row carries its store; PC-numbered rows their PC too). */
  key: readonly string[];
  columns: readonly string[];
  /**
   * SQL over the stored row (the table's name) and the arriving one (EXCLUDED): when false the
   * arriving change is older news and is skipped: a final payment or a paid invoice is never undone.
   */
  keepsUnless?: string;
}

const EXTRA: Record<string, Pick<StoreLedgerTable, 'key' | 'keepsUnless'>> = {
  invoices: { key: ['store_id', 'station_id', 'id'], keepsUnless: "invoices.status <> 'paid' OR EXCLUDED.status = 'paid'" },
  charge_attempts: { key: ['store_id', 'station_id', 'id'], keepsUnless: 'charge_attempts.final_at IS NULL OR EXCLUDED.final_at IS NOT NULL' },
  attempt_events: { key: ['store_id', 'station_id', 'id'] },
  // A restored PC re-ships its older copy of a refund (db/local/outbox.ts startNewShippingEpoch): a final refund stays final.
  refunds: { key: ['store_id', 'station_id', 'id'], keepsUnless: 'refunds.final_at IS NULL OR EXCLUDED.final_at IS NOT NULL' },
  refund_events: { key: ['store_id', 'station_id', 'id'] },
  tenders: { key: ['store_id', 'station_id', 'id'] },
  day_closes: { key: ['store_id', 'station_id', 'id'] },
  corrections: { key: ['store_id', 'station_id', 'id'] },
  cash_refunds: { key: ['store_id', 'station_id', 'id'] },
};

export const STORE_LEDGER_TABLES: readonly StoreLedgerTable[] = OUTBOX_TABLES.map((table) => {
  const extra = EXTRA[table.table];
  if (!extra) throw new Error(`The store has no table for ${table.table}: add it to db/store/ledger-tables.ts and a store migration.`);
  return { table: table.table, columns: table.columns, ...extra };
});

/** One statement per table: the batch's rows (JSON, with store_id and station_id) inserted or updated. */
export function upsertSql(table: StoreLedgerTable): string {
  const updated = table.columns.filter((column) => !table.key.includes(column));
  const set = updated.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
  const guard = table.keepsUnless ? ` WHERE ${table.keepsUnless}` : '';
  return `INSERT INTO ${table.table} SELECT * FROM jsonb_populate_recordset(NULL::${table.table}, $1::jsonb)
    ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET ${set}${guard}`;
}

/** Inserts or updates `rows` (each with its store_id and station_id) of the table, in one statement. */
export async function upsertLedgerRows(client: Queryable, table: StoreLedgerTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  await client.query(upsertSql(table), [JSON.stringify(rows)]);
}
