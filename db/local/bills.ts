// The bill being built at each counter (one per counter, replaced as the cashier types) and the
// bills held there under a label. A recall moves a held bill back to being built, in one transaction.
import { randomUUID } from 'node:crypto';
import { keptBill, type HeldBill, type KeptBill } from '../../contract/bills';
import type { Db } from './database';
import { inWriteTransaction, prepared } from './statements';

interface HeldRow {
  id: string;
  counter_id: string;
  label: string;
  total_minor: number;
  held_at: number;
}

function toHeld(row: HeldRow): HeldBill {
  return { id: row.id, counterId: row.counter_id, label: row.label, totalMinor: row.total_minor, heldAt: row.held_at };
}

function readBill(json: string): KeptBill {
  return keptBill.parse(JSON.parse(json));
}

export function keepBill(db: Db, counterId: string, bill: KeptBill, at: number): void {
  prepared<[string, string, number]>(
    db,
    'INSERT INTO bill_drafts (counter_id, bill, kept_at) VALUES (?, ?, ?) ON CONFLICT (counter_id) DO UPDATE SET bill = excluded.bill, kept_at = excluded.kept_at',
  ).run(counterId, JSON.stringify(bill), at);
}

export function keptBillOf(db: Db, counterId: string): KeptBill | null {
  const row = prepared<[string], { bill: string }>(db, 'SELECT bill FROM bill_drafts WHERE counter_id = ?').get(counterId);
  return row ? readBill(row.bill) : null;
}

/** The counter's held bills, oldest first. */
export function heldBills(db: Db, counterId: string): HeldBill[] {
  return prepared<[string], HeldRow>(db, 'SELECT id, counter_id, label, total_minor, held_at FROM held_bills WHERE counter_id = ? ORDER BY held_at, id')
    .all(counterId)
    .map(toHeld);
}

/** Puts the bill aside under `label`; the counter's bill being built is forgotten. */
export function holdBill(db: Db, held: { counterId: string; label: string; totalMinor: number; bill: KeptBill }, at: number): HeldBill {
  const id = randomUUID();
  inWriteTransaction(db, () => {
    prepared<[string, string, string, number, string, number]>(
      db,
      'INSERT INTO held_bills (id, counter_id, label, total_minor, bill, held_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, held.counterId, held.label, held.totalMinor, JSON.stringify(held.bill), at);
    prepared<[string]>(db, 'DELETE FROM bill_drafts WHERE counter_id = ?').run(held.counterId);
  });
  return { id, counterId: held.counterId, label: held.label, totalMinor: held.totalMinor, heldAt: at };
}

/** The held bill becomes the counter's bill being built (no longer held); null when the counter holds no such bill. */
export function recallBill(db: Db, counterId: string, heldId: string, at: number): KeptBill | null {
  return inWriteTransaction(db, () => {
    const row = prepared<[string, string], { bill: string }>(db, 'SELECT bill FROM held_bills WHERE id = ? AND counter_id = ?').get(heldId, counterId);
    if (!row) return null;
    const bill = readBill(row.bill);
    prepared<[string]>(db, 'DELETE FROM held_bills WHERE id = ?').run(heldId);
    keepBill(db, counterId, bill, at);
    return bill;
  });
}
