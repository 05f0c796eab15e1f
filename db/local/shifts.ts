// Shifts per counter and the cash moved in and out of their drawers (migration 019). One open shift
// per counter; a closed shift keeps what was expected at its close; movements only into an open one.
import { randomUUID } from 'node:crypto';
import type { CashMovement, Shift } from '../../contract/records';
import type { Db } from './database';
import { ConflictError, NotFoundError } from './errors';
import { inWriteTransaction, prepared } from './statements';

interface ShiftRow {
  id: string;
  counter_id: string;
  opened_by: string;
  float_minor: number;
  opened_at: number;
  closed_by: string | null;
  counted_minor: number | null;
  expected_minor: number | null;
  closed_at: number | null;
}

interface MovementRow {
  id: string;
  shift_id: string;
  kind: 'in' | 'out';
  amount_minor: number;
  reason: string;
  by_name: string;
  created_at: number;
}

function toShift(row: ShiftRow): Shift {
  const { closed_by: closedBy, counted_minor: countedMinor, expected_minor: expectedMinor, closed_at: closedAt } = row;
  return {
    id: row.id,
    counterId: row.counter_id,
    openedBy: row.opened_by,
    floatMinor: row.float_minor,
    openedAt: row.opened_at,
    close: closedBy !== null && countedMinor !== null && expectedMinor !== null && closedAt !== null ? { closedBy, closedAt, countedMinor, expectedMinor } : null,
  };
}

function toMovement(row: MovementRow): CashMovement {
  return { id: row.id, shiftId: row.shift_id, kind: row.kind, amountMinor: row.amount_minor, reason: row.reason, by: row.by_name, createdAt: row.created_at };
}

export function openShiftOf(db: Db, counterId: string): Shift | null {
  const row = prepared<[string], ShiftRow>(db, 'SELECT * FROM shifts WHERE counter_id = ? AND closed_at IS NULL').get(counterId);
  return row ? toShift(row) : null;
}

export function requireShift(db: Db, shiftId: string): Shift {
  const row = prepared<[string], ShiftRow>(db, 'SELECT * FROM shifts WHERE id = ?').get(shiftId);
  if (!row) throw new NotFoundError('shift', shiftId);
  return toShift(row);
}

/** Opens a shift on the counter; ConflictError (counterId) while one is open there. */
export function openShift(db: Db, input: { counterId: string; openedBy: string; floatMinor: number; at: number }): Shift {
  return inWriteTransaction(db, () => {
    const open = openShiftOf(db, input.counterId);
    if (open) throw new ConflictError('shift', 'counterId', `A shift opened by ${open.openedBy} is still open on this counter: close it first.`);
    const id = randomUUID();
    prepared<[Record<string, unknown>]>(
      db,
      'INSERT INTO shifts (id, counter_id, opened_by, float_minor, opened_at) VALUES (@id, @counterId, @openedBy, @floatMinor, @at)',
    ).run({ ...input, id });
    return requireShift(db, id);
  });
}

function assertOpen(shift: Shift): void {
  if (shift.close) throw new ConflictError('shift', 'shiftId', `This shift was closed by ${shift.close.closedBy}: nothing more can be recorded in it.`);
}

export function recordCashMovement(db: Db, input: Omit<CashMovement, 'id' | 'createdAt'> & { at: number }): CashMovement {
  return inWriteTransaction(db, () => {
    assertOpen(requireShift(db, input.shiftId));
    const id = randomUUID();
    prepared<[Record<string, unknown>]>(
      db,
      'INSERT INTO cash_movements (id, shift_id, kind, amount_minor, reason, by_name, created_at) VALUES (@id, @shiftId, @kind, @amountMinor, @reason, @by, @at)',
    ).run({ ...input, id });
    return { ...input, id, createdAt: input.at };
  });
}

export function listCashMovements(db: Db, shiftId: string): CashMovement[] {
  return prepared<[string], MovementRow>(db, 'SELECT * FROM cash_movements WHERE shift_id = ? ORDER BY created_at, rowid').all(shiftId).map(toMovement);
}

/** Cash sales taken at the counter in [fromMs, toMs): their count and amount (what the drawer gained). */
export function cashTakenAt(db: Db, counterId: string, fromMs: number, toMs: number): { count: number; amountMinor: number } {
  const row = prepared<[string, number, number], { count: number; amount: number | null }>(
    db,
    "SELECT count(*) AS count, sum(amount_minor) AS amount FROM tenders WHERE counter_id = ? AND kind = 'cash' AND created_at >= ? AND created_at < ?",
  ).get(counterId, fromMs, toMs);
  return { count: row?.count ?? 0, amountMinor: row?.amount ?? 0 };
}

/**
 * Closes the shift with the cash counted and what `expected` works out in the same transaction (so
 * no sale slips between the two); ConflictError (shiftId) if it was already closed.
 */
export function closeShift(db: Db, input: { shiftId: string; closedBy: string; countedMinor: number; at: number }, expected: (shift: Shift) => number): Shift {
  return inWriteTransaction(db, () => {
    const shift = requireShift(db, input.shiftId);
    assertOpen(shift);
    prepared<[Record<string, unknown>]>(
      db,
      'UPDATE shifts SET closed_by = @closedBy, counted_minor = @countedMinor, expected_minor = @expected, closed_at = @at WHERE id = @shiftId',
    ).run({ ...input, expected: expected(shift) });
    return requireShift(db, input.shiftId);
  });
}
