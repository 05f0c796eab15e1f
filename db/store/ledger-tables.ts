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
  /** Not shipped: the store learns of it through its function (day_closes: close_day, with the manager's PIN, when the day is closed). */
  throughFunction?: true;
  /** SQL for when the row last changed (what a restored PC re-learns from: db/local/relearn.ts). */
  changedAt: string;
}

const PC_KEY = ['store_id', 'station_id', 'id'];

const EXTRA: Record<string, Pick<StoreLedgerTable, 'key' | 'keepsUnless' | 'throughFunction' | 'changedAt'>> = {
  invoices: { key: PC_KEY, keepsUnless: "invoices.status <> 'paid' OR EXCLUDED.status = 'paid'", changedAt: 'greatest(created_at, coalesce(paid_at, 0))' },
  charge_attempts: { key: PC_KEY, keepsUnless: 'charge_attempts.final_at IS NULL OR EXCLUDED.final_at IS NOT NULL', changedAt: 'updated_at' },
  attempt_events: { key: PC_KEY, changedAt: 'at' },
  // A restored PC re-ships its older copy of a refund (db/local/outbox.ts startNewShippingEpoch): a final refund stays final.
  refunds: { key: PC_KEY, keepsUnless: 'refunds.final_at IS NULL OR EXCLUDED.final_at IS NOT NULL', changedAt: 'updated_at' },
  refund_events: { key: PC_KEY, changedAt: 'at' },
  tenders: { key: PC_KEY, changedAt: 'updated_at' },
  day_closes: { key: PC_KEY, throughFunction: true, changedAt: 'updated_at' },
  corrections: { key: PC_KEY, changedAt: 'updated_at' },
  cash_refunds: { key: PC_KEY, changedAt: 'updated_at' },
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

/**
 * The store refused a change by its own rules (a check or key, a value of the wrong kind, a refusal
 * raised by its triggers), not for want of a connection or of this PC's rights.
 */
export function isStoreRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23') || code === 'P0001');
}

/** A row the store refused, with PostgreSQL's reason (which names the rule, not the row's values). */
export interface RefusedRow {
  row: Record<string, unknown>;
  reason: string;
}

/**
 * Inserts or updates `rows` one at a time, each in a savepoint of the caller's transaction: a row
 * the store refuses (isStoreRefusal) is left out and returned; any other error is thrown.
 */
export async function upsertLedgerRowsApart(client: Queryable, table: StoreLedgerTable, rows: readonly Record<string, unknown>[]): Promise<RefusedRow[]> {
  const refused: RefusedRow[] = [];
  for (const row of rows) {
    await client.query('SAVEPOINT ledger_row');
    try {
      await client.query(upsertSql(table), [JSON.stringify([row])]);
      await client.query('RELEASE SAVEPOINT ledger_row');
    } catch (error) {
      if (!isStoreRefusal(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT ledger_row');
      refused.push({ row, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return refused;
}

/**
 * This PC's rows of every ledger table changed at or after `since`, in SQLite's columns: what a PC
 * restored from a backup re-learns (db/local/relearn.ts). Read with the store's types (bigints as numbers).
 */
export async function readOwnLedgerRows(
  client: Queryable,
  pc: { storeId: string; stationId: string },
  since: number,
): Promise<Record<string, Record<string, unknown>[]>> {
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const table of STORE_LEDGER_TABLES) {
    const result = await client.query<Record<string, unknown>>(
      `SELECT ${table.columns.join(', ')} FROM ${table.table} WHERE store_id = $1 AND station_id = $2 AND ${table.changedAt} >= $3 ORDER BY ${table.changedAt}, id`,
      [pc.storeId, pc.stationId, since],
    );
    rows[table.table] = result.rows;
  }
  return rows;
}
