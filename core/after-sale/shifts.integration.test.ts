// A counter's shift through the backend: the float, the counter's cash sales, cash out with a reason,
// and the close with the cash counted: short (or over) against what the drawer should hold, fixed
// at the close; bad input named at its field, changing nothing.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../../testkit/fingerprint';
import { Rig } from '../../testkit/rig';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

async function cashSale(counterId: string, amountMinor: number): Promise<void> {
  const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: amountMinor }] });
  await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: amountMinor + 1_000 });
}

describe('a shift', () => {
  it('float + cash sales + in − out is expected; the counted cash shows the shortage, kept as closed', async () => {
    rig = await Rig.start();
    const [a, b] = [rig.counters[0]?.id ?? '', rig.counters[1]?.id ?? ''];
    await cashSale(a, 9_999); // before the shift: not this drawer's
    expect(await rig.call('shift-current', { counterId: a })).toEqual({ report: null });

    const opened = await rig.call('shift-open', { counterId: a, openedBy: 'Asha', floatMinor: 200_000 });
    expect(opened).toMatchObject({ counterName: rig.counters[0]?.name, expectedMinor: 200_000, overShortMinor: null, shift: { openedBy: 'Asha', floatMinor: 200_000, close: null } });
    const again = await rig.raw('shift-open', { counterId: a, openedBy: 'Ravi', floatMinor: 0 });
    expect(!again.ok && again.error).toMatchObject({ code: 'conflict', field: 'counterId', message: expect.stringMatching(/opened by Asha is still open/) as string });

    await cashSale(a, 45_050);
    await cashSale(b, 12_345); // another counter's drawer
    await rig.call('shift-cash-move', { shiftId: opened.shift.id, kind: 'out', amountMinor: 50_000, note: 'To the bank', by: 'Asha' });
    const current = await rig.call('shift-current', { counterId: a });
    expect(current.report).toMatchObject({ cashSales: { count: 1, amountMinor: 45_050 }, cashOutMinor: 50_000, cashInMinor: 0, expectedMinor: 195_050 });
    expect(current.report?.movements.map((m) => [m.kind, m.amountMinor, m.reason, m.by])).toEqual([['out', 50_000, 'To the bank', 'Asha']]);

    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);
    const negative = await rig.raw('shift-close', { shiftId: opened.shift.id, countedMinor: -1, closedBy: 'Asha' });
    expect(!negative.ok && negative.error).toMatchObject({ code: 'invalid_input', field: 'countedMinor', message: 'Counted cash must not be negative' });
    expect(databaseFingerprint(file)).toBe(before);

    const closed = await rig.call('shift-close', { shiftId: opened.shift.id, countedMinor: 190_000, closedBy: 'Asha' });
    expect(closed).toMatchObject({ expectedMinor: 195_050, overShortMinor: -5_050, shift: { close: { closedBy: 'Asha', countedMinor: 190_000, expectedMinor: 195_050 } } });
    // A closed shift takes nothing more; the counter's next one starts from its own float.
    await cashSale(a, 1_000);
    const late = await rig.raw('shift-cash-move', { shiftId: opened.shift.id, kind: 'in', amountMinor: 100, note: 'Late', by: 'Asha' });
    expect(!late.ok && late.error).toMatchObject({ code: 'conflict', field: 'shiftId' });
    expect(await rig.call('shift-current', { counterId: a })).toEqual({ report: null });
    const next = await rig.call('shift-open', { counterId: a, openedBy: 'Ravi', floatMinor: 190_000 });
    expect(next).toMatchObject({ expectedMinor: 190_000, cashSales: { count: 0, amountMinor: 0 } });
  });
});
