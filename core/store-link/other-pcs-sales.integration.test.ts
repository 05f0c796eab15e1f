// Another PC's sale from any PC of a store (issue 21), with in-process PCs on one simulator and a real
// PostgreSQL cluster: its receipt, its payment's refunds and its live payment on the dashboard are
// read from the store's ledger; the receipt's store name and address set on one PC reach the others.
// A PC refunds another PC's sale as its own refund, and the store counts what is left of the payment
// across PCs and races; with the store cut off (testkit/tcp-proxy.ts) only this PC's own sales are refunded.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChargeAttempt } from '../../contract/records';
import type { Rig } from '../../testkit/rig';
import { storePcsEachTest } from '../../testkit/store-pcs';
import { TcpProxy } from '../../testkit/tcp-proxy';
import { localDate } from '../../testkit/time';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually } from '../../testkit/store-ledger';

const store = storeDatabaseEachTest();
const pc = storePcsEachTest(() => store.url);
let proxy: TcpProxy | null = null;

afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

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
    // Refunded on PC 2, the refund shows on PC 1 (PC 1 refunding it itself: below).
    const refund = await pc2.call('refund-create', { managerToken: pc2.managerToken, attemptId: live.id, amountMinor: 10_000, reason: 'requested_by_customer', requestKey: 'refund-on-pc2' });
    await eventually(async () => ((await pc1.call('refund-list', { attemptId: live.id })).some((r) => r.refund.id === refund.id && r.events.length > 0) ? true : undefined), 10_000, 'PC 2’s refund on PC 1');
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

/** A paid card payment of PC 2's in the store, seen from PC 1. */
async function paidAtPc2(pc1: Rig, pc2: Rig, amountMinor: number): Promise<ChargeAttempt> {
  const live = await pc2.charge(amountMinor, { counter: 1 });
  await pc1.control.pay(live.terminalId, { outcome: 'succeeded', method: 'card' });
  const paid = await pc2.waitFor(live.id, (a) => a.state === 'succeeded');
  await eventually(async () => ((await pc1.raw('receipt-get', { invoiceId: paid.invoiceId })).ok ? true : undefined), 10_000, 'PC 2’s sale in the store');
  return paid;
}

const refundOf = (rig: Rig, attemptId: string, amountMinor: number, requestKey: string) =>
  rig.raw('refund-create', { managerToken: rig.managerToken, attemptId, amountMinor, reason: 'requested_by_customer', requestKey });

/** The refund's PC in the store. */
async function refundStation(refundId: string): Promise<string | undefined> {
  const rows = await store.client.query<{ name: string }>('SELECT s.name FROM refunds AS r JOIN stations AS s ON s.store_id = r.store_id AND s.id = r.station_id WHERE r.id = $1', [refundId]);
  return rows.rows[0]?.name;
}

