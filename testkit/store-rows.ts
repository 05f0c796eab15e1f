// Rows of the store's tables for the trust tests (schema 006): one row of each ledger table as a PC
// ships it, inserted with its columns named, and the whole database read back to compare before
// and after an attack.
import type pg from 'pg';
import { storeTableNames } from './store';

/** One row of each ledger table (without store and PC), as a PC ships it. */
export const LEDGER_ROWS: Record<string, Record<string, unknown>> = {
  invoices: { id: 'i1', number: 'A-1', counter_id: 'c1', lines: '[]', total_minor: 500, currency: 'INR', status: 'open', created_at: 1 },
  charge_attempts: {
    id: 'a1', invoice_id: 'i1', counter_id: 'c1', terminal_id: 'T1', amount_minor: 500, currency: 'INR', method: 'card', state: 'in_progress',
    declined_tries: '[]', created_at: 1, updated_at: 1, poll_count: 0,
  },
  attempt_events: { id: 1, attempt_id: 'a1', at: 1, to_state: 'in_progress', actor: 'cashier', reason: 'charged' },
  refunds: {
    id: 'r1', attempt_id: 'a0', invoice_id: 'i0', counter_id: 'c1', payment_id: 'P0', amount_minor: 200, currency: 'INR', reason: 'others',
    request_key: 'k1', state: 'creating', created_at: 2, updated_at: 2, check_count: 0,
  },
  refund_events: { id: 1, refund_id: 'r1', at: 2, to_state: 'creating', actor: 'manager', reason: 'asked' },
  tenders: { id: 't1', invoice_id: 'i2', counter_id: 'c1', kind: 'cash', amount_minor: 300, tendered_minor: 500, change_minor: 200, currency: 'INR', created_at: 3, updated_at: 3 },
  corrections: {
    id: 'x1', day: '2025-01-15', closed_day: '2025-01-14', record_kind: 'charge', record_id: 'a9', counter_id: 'c1', invoice_number: 'A-9',
    from_state: 'unresolved', to_state: 'succeeded', amount_minor: 700, detail: 'late', created_at: 6, updated_at: 6,
  },
  day_closes: { id: 'd1', day: '2025-01-14', from_ms: 100, to_ms: 200, closed_by: 'Asha', awaiting_review: 0, summary: '{}', created_at: 5, updated_at: 5 },
};

/** The tables a PC ships its own rows into (day_closes is written through close_day only). */
export const PC_WRITTEN_TABLES = ['invoices', 'charge_attempts', 'attempt_events', 'refunds', 'refund_events', 'tenders', 'corrections'] as const;

/** Inserts `table`'s row for the store and PC, with `changes`. */
export function insertLedgerRow(
  client: pg.ClientBase,
  table: string,
  storeId: string,
  stationId: string,
  changes: Record<string, unknown> = {},
): Promise<pg.QueryResult> {
  const row = { ...LEDGER_ROWS[table], ...changes, store_id: storeId, station_id: stationId };
  const columns = Object.keys(row);
  return client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
}

/** Every row of every table of the database, each table's rows in one order: equal when nothing changed. */
export async function databaseRows(owner: pg.ClientBase): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const table of await storeTableNames(owner)) {
    const result = await owner.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
    rows[table] = result.rows.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}
