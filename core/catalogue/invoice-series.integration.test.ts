// Invoice numbers that restart each financial year, through the whole backend over a real database
// file and a clock set by the test: the year in the number, consecutive within the year, at most 16
// characters, back to 1 on 1 April; prefixes too long for that refused, naming the counter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayRange } from '../../contract/calendar';
import { MAX_INVOICE_NUMBER_LENGTH } from '../../contract/billing/invoice-number';
import { Rig } from '../../testkit/rig';

let rig: Rig;
// A minute before midnight on 31 March (the manager's unlock outlives the step into April).
let clock = localDayRange('2027-04-01').fromMs - 60_000;
beforeAll(async () => {
  rig = await Rig.start({ counters: 1, now: () => clock });
});
afterAll(async () => {
  await rig.close();
});

const LINE = { description: 'Tea', quantity: 1, unitPriceMinor: 14000 };

async function nextInvoice(): Promise<string> {
  const [counter] = rig.counters;
  if (!counter) throw new Error('the rig has a counter');
  const invoice = await rig.call('invoice-create', { counterId: counter.id, lines: [LINE] });
  return invoice.number;
}

describe('invoice numbers that restart each financial year', () => {
  it('refuses the restart while a counter prefix is too long for it, and changes nothing', async () => {
    const token = rig.managerToken;
    const [counter] = rig.counters;
    if (!counter) throw new Error('the rig has a counter');
    await rig.call('counter-update', { managerToken: token, counterId: counter.id, invoicePrefix: 'SHOP1-' });
    const refused = await rig.raw('tax-settings-update', { managerToken: token, invoiceNumbersRestartEachYear: true, roundOff: false });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'invoiceNumbersRestartEachYear',
        message:
          'Counter 1: Invoice prefix "SHOP1-" is too long for numbers that restart each financial year: with the year (26-27/) and 6 digits, a prefix can have at most 4 characters, so that numbers stay within 16. Shorten it in Manager → Counters first.',
      },
    });
    expect(await rig.call('tax-settings-get', {})).toMatchObject({ invoiceNumbersRestartEachYear: false, roundOff: true });
    await rig.call('counter-update', { managerToken: token, counterId: counter.id, invoicePrefix: 'C1-' });
  });

  it('numbers with the year, consecutively, within 16 characters, and starts again at 1 on 1 April', async () => {
    const token = rig.managerToken;
    const [counter] = rig.counters;
    if (!counter) throw new Error('the rig has a counter');
    expect(await nextInvoice()).toBe('C1-000001');
    expect(await rig.call('tax-settings-update', { managerToken: token, invoiceNumbersRestartEachYear: true })).toMatchObject({ invoiceNumbersRestartEachYear: true });

    expect(await rig.call('invoice-next-number', { counterId: counter.id })).toEqual({ number: 'C1-26-27/000001' });
    const march = [await nextInvoice(), await nextInvoice()];
    expect(march).toEqual(['C1-26-27/000001', 'C1-26-27/000002']);
    clock = localDayRange('2027-04-01').fromMs + 60_000;
    const april = [await nextInvoice(), await nextInvoice()];
    expect(april).toEqual(['C1-27-28/000001', 'C1-27-28/000002']);
    for (const number of [...march, ...april]) expect(number.length).toBeLessThanOrEqual(MAX_INVOICE_NUMBER_LENGTH);

    // While the numbers restart, a counter prefix with no room for the year is refused.
    const long = await rig.raw('counter-update', { managerToken: token, counterId: counter.id, invoicePrefix: 'SHOP1-' });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'invoicePrefix' } });

    await rig.call('tax-settings-update', { managerToken: token, invoiceNumbersRestartEachYear: false });
    expect(await nextInvoice()).toBe('C1-000003');
  });
});
