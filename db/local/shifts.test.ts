// Shifts per counter: one open at a time, cash moved only in an open one, a close written once with
// what was expected then; the cash sales of the counter in the shift's time are what the drawer took.
import { describe, expect, it } from 'vitest';
import { settleInCash } from './tenders';
import { ConflictError, NotFoundError } from './errors';
import { cashTakenAt, closeShift, listCashMovements, openShift, openShiftOf, recordCashMovement, requireShift } from './shifts';
import { databaseFingerprint } from '../../testkit/fingerprint';
import { T0, caught, makeCounter, makeInvoice, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

describe('shifts', () => {
  it('opens one shift per counter, moves cash in and out of it, and closes it once', () => {
    const { db } = temp;
    const counter = makeCounter(db);
    const shift = openShift(db, { counterId: counter.id, openedBy: 'Asha', floatMinor: 200_000, at: T0 });
    expect(openShiftOf(db, counter.id)).toEqual(shift);
    expect(caught(() => openShift(db, { counterId: counter.id, openedBy: 'Ravi', floatMinor: 0, at: T0 + 1 }), ConflictError)).toMatchObject({ field: 'counterId' });
    expect(openShiftOf(db, makeCounter(db).id)).toBeNull();

    recordCashMovement(db, { shiftId: shift.id, kind: 'out', amountMinor: 50_000, reason: 'To the bank', by: 'Asha', at: T0 + 10 });
    recordCashMovement(db, { shiftId: shift.id, kind: 'in', amountMinor: 10_000, reason: 'Change from the office', by: 'Asha', at: T0 + 20 });
    expect(listCashMovements(db, shift.id).map((m) => [m.kind, m.amountMinor, m.reason, m.by])).toEqual([
      ['out', 50_000, 'To the bank', 'Asha'],
      ['in', 10_000, 'Change from the office', 'Asha'],
    ]);

    const closed = closeShift(db, { shiftId: shift.id, closedBy: 'Asha', countedMinor: 155_000, at: T0 + 30 }, () => 160_000);
    expect(closed.close).toEqual({ closedBy: 'Asha', closedAt: T0 + 30, countedMinor: 155_000, expectedMinor: 160_000 });
    expect(openShiftOf(db, counter.id)).toBeNull();
    const before = databaseFingerprint(temp.filePath);
    expect(caught(() => closeShift(db, { shiftId: shift.id, closedBy: 'Ravi', countedMinor: 0, at: T0 + 40 }, () => 0), ConflictError).field).toBe('shiftId');
    expect(caught(() => recordCashMovement(db, { shiftId: shift.id, kind: 'in', amountMinor: 1, reason: 'late', by: 'Ravi', at: T0 + 40 }), ConflictError).field).toBe('shiftId');
    expect(databaseFingerprint(temp.filePath)).toEqual(before);
    expect(caught(() => requireShift(db, 'nope'), NotFoundError).field).toBe('shiftId');
  });

  it('counts the cash sales of the counter in a window, not another counter’s', () => {
    const { db } = temp;
    const counter = makeCounter(db);
    const other = makeCounter(db);
    for (const [at, c, total] of [[T0, counter, 45_050], [T0 + 100, counter, 10_000], [T0 + 100, other, 999], [T0 + 200, counter, 7]] as const) {
      const invoice = makeInvoice(db, c, { totalMinor: total, createdAt: at });
      settleInCash(db, { invoiceId: invoice.id, counterId: c.id, tenderedMinor: total, at });
    }
    expect(cashTakenAt(db, counter.id, T0, T0 + 200)).toEqual({ count: 2, amountMinor: 55_050 });
    expect(cashTakenAt(db, other.id, T0, T0 + 201)).toEqual({ count: 1, amountMinor: 999 });
    expect(cashTakenAt(db, counter.id, T0 + 300, T0 + 400)).toEqual({ count: 0, amountMinor: 0 });
  });
});
