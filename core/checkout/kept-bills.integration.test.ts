// Bills that survive, through the whole backend on a real SQLite file: the bill being built is kept
// across a restart, two bills are held and each recalled, a cart's items come back with the bill.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeptBill } from '../../contract/bills';
import { Rig } from '../../testkit/rig';
import { SAMPLE_CATALOGUE_ROWS } from '../../testkit/catalogue';

let rig: Rig;
beforeAll(async () => {
  rig = await Rig.start();
  await rig.call('catalogue-import', { managerToken: rig.managerToken, csv: SAMPLE_CATALOGUE_ROWS.join('\n'), dryRun: false });
});
afterAll(async () => {
  await rig.close();
});

const NO_CART = { lines: [], billDiscount: '', placeOfSupply: '', customerGstin: '', customerName: '' };
const typed = (description: string, unitPrice: string): KeptBill => ({
  mode: 'items',
  lines: [{ description, quantity: '2', unitPrice }],
  amount: '',
  amountDescription: 'Sale',
  cart: NO_CART,
});
const counterId = (n: number) => rig.counters[n]?.id ?? '';

describe('bills that survive', () => {
  it('keeps the bill being built across a restart, each counter its own', async () => {
    const bill = typed('Rice 5 kg', '620.5');
    await rig.call('bill-keep', { counterId: counterId(0), bill });
    await rig.restart();
    expect(await rig.call('bill-kept-get', { counterId: counterId(0) })).toEqual({ bill, items: [], held: [] });
    expect((await rig.call('bill-kept-get', { counterId: counterId(1) })).bill).toBeNull();
  });

  it('holds two bills with their labels and recalls each; a bill recalled is no longer held', async () => {
    const c = counterId(1);
    const first = await rig.call('bill-hold', { counterId: c, label: ' Blue shirt ', totalMinor: 124100, bill: typed('Rice', '620.50') });
    expect(first.held.map((h) => [h.label, h.totalMinor])).toEqual([['Blue shirt', 124100]]);
    const both = await rig.call('bill-hold', { counterId: c, label: 'Mrs Rao', totalMinor: 2000, bill: typed('Tea', '10') });
    expect(both.held.map((h) => h.label)).toEqual(['Blue shirt', 'Mrs Rao']);
    const [shirt, rao] = both.held;
    if (!shirt || !rao) throw new Error('two held bills expected');

    const recalled = await rig.call('bill-recall', { counterId: c, heldId: rao.id });
    expect(recalled.bill?.lines[0]?.description).toBe('Tea');
    expect(recalled.held.map((h) => h.label)).toEqual(['Blue shirt']);
    expect((await rig.call('bill-kept-get', { counterId: c })).bill?.lines[0]?.description).toBe('Tea');

    const again = await rig.raw('bill-recall', { counterId: c, heldId: rao.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', field: 'heldId' } });
    // Another counter cannot take this counter's held bill.
    const elsewhere = await rig.raw('bill-recall', { counterId: counterId(0), heldId: shirt.id });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'not_found', field: 'heldId' } });
  });

  it('answers a kept cart with the catalogue items it names', async () => {
    const { item } = await rig.call('catalogue-barcode', { barcode: '8901234567890' });
    if (!item) throw new Error('sample item missing');
    const bill: KeptBill = { ...typed('', ''), mode: 'checkout', cart: { ...NO_CART, lines: [{ itemId: item.id, quantity: '2', discount: '10%' }, { itemId: 'gone', quantity: '1', discount: '' }] } };
    await rig.call('bill-keep', { counterId: counterId(0), bill });
    const answer = await rig.call('bill-kept-get', { counterId: counterId(0) });
    expect(answer.bill).toEqual(bill);
    expect(answer.items.map((i) => i.id)).toEqual([item.id]);
  });

  it('refuses a counter that does not exist and keeps nothing', async () => {
    const result = await rig.raw('bill-keep', { counterId: 'nope', bill: typed('Tea', '10') });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', field: 'counterId' } });
  });
});
