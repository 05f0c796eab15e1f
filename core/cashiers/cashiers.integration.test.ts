// Cashiers through the backend: none defined, a counter sells as before; once the manager adds
// them, a counter sells only with a cashier signed in, and each sale names its cashier in the log
// and the day's CSV; wrong PINs lock that cashier out; a removed cashier is signed out everywhere.
import { afterEach, describe, expect, it } from 'vitest';
import { localDate } from '../../testkit/time';
import { Rig } from '../../testkit/rig';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

async function cashSale(counterId: string, amountMinor: number): Promise<string> {
  const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: amountMinor }] });
  await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: amountMinor });
  return bill.number;
}

describe('cashiers', () => {
  it('name their own sales in the log and the CSV; a counter with cashiers sells only with one signed in', async () => {
    rig = await Rig.start();
    const [a, b] = [rig.counters[0]?.id ?? '', rig.counters[1]?.id ?? ''];
    const before = await cashSale(a, 1_000); // no cashiers yet: as before, no sign-in, nobody named

    const { cashiers } = await rig.call('cashier-add', { managerToken: rig.managerToken, name: 'Asha', pin: '1357' });
    const ravi = (await rig.call('cashier-add', { managerToken: rig.managerToken, name: 'Ravi', pin: '2468' })).cashiers.find((c) => c.name === 'Ravi');
    const asha = cashiers[0];
    if (!asha || !ravi) throw new Error('cashiers not added');
    const twin = await rig.raw('cashier-add', { managerToken: rig.managerToken, name: ' asha ', pin: '1111' });
    expect(!twin.ok && twin.error).toMatchObject({ code: 'conflict', field: 'name' });
    const unsigned = await rig.raw('invoice-create', { counterId: a, lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 500 }] });
    expect(!unsigned.ok && unsigned.error).toMatchObject({ code: 'conflict', field: 'counterId', message: expect.stringMatching(/^Sign in at this counter first/) as string });

    const wrong = await rig.raw('cashier-sign-in', { counterId: a, cashierId: asha.id, pin: '2468' });
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'locked', field: 'pin', message: 'That PIN is not right.' });
    expect((await rig.call('cashier-sign-in', { counterId: a, cashierId: asha.id, pin: '1357' })).signedIn).toEqual(asha);
    expect((await rig.call('cashier-sign-in', { counterId: b, cashierId: ravi.id, pin: '2468' })).signedIn).toEqual(ravi);
    const byAsha = await cashSale(a, 2_000);
    const byRavi = await cashSale(b, 3_000);
    const card = await rig.charge(4_000, { counter: 1 });
    expect(card.cashier).toBe('Ravi');

    const log = await rig.call('log-day', { date: localDate(Date.now()) });
    expect(Object.fromEntries(log.cashSales.map((sale) => [sale.invoiceNumber, sale.cashier ?? null]))).toEqual({ [before]: null, [byAsha]: 'Asha', [byRavi]: 'Ravi' });
    expect(log.attempts.map((attempt) => attempt.cashier)).toEqual(['Ravi']);
    const csv = (await rig.call('log-export-csv', { date: localDate(Date.now()) })).csv.trim().split(/\r?\n/);
    expect(csv[0]?.endsWith(',record,refund_id,taxable_value,tax,tax_by_rate,cashier')).toBe(true);
    expect(csv.find((line) => line.includes(byAsha))?.endsWith(',Asha')).toBe(true);
    expect(csv.find((line) => line.includes(byRavi))?.endsWith(',Ravi')).toBe(true);
    expect(csv.find((line) => line.includes(before))?.endsWith(',')).toBe(true);

    // Switching cashier: sign out, and the counter takes no sale until someone signs in.
    await rig.call('cashier-sign-out', { counterId: a });
    expect((await rig.raw('invoice-create', { counterId: a, lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 500 }] })).ok).toBe(false);
    // Removing a cashier signs them out of every counter; their sales keep their name.
    await rig.call('cashier-remove', { managerToken: rig.managerToken, cashierId: ravi.id });
    expect(await rig.call('cashier-list', { counterId: b })).toEqual({ cashiers: [asha], signedIn: null });
    expect((await rig.raw('cashier-sign-in', { counterId: b, cashierId: ravi.id, pin: '2468' })).ok).toBe(false);
    expect((await rig.call('log-day', { date: localDate(Date.now()) })).attempts[0]?.cashier).toBe('Ravi');
  });

  it('name who opened, moved cash in and closed a shift, asked for a refund and closed the day: the cashier signed in there, whatever name is sent', async () => {
    rig = await Rig.start();
    const [a, b] = [rig.counters[0]?.id ?? '', rig.counters[1]?.id ?? ''];
    const today = localDate(Date.now());
    // No cashiers yet: the name typed, as before; none typed is refused at its field.
    const typed = await rig.call('shift-open', { counterId: b, openedBy: 'Meena', floatMinor: 0 });
    expect(typed.shift.openedBy).toBe('Meena');
    const nameless = await rig.raw('shift-close', { shiftId: typed.shift.id, countedMinor: 0 });
    expect(!nameless.ok && nameless.error).toMatchObject({ code: 'invalid_input', field: 'closedBy', message: expect.stringMatching(/^Your name is required/) as string });
    await rig.call('shift-close', { shiftId: typed.shift.id, countedMinor: 0, closedBy: 'Meena' });

    const asha = (await rig.call('cashier-add', { managerToken: rig.managerToken, name: 'Asha', pin: '1357' })).cashiers[0];
    const ravi = (await rig.call('cashier-add', { managerToken: rig.managerToken, name: 'Ravi', pin: '2468' })).cashiers.find((c) => c.name === 'Ravi');
    if (!asha || !ravi) throw new Error('cashiers not added');
    // Cashiers defined and nobody signed in: the drawer is refused as a sale is.
    const unsigned = await rig.raw('shift-open', { counterId: a, openedBy: 'Asha', floatMinor: 0 });
    expect(!unsigned.ok && unsigned.error).toMatchObject({ code: 'conflict', field: 'counterId', message: expect.stringMatching(/^Sign in at this counter first/) as string });
    await rig.call('cashier-sign-in', { counterId: a, cashierId: asha.id, pin: '1357' });
    await rig.call('cashier-sign-in', { counterId: b, cashierId: ravi.id, pin: '2468' });

    // Asha's screen sends Ravi's name: the backend records Asha, signed in at the counter.
    const shift = await rig.call('shift-open', { counterId: a, openedBy: 'Ravi', floatMinor: 10_000 });
    expect(shift.shift.openedBy).toBe('Asha');
    const moved = await rig.call('shift-cash-move', { shiftId: shift.shift.id, kind: 'in', amountMinor: 500, note: 'Change', by: 'Ravi' });
    expect(moved.movements.map((m) => m.by)).toEqual(['Asha']);
    expect((await rig.call('shift-close', { shiftId: shift.shift.id, countedMinor: 10_500, closedBy: 'Ravi' })).shift.close?.closedBy).toBe('Asha');

    const charged = await rig.charge(4_000);
    await rig.control.pay(rig.counters[0]?.terminalId ?? '', { outcome: 'succeeded' });
    const paid = await rig.waitFor(charged.id, (attempt) => attempt.state === 'succeeded');
    const refund = await rig.call('refund-create', { managerToken: rig.managerToken, counterId: a, attemptId: paid.id, amountMinor: 1_000, reason: 'others', requestKey: 'key-asha-0001' });
    expect(refund.cashier).toBe('Asha');
    const byManager = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 1_000, reason: 'others', requestKey: 'key-mgr-00001' });
    expect(byManager.cashier).toBeUndefined();
    const sale = await rig.call('invoice-create', { counterId: b, lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: 3_000 }] });
    await rig.call('cash-settle', { invoiceId: sale.id, counterId: b, tenderedMinor: 3_000 });
    const paidBack = await rig.call('cash-refund', { managerToken: rig.managerToken, counterId: b, invoiceId: sale.id, amountMinor: 500, reason: 'others', requestKey: 'key-ravi-0001' });
    expect(paidBack.cashier).toBe('Ravi');

    const log = await rig.call('log-day', { date: today });
    expect(log.refunds.map((r) => r.cashier ?? null).sort()).toEqual(['Asha', null]);
    expect(log.cashRefunds.map((r) => r.cashier)).toEqual(['Ravi']);
    const csv = (await rig.call('log-export-csv', { date: today })).csv.trim().split(/\r?\n/);
    expect(csv.filter((line) => line.includes(',refund,') && line.endsWith(',Asha'))).toHaveLength(1);
    expect(csv.filter((line) => line.includes(',cash refund,') && line.endsWith(',Ravi'))).toHaveLength(1);

    // The day close names Ravi, signed in at the screen's counter, not the name typed.
    const { close } = await rig.call('day-close', { managerToken: rig.managerToken, counterId: b, date: today, closedBy: 'Asha' });
    expect(close?.closedBy).toBe('Ravi');
  });

  it('five wrong PINs lock that cashier out for a while, even with the right PIN', async () => {
    rig = await Rig.start();
    const counterId = rig.counters[0]?.id ?? '';
    const asha = (await rig.call('cashier-add', { managerToken: rig.managerToken, name: 'Asha', pin: '1357' })).cashiers[0];
    if (!asha) throw new Error('no cashier');
    for (let i = 0; i < 5; i += 1) {
      const wrong = await rig.raw('cashier-sign-in', { counterId, cashierId: asha.id, pin: '0000' });
      expect(!wrong.ok && wrong.error.message).toBe('That PIN is not right.');
    }
    const locked = await rig.raw('cashier-sign-in', { counterId, cashierId: asha.id, pin: '1357' });
    expect(!locked.ok && locked.error).toMatchObject({ code: 'locked', field: 'pin', message: expect.stringMatching(/^Too many wrong PINs for Asha\. Try again in \d+ seconds\.$/) as string });
  });
});
