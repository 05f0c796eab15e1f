// Cash at the till and receipts, through the backend on a real SQLite file and the simulator: cash
// with change, refused beside a live card payment, beside a lost one (held, then released) until a
// manager checked it, and for too little; totals by tender and each drawer's cash, the receipt of a
// cash sale and of a card sale with its refund, and the store's preferences (name, address, default
// method).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../../testkit/fingerprint';
import { Rig } from '../../testkit/rig';
import { localDate } from '../../testkit/time';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

async function invoice(amountMinor: number, counter = 0) {
  const counterId = rig.counters[counter]?.id ?? '';
  return rig.call('invoice-create', { counterId, lines: [{ description: 'Atta 10 kg', quantity: 1, unitPriceMinor: amountMinor }] });
}

describe('cash at the till', () => {
  it('settles an invoice in cash with change, and the day counts it by tender and in the drawer', async () => {
    rig = await Rig.start();
    const bill = await invoice(45_050);

    const { invoice: paid, sale } = await rig.call('cash-settle', { invoiceId: bill.id, counterId: bill.counterId, tenderedMinor: 50_000 });

    expect(paid.status).toBe('paid');
    expect(sale).toMatchObject({ amountMinor: 45_050, tenderedMinor: 50_000, changeMinor: 4_950 });
    expect(rig.events).toContainEqual({ type: 'ledger-changed' });
    // A reload at the counter comes back to the cash sale, as to a paid card sale.
    expect(await rig.call('counter-status', { counterId: bill.counterId })).toMatchObject({ invoice: { id: bill.id, status: 'paid' }, attempt: null });
    const card = await rig.charge(10_000, { counter: 1 });
    await rig.control.pay('TRM002', { outcome: 'succeeded' });
    await rig.waitFor(card.id, (a) => a.state === 'succeeded');
    const day = await rig.call('log-day', { date: localDate(Date.now()) });
    expect(day.totals.collectedMinor).toBe(55_050);
    expect(day.totals.byTender).toEqual([
      { tender: 'card', count: 1, amountMinor: 10_000 },
      { tender: 'upi', count: 0, amountMinor: 0 },
      { tender: 'cash', count: 1, amountMinor: 45_050 },
    ]);
    expect(day.totals.byCounter.map((c) => [c.counterId, c.cashExpectedMinor])).toEqual([
      [rig.counters[0]?.id, 45_050],
      [rig.counters[1]?.id, 0],
    ]);
    expect(day.cashSales).toEqual([sale]);
    const csv = (await rig.call('log-export-csv', { date: localDate(Date.now()) })).csv;
    expect(csv).toContain(`${bill.number},Counter 1,,450.50,INR,cash,succeeded,,,,,"tendered 500.00, change 49.50",,,cash,`);
  });

  it('refuses cash while the invoice has a card payment on the terminal, and after a failed card takes it', async () => {
    rig = await Rig.start();
    const bill = await invoice(20_000);
    const attempt = await rig.call('charge-create', { invoiceId: bill.id, counterId: bill.counterId, method: 'card' });
    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);

    const refused = await rig.raw('cash-settle', { invoiceId: bill.id, counterId: bill.counterId, tenderedMinor: 20_000 });

    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'conflict', field: 'invoiceId', message: expect.stringMatching(/still running or whose outcome is unknown/) as string });
    expect(databaseFingerprint(file)).toBe(before);
    await rig.control.pay('TRM001', { outcome: 'failed', failure_code: 'card_declined' });
    await rig.waitFor(attempt.id, (a) => a.state === 'failed');
    expect((await rig.call('cash-settle', { invoiceId: bill.id, counterId: bill.counterId, tenderedMinor: 20_000 })).sale.changeMinor).toBe(0);
  });

  it('refuses cash while a lost card payment holds the invoice, and after its release until a manager checked it', async () => {
    rig = await Rig.start({ counters: 1 });
    const bill = await invoice(2_500);
    await rig.control.faults({ scope: 'create', drop_rate: 1, drop_after_processing: true, count: 1 });
    const lost = await rig.call('charge-create', { invoiceId: bill.id, counterId: bill.counterId, method: 'card' });
    expect(lost).toMatchObject({ state: 'unknown', hold: { endedAt: null } });
    const cash = () => rig.raw('cash-settle', { invoiceId: bill.id, counterId: bill.counterId, tenderedMinor: 3_000 });

    const held = await cash();
    expect(held.ok || held.error.field).toBe('invoiceId');
    await rig.call('attempt-release-hold', { managerToken: rig.managerToken, attemptId: lost.id, note: 'Terminal shows no payment' });
    const released = await cash();
    expect(released.ok || released.error.field).toBe('invoiceId');
    await rig.call('attempt-mark-reviewed', { managerToken: rig.managerToken, attemptId: lost.id, note: 'Terminal shows no payment' });
    const taken = await cash();
    expect(taken.ok && taken.value.sale.changeMinor).toBe(500);
  });

  it('refuses cash tendered below the total, naming the field, and changes nothing', async () => {
    rig = await Rig.start();
    const bill = await invoice(45_050);
    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);

    const short = await rig.raw('cash-settle', { invoiceId: bill.id, counterId: bill.counterId, tenderedMinor: 45_000 });

    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toEqual({ code: 'invalid_input', field: 'tenderedMinor', message: 'Amount tendered (₹450.00) must be at least the total, ₹450.50.' });
    expect(databaseFingerprint(file)).toBe(before);
  });
});

