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
