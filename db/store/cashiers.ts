// The store's cashiers (store migration 013): every PC reads and caches them at its heartbeat
// (core/store-link/config-sync.ts); a PC adds or removes one only through the PIN functions; the
// owner adds a joining PC's own cashiers (core/store-link/join.ts).
import type { CashierRecord } from '../local/cashiers';
import type { Queryable } from './migrate';

/** A cashier as the store keeps it: the PIN only as the app's salted scrypt hash. */
export type StoreCashier = CashierRecord;

interface StoreCashierRow {
  id: string;
  name: string;
  pin_hash: string;
  created_at: number;
  removed_at: number | null;
}

/** Every cashier of the store, removed ones too (a PC that cached one learns of its removal). */
export async function readStoreCashiers(client: Queryable, storeId: string): Promise<StoreCashier[]> {
  const rows = await client.query<StoreCashierRow>('SELECT id, name, pin_hash, created_at, removed_at FROM store_cashiers WHERE store_id = $1 ORDER BY created_at, id', [storeId]);
  return rows.rows.map((row) => ({ id: row.id, name: row.name, pinHash: row.pin_hash, createdAt: row.created_at, removedAt: row.removed_at }));
}

/** As the owner, at a join: the PC's cashiers the store lacks (by id, and by name among its cashiers now); the caller moves the configuration on. */
export async function addStoreCashiers(client: Queryable, storeId: string, cashiers: readonly Omit<StoreCashier, 'removedAt'>[]): Promise<void> {
  if (cashiers.length === 0) return;
  await client.query(
    `INSERT INTO store_cashiers (store_id, id, name, pin_hash, created_at)
     SELECT $1, c.id, c.name, c."pinHash", c."createdAt"
     FROM jsonb_to_recordset($2::jsonb) AS c (id text, name text, "pinHash" text, "createdAt" bigint)
     WHERE NOT EXISTS (SELECT 1 FROM store_cashiers AS s WHERE s.store_id = $1 AND s.removed_at IS NULL AND lower(btrim(s.name)) = lower(btrim(c.name)))
     ON CONFLICT DO NOTHING`,
    [storeId, JSON.stringify(cashiers)],
  );
}

/** Adds a cashier to the session's store, with the manager's PIN. */
export async function addCashierWithPin(client: Queryable, pin: string, cashier: Omit<StoreCashier, 'removedAt'>): Promise<void> {
  await client.query('SELECT add_cashier($1, $2, $3, $4, $5)', [pin, cashier.id, cashier.name, cashier.pinHash, cashier.createdAt]);
}

/** Removes a cashier of the session's store, with the manager's PIN (P0002 when there is none such). */
export async function removeCashierWithPin(client: Queryable, pin: string, cashierId: string): Promise<void> {
  await client.query('SELECT remove_cashier($1, $2)', [pin, cashierId]);
}