describe('receipts and preferences', () => {
  it('keeps the store’s name, address and default method, and prints them on receipts of cash and card sales with refunds', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: 0 } });
    expect(await rig.call('settings-get', {})).toMatchObject({ defaultMethod: 'card', storeName: '', storeAddress: '' });
    const settings = await rig.call('preferences-update', { managerToken: rig.managerToken, storeName: 'Sharma Stores', storeAddress: '12 MG Road\nBengaluru 560001', defaultMethod: 'upi' });
    expect(settings).toMatchObject({ defaultMethod: 'upi', storeName: 'Sharma Stores', storeAddress: '12 MG Road\nBengaluru 560001', pollIntervalSeconds: 5 });

    const bill = await invoice(45_050);
    const unpaid = await rig.raw('receipt-get', { invoiceId: bill.id });
    expect(!unpaid.ok && unpaid.error).toMatchObject({ code: 'conflict', field: 'invoiceId' });
    await rig.call('cash-settle', { invoiceId: bill.id, counterId: bill.counterId, tenderedMinor: 50_000 });
    expect(await rig.call('receipt-get', { invoiceId: bill.id })).toMatchObject({
      storeName: 'Sharma Stores',
      storeAddress: '12 MG Road\nBengaluru 560001',
      counterName: 'Counter 1',
      tender: 'cash',
      tenderedMinor: 50_000,
      changeMinor: 4_950,
      paymentId: null,
      invoice: { number: bill.number, totalMinor: 45_050, lines: [{ description: 'Atta 10 kg', quantity: 1, unitPriceMinor: 45_050 }] },
    });

    const card = await rig.charge(30_000, { counter: 1, method: 'upi' });
    await rig.control.pay('TRM002', { outcome: 'succeeded' });
    const paid = await rig.waitFor(card.id, (a) => a.state === 'succeeded');
    const refund = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 5_000, reason: 'requested_by_customer', requestKey: randomUUID() });
    await rig.waitForRefund(refund.id, (r) => r.state === 'succeeded');
    const receipt = await rig.call('receipt-get', { invoiceId: paid.invoiceId });
    expect(receipt).toMatchObject({ tender: 'upi', paymentId: paid.paymentId, counterName: 'Counter 2', refunds: [expect.objectContaining({ amountMinor: 5_000, state: 'succeeded' })] });
  });
});
