// Shifts per counter: the drawer opened with a float, cash in and out with a reason, and the close
// with the cash counted against what was expected (float + cash sales + in − out) as over or short.
// What each figure is made of stays in one place (drawerFigures), for the screen and the slip alike.
// Each names the cashier signed in at the counter (the name typed only in a shop without cashiers).
import type { ShiftReport } from '../../contract/answers';
import type { CashMovement, Shift } from '../../contract/records';
import * as counters from '../../db/local/counters';
import * as shifts from '../../db/local/shifts';
import type { Db } from '../../db/local/database';
import { personAtCounter } from '../cashiers/handlers';
import type { DataContext, Handlers } from '../handlers/types';

export function shiftHandlers(ctx: DataContext): Handlers<'shift-current' | 'shift-open' | 'shift-cash-move' | 'shift-close'> {
  // Who did it: the cashier signed in at the shift's counter, never a name the screen sends (core/cashiers).
  const byWhom = (counterId: string, typed: string | undefined, field: string) => personAtCounter(ctx, counterId, typed, field, true);
  return {
    'shift-current': (input) => {
      counters.requireCounter(ctx.db, input.counterId);
      const open = shifts.openShiftOf(ctx.db, input.counterId);
      return { report: open ? shiftReport(ctx, open) : null };
    },
    'shift-open': ({ openedBy, ...input }) => {
      counters.requireCounter(ctx.db, input.counterId);
      return shiftReport(ctx, shifts.openShift(ctx.db, { ...input, openedBy: byWhom(input.counterId, openedBy, 'openedBy'), at: ctx.now() }));
    },
    'shift-cash-move': ({ note, by, ...movement }) => {
      const { counterId } = shifts.requireShift(ctx.db, movement.shiftId);
      const moved = shifts.recordCashMovement(ctx.db, { ...movement, by: byWhom(counterId, by, 'by'), reason: note, at: ctx.now() });
      return shiftReport(ctx, shifts.requireShift(ctx.db, moved.shiftId));
    },
    'shift-close': ({ closedBy, ...input }) => {
      const { counterId } = shifts.requireShift(ctx.db, input.shiftId);
      const now = ctx.now();
      const closed = shifts.closeShift(ctx.db, { ...input, closedBy: byWhom(counterId, closedBy, 'closedBy'), at: now }, (shift) => drawerFigures(ctx.db, shift, now).expectedMinor);
      return shiftReport(ctx, closed);
    },
  };
}

interface DrawerFigures {
  movements: CashMovement[];
  cashSales: { count: number; amountMinor: number };
  cashInMinor: number;
  cashOutMinor: number;
  expectedMinor: number;
}

/** The drawer of `shift` up to `until`: float + cash sales + cash in − cash out. */
function drawerFigures(db: Db, shift: Shift, until: number): DrawerFigures {
  const movements = shifts.listCashMovements(db, shift.id);
  const sum = (kind: CashMovement['kind']) => movements.filter((m) => m.kind === kind).reduce((total, m) => total + m.amountMinor, 0);
  const cashSales = shifts.cashTakenAt(db, shift.counterId, shift.openedAt, until + 1);
  const cashInMinor = sum('in');
  const cashOutMinor = sum('out');
  return { movements, cashSales, cashInMinor, cashOutMinor, expectedMinor: shift.floatMinor + cashSales.amountMinor + cashInMinor - cashOutMinor };
}

function shiftReport(ctx: DataContext, shift: Shift): ShiftReport {
  const figures = drawerFigures(ctx.db, shift, shift.close?.closedAt ?? ctx.now());
  const expectedMinor = shift.close?.expectedMinor ?? figures.expectedMinor;
  return {
    shift,
    counterName: counters.requireCounter(ctx.db, shift.counterId).name,
    currency: ctx.currency,
    ...figures,
    expectedMinor,
    overShortMinor: shift.close ? shift.close.countedMinor - expectedMinor : null,
  };
}
