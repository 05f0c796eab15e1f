// Another PC's sale from any PC of a store (issue 21), with in-process PCs on one simulator and a real
// PostgreSQL cluster: its receipt, its payment's refunds and its live payment on the dashboard are
// read from the store's ledger; the receipt's store name and address set on one PC reach the others.
import { afterEach, describe, expect, it } from 'vitest';
import { Rig, TEST_TUNING } from '../../testkit/rig';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually } from '../../testkit/store-ledger';

const store = storeDatabaseEachTest();
const FAST_LINK = { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 };
const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0).reverse()) await rig.close();
});

async function pc(stationName: string, first?: Rig): Promise<Rig> {
  const tuning = { ...TEST_TUNING, store: FAST_LINK };
  const rig = await Rig.start(first ? { sharedSimulator: first.sim, counters: 0, tuning } : { tuning });
  rigs.push(rig);
  await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName, pin: '2468' });
  if (first) rig.counters = await rig.call('counters-list', {});
  return rig;
}

describe('another PC’s sale, from this PC', () => {
  it('PC 1 shows PC 2’s live payment on its dashboard, then reprints its receipt and lists its refunds', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const live = await pc2.charge(45_600, { counter: 1 });
    const onDashboard = await eventually(
      async () => (await pc1.call('dashboard', {})).find((s) => s.counter.id === live.counterId && s.attempt?.id === live.id && s.attempt.state !== 'creating'),
      10_000,
      'PC 2’s payment on PC 1’s dashboard',
    );
    expect(onDashboard.attempt?.state).toBe('in_progress');
    expect(onDashboard.invoice?.number).toBe(live.invoiceNumber);

    await pc1.control.pay(live.terminalId, { outcome: 'succeeded', method: 'card' });
    const paid = await pc2.waitFor(live.id, (a) => a.state === 'succeeded');
    await eventually(async () => ((await pc1.call('dashboard', {})).find((s) => s.attempt?.id === live.id)?.attempt?.state === 'succeeded' ? true : undefined), 10_000, 'the payment settled on PC 1’s dashboard');

    const receipt = await pc1.call('receipt-get', { invoiceId: live.invoiceId });
    expect(receipt).toMatchObject({ tender: 'card', paymentId: paid.paymentId, counterName: pc1.counters[1]?.name, refunds: [] });
    expect(receipt.invoice).toMatchObject({ id: live.invoiceId, number: live.invoiceNumber, status: 'paid', totalMinor: 45_600 });
    expect(await pc1.call('refund-list', { attemptId: live.id })).toEqual([]);
    // Refunded on PC 2, the refund shows on PC 1; PC 1 itself is told where to refund it, and records nothing.
    const refund = await pc2.call('refund-create', { managerToken: pc2.managerToken, attemptId: live.id, amountMinor: 10_000, reason: 'requested_by_customer', requestKey: 'refund-on-pc2' });
    await eventually(async () => ((await pc1.call('refund-list', { attemptId: live.id })).some((r) => r.refund.id === refund.id && r.events.length > 0) ? true : undefined), 10_000, 'PC 2’s refund on PC 1');
    const here = await pc1.raw('refund-create', { managerToken: pc1.managerToken, attemptId: live.id, amountMinor: 100, reason: 'requested_by_customer', requestKey: 'refund-on-pc1' });
    expect(here.ok ? null : { code: here.error.code, message: here.error.message, field: here.error.field }).toEqual({
      code: 'conflict',
      message: 'This payment was taken at PC “Till 2”. Refund it on that PC.',
      field: 'attemptId',
    });
    expect(await pc1.call('attempt-events', { attemptId: live.id })).not.toHaveLength(0);
  });

  it('PC 1 reprints PC 2’s cash sale; an invoice no PC has is still “does not exist”', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const invoice = await pc2.call('invoice-create', { counterId: pc2.counters[1]?.id ?? '', lines: [{ description: 'Rice 5 kg', quantity: 1, unitPriceMinor: 1_234_00 }] });
    await pc2.call('cash-settle', { invoiceId: invoice.id, counterId: invoice.counterId, tenderedMinor: 1_300_00 });
    const receipt = await eventually(async () => {
      const answer = await pc1.raw('receipt-get', { invoiceId: invoice.id });
      return answer.ok ? answer.value : undefined;
    }, 10_000, 'PC 2’s cash sale on PC 1');
    expect(receipt).toMatchObject({ tender: 'cash', tenderedMinor: 1_300_00, changeMinor: 66_00, invoice: { number: invoice.number, status: 'paid' } });
    const missing = await pc1.raw('receipt-get', { invoiceId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok ? null : missing.error.message).toBe('That invoice does not exist.');
  });

  it('the store gets every part of PC 2’s split sale: ₹300 by UPI, then ₹200 in cash, reprinted on PC 1 in the order paid', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const invoice = await pc2.call('invoice-create', { counterId: pc2.counters[1]?.id ?? '', lines: [{ description: 'Kurta', quantity: 1, unitPriceMinor: 500_00 }] });
    const upi = await pc2.call('charge-create', { invoiceId: invoice.id, counterId: invoice.counterId, method: 'upi', amountMinor: 300_00 });
    await pc1.control.pay(upi.terminalId, { outcome: 'succeeded' });
    const paid = await pc2.waitFor(upi.id, (a) => a.state === 'succeeded');
    await pc2.call('cash-settle', { invoiceId: invoice.id, counterId: invoice.counterId, tenderedMinor: 200_00 });
    const receipt = await eventually(async () => {
      const answer = await pc1.raw('receipt-get', { invoiceId: invoice.id });
      return answer.ok && answer.value.parts.length === 2 ? answer.value : undefined;
    }, 10_000, 'PC 2’s split sale on PC 1');
    expect(receipt.parts.map((p) => [p.tender, p.amountMinor, p.paymentId])).toEqual([
      ['upi', 300_00, paid.paymentId],
      ['cash', 200_00, null],
    ]);
    expect(receipt.invoice).toMatchObject({ status: 'paid', totalMinor: 500_00 });
  });

  it('the store name and address set on PC 1 are printed on PC 2’s receipts', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    await pc1.call('preferences-update', { managerToken: pc1.managerToken, storeName: 'Sharma General Store', storeAddress: '12 MG Road\nPune 411001' });
    await eventually(async () => ((await pc2.call('settings-get', {})).storeName === 'Sharma General Store' ? true : undefined), 10_000, 'the store’s name on PC 2');
    const invoice = await pc2.call('invoice-create', { counterId: pc2.counters[1]?.id ?? '', lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 50_00 }] });
    await pc2.call('cash-settle', { invoiceId: invoice.id, counterId: invoice.counterId, tenderedMinor: 50_00 });
    expect(await pc2.call('receipt-get', { invoiceId: invoice.id })).toMatchObject({ storeName: 'Sharma General Store', storeAddress: '12 MG Road\nPune 411001' });
    // The default method stays each PC's own.
    await pc2.call('preferences-update', { managerToken: pc2.managerToken, defaultMethod: 'upi' });
    expect((await pc1.call('settings-get', {})).defaultMethod).toBe('card');
  });
});
