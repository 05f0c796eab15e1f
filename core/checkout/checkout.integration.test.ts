// A checkout through the whole backend: catalogue items scanned or found, a weighed item, a line and
// a bill discount, CGST/SGST within the state or IGST across, the round-off; the invoice's total is
// the bill's and is what the terminal is asked for. Old-style invoices keep working beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../contract/calendar';
import { Rig } from '../../testkit/rig';
import { SAMPLE_CATALOGUE_ROWS } from '../../testkit/catalogue';

let rig: Rig;
beforeAll(async () => {
  rig = await Rig.start();
  const managerToken = rig.managerToken;
  await rig.call('tax-settings-update', { managerToken, gstin: '27AAPFU0939F1ZV' });
  const csv = SAMPLE_CATALOGUE_ROWS.join('\n');
  await rig.call('catalogue-import', { managerToken, csv, dryRun: false });
});
afterAll(async () => {
  await rig.close();
});

const itemId = async (barcode: string) => {
  const { item } = await rig.call('catalogue-barcode', { barcode });
  if (!item) throw new Error(`no item for ${barcode}`);
  return item.id;
};

describe('a checkout', () => {
  it('bills items with discounts, CGST and SGST per rate and the round-off, and charges the bill total on the terminal', async () => {
    const counter = rig.counters[0];
    if (!counter) throw new Error('no counter');
    const { invoice, bill } = await rig.call('invoice-checkout', {
      counterId: counter.id,
      lines: [
        { itemId: await itemId('8901234567890'), quantityThousandths: 2000 },
        { itemId: await itemId('8901234500011'), quantityThousandths: 750 },
        { itemId: await itemId('8901234500028'), quantityThousandths: 1000, discount: { kind: 'percent', basisPoints: 1000 } },
      ],
      billDiscount: { kind: 'amount', minor: 1000 },
    });
    // Rice: 0.750 × 120.50 = 90.375 → 90.38; tumbler less 10% = 89.10; ₹10 shared 6.09 / 1.97 / 1.94.
    expect(bill.totals.lines.map((line) => line.lineTotal)).toEqual([27391, 8841, 8716]);
    expect(bill.totals).toMatchObject({ supply: 'intra_state', totalBeforeRoundOff: 44948, roundOff: -48, total: 44900, igst: 0 });
    expect(bill.totals.taxByRate).toEqual([
      { rateBasisPoints: 500, taxableValue: 34507, tax: 1725, cgst: 863, sgst: 862, igst: 0, salesTax: 0 },
      { rateBasisPoints: 1800, taxableValue: 7386, tax: 1330, cgst: 665, sgst: 665, igst: 0, salesTax: 0 },
    ]);
    expect(bill.totals.lines.map((line) => [line.hsnCode, line.unit])).toEqual([['0902', 'NOS'], ['1006', 'KGS'], ['7323', 'NOS']]);
    expect(bill).toMatchObject({ storeGstin: '27AAPFU0939F1ZV', placeOfSupply: { code: '27', name: 'Maharashtra' }, customer: null });
    expect(invoice.totalMinor).toBe(44900);
    expect(await rig.call('invoice-bill', { invoiceId: invoice.id })).toEqual({ bill });

    await rig.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' });
    const [session] = await rig.control.sessions();
    expect(session?.amount).toBe('449.00');
  });

  it('bills a B2B sale delivered to another state as IGST, with the customer checked', async () => {
    const counter = rig.counters[1] ?? rig.counters[0];
    if (!counter) throw new Error('no counter');
    const lines = [{ itemId: await itemId('8901234567890'), quantityThousandths: 1000 }];
    const badGstin = await rig.raw('invoice-checkout', { counterId: counter.id, lines, placeOfSupply: '29', customer: { gstin: '29AACCR7832C1ZE', name: 'R Traders' } });
    expect(badGstin).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'customer.gstin' } });
    const { bill } = await rig.call('invoice-checkout', { counterId: counter.id, lines, placeOfSupply: '29', customer: { gstin: '29aaccr7832c1zd', name: ' R  Traders ' } });
    expect(bill.totals).toMatchObject({ supply: 'inter_state', taxableValue: 13333, igst: 667, cgst: 0, sgst: 0, roundOff: 0, total: 14000 });
    expect(bill).toMatchObject({ placeOfSupply: { code: '29', name: 'Karnataka' }, customer: { gstin: '29AACCR7832C1ZD', name: 'R Traders' } });
  });

  it('refuses a whole-unit item with a fraction, and a free line without its rate, naming the line field', async () => {
    const counterId = rig.counters[0]?.id;
    const fraction = await rig.raw('invoice-checkout', { counterId, lines: [{ itemId: await itemId('8901234500028'), quantityThousandths: 1500 }] });
    expect(fraction).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Line 1: Steel Tumbler is sold in whole pieces: the quantity cannot have decimals.', field: 'lines.0.quantityThousandths' },
    });
    const free = await rig.raw('invoice-checkout', { counterId, lines: [{ description: 'Carry bag', unitPriceMinor: 500, quantityThousandths: 1000 }] });
    expect(free).toMatchObject({ ok: false, error: { field: 'lines.0.rateBasisPoints' } });
    const withRate = await rig.call('invoice-checkout', { counterId, lines: [{ description: 'Carry bag', unitPriceMinor: 500, quantityThousandths: 1000, rateBasisPoints: 1800 }] });
    expect(withRate.bill.totals).toMatchObject({ taxableValue: 424, tax: 76, total: 500 });
  });

  it('leaves a free-line invoice as it was: no bill, its total the sum of its lines', async () => {
    const counterId = rig.counters[0]?.id;
    const invoice = await rig.call('invoice-create', { counterId, lines: [{ description: 'Goods', quantity: 3, unitPriceMinor: 3350 }] });
    expect(invoice.totalMinor).toBe(10050);
    expect(await rig.call('invoice-bill', { invoiceId: invoice.id })).toEqual({ bill: null });
  });

  it("puts a sale's taxable value and tax, in all and per rate, in the day's CSV; a plain invoice's row leaves them empty", async () => {
    const counterId = rig.counters[0]?.id ?? '';
    const { invoice: taxed } = await rig.call('invoice-checkout', {
      counterId,
      lines: [
        { description: 'Carry bag', unitPriceMinor: 500, quantityThousandths: 1000, rateBasisPoints: 1800 },
        { itemId: await itemId('8901234567890'), quantityThousandths: 1000 },
      ],
    });
    await rig.call('cash-settle', { invoiceId: taxed.id, counterId, tenderedMinor: taxed.totalMinor });
    const plain = await rig.call('invoice-create', { counterId, lines: [{ description: 'Goods', quantity: 1, unitPriceMinor: 2500 }] });
    await rig.call('cash-settle', { invoiceId: plain.id, counterId, tenderedMinor: 2500 });

    const { csv } = await rig.call('log-export-csv', { date: localDate(Date.now()) });
    const [header = '', ...rows] = csv.trim().split(/\r?\n/);
    expect(header.endsWith(',taxable_value,tax,tax_by_rate')).toBe(true);
    const rowOf = (number: string) => rows.find((row) => row.includes(`,${number},`)) ?? '';
    // Bag 5.00 at 18%: 4.24 + 0.76; tea 140.00 at 5%: 133.33 + 6.67.
    expect(rowOf(taxed.number).endsWith(',137.57,7.43,"5%: taxable 133.33, tax 6.67; 18%: taxable 4.24, tax 0.76"')).toBe(true);
    expect(rowOf(plain.number).endsWith(',cash,,,,')).toBe(true);

    // The day close sums the day's paid tax invoices HSN-wise and rate-wise (the card sales above were never paid).
    const { taxSummary } = await rig.call('day-close-report', { date: localDate(Date.now()) });
    expect(taxSummary?.summary.hsn.map((row) => [row.recipient, row.hsnCode, row.unit, row.rateBasisPoints, row.quantityThousandths, row.taxableValue, row.tax])).toEqual([
      ['b2c', '', 'NOS', 1800, 1000, 424, 76],
      ['b2c', '0902', 'NOS', 500, 1000, 13333, 667],
    ]);
    expect(taxSummary?.summary.totals).toMatchObject({ invoices: 1, taxableValue: 13757, tax: 743, cgst: 372, sgst: 371, total: 14500 });
    expect(taxSummary?.csv.fileName).toBe(`tax-summary-${localDate(Date.now())}.csv`);
    expect(taxSummary?.csv.csv.split('\r\n').slice(0, 3)).toEqual([
      'summary,recipient,hsn_sac,uqc,rate,quantity,taxable_value,igst,cgst,sgst,sales_tax,tax,total_value,invoices,round_off',
      'hsn,B2C,,NOS,18%,1,4.24,0.00,0.38,0.38,0.00,0.76,5.00,,',
      'hsn,B2C,0902,NOS,5%,1,133.33,0.00,3.34,3.33,0.00,6.67,140.00,,',
    ]);

    // Paid by card: its payment's row, read with its invoice's tax summary in the same query.
    const cardCounter = rig.counters[2];
    if (!cardCounter) throw new Error('no third counter');
    const { invoice: byCard } = await rig.call('invoice-checkout', { counterId: cardCounter.id, lines: [{ itemId: await itemId('8901234567890'), quantityThousandths: 1000 }] });
    const attempt = await rig.call('charge-create', { invoiceId: byCard.id, counterId: cardCounter.id, method: 'card' });
    await rig.control.pay(cardCounter.terminalId, { outcome: 'succeeded' });
    await rig.waitFor(attempt.id, (a) => a.state === 'succeeded');
    const after = await rig.call('log-export-csv', { date: localDate(Date.now()), counterId: cardCounter.id });
    // Tea 140.00 at 5%: 133.33 + 6.67.
    expect(after.csv.split('\r\n')[1]).toMatch(new RegExp(`,${byCard.number},.*,card,succeeded,.*,payment,,133\\.33,6\\.67,"5%: taxable 133\\.33, tax 6\\.67"$`));
  });
});