describe('another PC’s sale, refunded from this PC', () => {
  it('PC 1 refunds part of PC 2’s sale as its own refund: Zoho gets one refund, both PCs list it; then more than the rest is refused on either PC', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const paid = await paidAtPc2(pc1, pc2, 45_600);
    const creates = () => pc1.sim.stats().refunds_requests.create;
    expect(creates()).toBe(0);

    const refund = await pc1.call('refund-create', { managerToken: pc1.managerToken, attemptId: paid.id, amountMinor: 20_000, reason: 'requested_by_customer', requestKey: 'pc1-refunds-pc2' });
    expect(refund).toMatchObject({ attemptId: paid.id, invoiceId: paid.invoiceId, invoiceNumber: paid.invoiceNumber, paymentId: paid.paymentId, amountMinor: 20_000 });
    expect(creates()).toBe(1);
    // PC 1 follows it to Zoho's final word, and ships it as its own.
    await eventually(async () => ((await pc1.call('refund-list', { attemptId: paid.id })).find((r) => r.refund.id === refund.id)?.refund.state === 'succeeded' ? true : undefined), 15_000, 'PC 1’s refund succeeded');
    expect(await refundStation(refund.id)).toBe('Till 1');
    // PC 2 lists it with its history, and its log counts it against its payment.
    const onPc2 = await eventually(async () => (await pc2.call('refund-list', { attemptId: paid.id })).find((r) => r.refund.id === refund.id && r.refund.state === 'succeeded'), 10_000, 'PC 1’s refund on PC 2');
    expect(onPc2.events.map((e) => e.toState)).toContain('succeeded');
    const log = await eventually(async () => {
      const day = await pc2.call('log-day', { date: localDate(Date.now()) });
      return day.refunds.some((r) => r.id === refund.id && r.state === 'succeeded') ? day : undefined;
    }, 10_000, 'PC 1’s refund in PC 2’s log');
    expect(log.refunds.find((r) => r.id === refund.id)).toMatchObject({ attemptId: paid.id, invoiceNumber: paid.invoiceNumber, amountMinor: 20_000 });

    // ₹256.00 is left: more is refused on either PC, and Zoho is not asked.
    const tooMuch = 'Refund amount must be at most ₹256.00: that is what is left to refund of this ₹456.00 payment.';
    for (const [rig, key] of [[pc2, 'pc2-too-much'], [pc1, 'pc1-too-much']] as const) {
      const refused = await refundOf(rig, paid.id, 25_601, key);
      expect(refused.ok ? null : { code: refused.error.code, field: refused.error.field, message: refused.error.message }).toEqual({ code: 'invalid_input', field: 'amountMinor', message: tooMuch });
    }
    expect(creates()).toBe(1);
    // PC 2's own refund of the rest counts PC 1's, and goes.
    const rest = await pc2.call('refund-create', { managerToken: pc2.managerToken, attemptId: paid.id, amountMinor: 25_600, reason: 'others', requestKey: 'pc2-rest' });
    expect(rest.state).not.toBe('rejected');
    expect(creates()).toBe(2);
  }, 60_000);

  it('two PCs refunding the whole rest of one payment at the same moment: exactly one refund goes to Zoho', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const paid = await paidAtPc2(pc1, pc2, 30_000);
    await pc2.call('refund-create', { managerToken: pc2.managerToken, attemptId: paid.id, amountMinor: 10_000, reason: 'others', requestKey: 'pc2-first' });
    const answers = await Promise.all([refundOf(pc1, paid.id, 20_000, 'pc1-rest'), refundOf(pc2, paid.id, 20_000, 'pc2-rest')]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.message))).toEqual([
      'Refund amount must be at most ₹0.00: that is what is left to refund of this ₹300.00 payment.',
    ]);
    expect(pc1.sim.stats().refunds_requests.create).toBe(2);
  }, 60_000);

  it('with the store cut off, PC 1 still refunds its own sale but refuses PC 2’s: it cannot know PC 2’s refunds', async () => {
    const url = new URL(store.url);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port) });
    const pc2 = await pc('Till 2');
    const pc1 = await pc('Till 1', pc2, proxy.through(store.url));
    const theirs = await paidAtPc2(pc1, pc2, 12_000);
    const mine = await pc1.charge(8_000, { counter: 0 });
    await pc1.control.pay(mine.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc1.waitFor(mine.id, (a) => a.state === 'succeeded');

    proxy.cut();
    await eventually(async () => ((await pc1.call('store-status', {})).link !== 'up' ? true : undefined), 10_000, 'PC 1’s link down');
    const refused = await refundOf(pc1, theirs.id, 1_000, 'pc1-cut-off');
    expect(refused.ok ? null : { code: refused.error.code, field: refused.error.field, message: refused.error.message }).toEqual({
      code: 'conflict',
      field: 'attemptId',
      message:
        'This payment was not taken on this PC, and the store cannot be reached now, so this PC cannot know what the other PCs have refunded of it. Refund it on the PC that took it, or here once the store link is back.',
    });
    const own = await pc1.call('refund-create', { managerToken: pc1.managerToken, attemptId: mine.id, amountMinor: 3_000, reason: 'others', requestKey: 'pc1-own-cut-off' });
    expect(own.state).not.toBe('rejected');
    expect(pc1.sim.stats().refunds_requests.create).toBe(1);
  }, 60_000);
});
