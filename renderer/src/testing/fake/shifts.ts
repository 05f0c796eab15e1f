// Shifts per counter: opened with a float, cash in and out, closed with the cash counted.
import type { ShiftReport } from '../../../../contract/answers';
import { ok } from '../../../../contract/result';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

function openReport(b: FakeState, shiftId: string): ShiftReport {
  const report = b.shifts.find((s) => s.shift.id === shiftId) ?? refuse('not_found', 'That shift does not exist.', 'shiftId');
  if (report.shift.close) refuse('conflict', 'This shift is closed.', 'shiftId');
  return report;
}

/** The report with `patch` applied, replacing the stored one. */
function update(b: FakeState, report: ShiftReport, patch: Partial<ShiftReport>): ShiftReport {
  const next = { ...report, ...patch };
  b.shifts = b.shifts.map((s) => (s.shift.id === report.shift.id ? next : s));
  return next;
}

export function shiftHandlers(b: FakeState) {
  return {
    'shift-current': (input) => ok({ report: b.shifts.find((s) => s.shift.counterId === input.counterId && !s.shift.close) ?? null }),
    'shift-open': (input) => {
      if (b.shifts.some((s) => s.shift.counterId === input.counterId && !s.shift.close)) refuse('conflict', 'A shift is still open on this counter.', 'counterId');
      const counter = b.counters.find((c) => c.id === input.counterId) ?? refuse('not_found', 'That counter does not exist.', 'counterId');
      const report: ShiftReport = {
        shift: { id: `shift-${b.shifts.length + 1}`, counterId: counter.id, openedBy: b.whoAt(counter.id, input.openedBy, 'openedBy'), floatMinor: input.floatMinor, openedAt: b.now(), close: null },
        counterName: counter.name,
        currency: b.appInfo.currency,
        movements: [],
        cashSales: { count: 0, amountMinor: 0 },
        cashInMinor: 0,
        cashOutMinor: 0,
        expectedMinor: input.floatMinor,
        overShortMinor: null,
      };
      b.shifts.push(report);
      return ok(report);
    },
    'shift-cash-move': (input) => {
      const report = openReport(b, input.shiftId);
      const movement = { id: `move-${report.movements.length + 1}`, shiftId: input.shiftId, kind: input.kind, amountMinor: input.amountMinor, reason: input.note, by: b.whoAt(report.shift.counterId, input.by, 'by'), createdAt: b.now() };
      const sign = input.kind === 'in' ? 1 : -1;
      return ok(
        update(b, report, {
          movements: [...report.movements, movement],
          cashInMinor: report.cashInMinor + (input.kind === 'in' ? input.amountMinor : 0),
          cashOutMinor: report.cashOutMinor + (input.kind === 'out' ? input.amountMinor : 0),
          expectedMinor: report.expectedMinor + sign * input.amountMinor,
        }),
      );
    },
    'shift-close': (input) => {
      const report = openReport(b, input.shiftId);
      const close = { closedBy: b.whoAt(report.shift.counterId, input.closedBy, 'closedBy'), closedAt: b.now(), countedMinor: input.countedMinor, expectedMinor: report.expectedMinor };
      return ok(update(b, report, { shift: { ...report.shift, close }, overShortMinor: input.countedMinor - report.expectedMinor }));
    },
  } satisfies Partial<FakeHandlers>;
}
