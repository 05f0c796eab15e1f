// Cashiers (migration 020): added and removed by the manager, each with a PIN hash and its own count
// of wrong tries; who is signed in at each counter; and whether any cashier is defined at all (none:
// counters work without a sign-in, as before there were cashiers). On a PC of a store this is the
// cache of the store's cashiers (saveStoreCashiers), and the wrong tries stay this PC's own.
import { randomUUID } from 'node:crypto';
import type { CashierSummary } from '../../contract/records';
import type { Db } from './database';
import { ConflictError, NotFoundError } from './errors';
import { inWriteTransaction, prepared } from './statements';

interface CashierRow {
  id: string;
  name: string;
  pin_hash: string;
  failed_tries: number;
  lockouts: number;
  locked_until: number;
  created_at: number;
  removed_at: number | null;
}

/** A cashier's PIN hash and wrong tries, for the sign-in. */
export interface CashierAuth extends CashierSummary {
  pinHash: string;
  guard: { failedTries: number; lockouts: number; lockedUntil: number };
}

const toSummary = (row: CashierRow): CashierSummary => ({ id: row.id, name: row.name });

export function listCashiers(db: Db): CashierSummary[] {
  return prepared<[], CashierRow>(db, 'SELECT * FROM cashiers WHERE removed_at IS NULL ORDER BY lower(name), created_at').all().map(toSummary);
}

export function hasCashiers(db: Db): boolean {
  return prepared<[], { found: 0 | 1 }>(db, 'SELECT EXISTS (SELECT 1 FROM cashiers WHERE removed_at IS NULL) AS found').get()?.found === 1;
}

/** A cashier as kept, and as a store keeps and sends it (db/store/cashiers.ts): the PIN only as its hash. */
export interface CashierRecord extends CashierSummary {
  pinHash: string;
  createdAt: number;
  removedAt: number | null;
}

/** A new cashier: a new id, their name and PIN hash. */
export function newCashier(name: string, pinHash: string, at: number): CashierRecord {
  return { id: randomUUID(), name, pinHash, createdAt: at, removedAt: null };
}

/** Refuses (ConflictError at name) a name another cashier has now. */
export function assertNameFree(db: Db, name: string): void {
  const taken = prepared<[string], CashierRow>(db, 'SELECT * FROM cashiers WHERE removed_at IS NULL AND lower(trim(name)) = lower(trim(?))').get(name);
  if (taken) throw new ConflictError('cashier', 'name', `There is already a cashier called ${taken.name}.`);
}

/** Adds a cashier; ConflictError (name) while another cashier has that name. */
export function addCashier(db: Db, cashier: CashierRecord): CashierSummary {
  return inWriteTransaction(db, () => {
    assertNameFree(db, cashier.name);
    prepared<[Record<string, unknown>]>(db, 'INSERT INTO cashiers (id, name, pin_hash, created_at) VALUES (@id, @name, @pinHash, @createdAt)').run({ ...cashier });
    return { id: cashier.id, name: cashier.name };
  });
}

/** The cashiers a PC brings to a store it joins. */
export function activeCashierRecords(db: Db): CashierRecord[] {
  return prepared<[], CashierRow>(db, 'SELECT * FROM cashiers WHERE removed_at IS NULL ORDER BY created_at, id')
    .all()
    .map((row) => ({ ...toSummary(row), pinHash: row.pin_hash, createdAt: row.created_at, removedAt: null }));
}

/**
 * This PC's cashiers become the store's `cashiers` (removed ones included), in one transaction: a
 * cashier the store does not have now is removed here (and signed out), the others are added or
 * updated. Each keeps this PC's count of wrong tries.
 */
export function saveStoreCashiers(db: Db, cashiers: readonly CashierRecord[], at: number): void {
  inWriteTransaction(db, () => {
    const store = new Map(cashiers.map((cashier) => [cashier.id, cashier]));
    for (const { id } of prepared<[], Pick<CashierRow, 'id'>>(db, 'SELECT id FROM cashiers WHERE removed_at IS NULL').all()) {
      const there = store.get(id);
      if (!there || there.removedAt !== null) removeCashier(db, id, there?.removedAt ?? at);
    }
    const save = prepared<[Record<string, unknown>]>(
      db,
      `INSERT INTO cashiers (id, name, pin_hash, created_at, removed_at) VALUES (@id, @name, @pinHash, @createdAt, @removedAt)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, pin_hash = excluded.pin_hash, removed_at = coalesce(cashiers.removed_at, excluded.removed_at)`,
    );
    for (const cashier of cashiers) save.run({ ...cashier });
  });
}

/** Removes a cashier (their sales keep their name) and signs them out of every counter. */
export function removeCashier(db: Db, cashierId: string, at: number): void {
  inWriteTransaction(db, () => {
    const removed = prepared<[number, string]>(db, 'UPDATE cashiers SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, cashierId);
    if (removed.changes === 0) throw new NotFoundError('cashier', cashierId);
    prepared<[string]>(db, 'DELETE FROM counter_cashiers WHERE cashier_id = ?').run(cashierId);
  });
}

/** A cashier who may sign in now; NotFoundError (cashierId) otherwise. */
export function requireCashier(db: Db, cashierId: string): CashierSummary {
  const { id, name } = requireCashierAuth(db, cashierId);
  return { id, name };
}

export function requireCashierAuth(db: Db, cashierId: string): CashierAuth {
  const row = prepared<[string], CashierRow>(db, 'SELECT * FROM cashiers WHERE id = ? AND removed_at IS NULL').get(cashierId);
  if (!row) throw new NotFoundError('cashier', cashierId);
  return { ...toSummary(row), pinHash: row.pin_hash, guard: { failedTries: row.failed_tries, lockouts: row.lockouts, lockedUntil: row.locked_until } };
}

export function saveTries(db: Db, cashierId: string, guard: CashierAuth['guard']): void {
  prepared<[Record<string, unknown>]>(db, 'UPDATE cashiers SET failed_tries = @failedTries, lockouts = @lockouts, locked_until = @lockedUntil WHERE id = @cashierId').run({
    ...guard,
    cashierId,
  });
}

export function signIn(db: Db, counterId: string, cashierId: string, at: number): void {
  prepared<[string, string, number]>(
    db,
    'INSERT INTO counter_cashiers (counter_id, cashier_id, signed_in_at) VALUES (?, ?, ?) ON CONFLICT (counter_id) DO UPDATE SET cashier_id = excluded.cashier_id, signed_in_at = excluded.signed_in_at',
  ).run(counterId, cashierId, at);
}

export function signOut(db: Db, counterId: string): void {
  prepared<[string]>(db, 'DELETE FROM counter_cashiers WHERE counter_id = ?').run(counterId);
}

/** The cashier signed in at the counter now, if any. */
export function signedInAt(db: Db, counterId: string): CashierSummary | null {
  const row = prepared<[string], CashierRow>(
    db,
    'SELECT k.* FROM counter_cashiers AS s JOIN cashiers AS k ON k.id = s.cashier_id WHERE s.counter_id = ? AND k.removed_at IS NULL',
  ).get(counterId);
  return row ? toSummary(row) : null;
}
