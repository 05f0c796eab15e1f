// Split tender through the backend on a real SQLite file and the simulator over HTTP: ₹500 in cash,
// then UPI or card for the rest (each its own Zoho session, asked for the balance due); a card/UPI
// part for less than the balance, then cash or another card/UPI part; a failed card part leaves the
// balance due; a second part never starts while a part's session is live; a restart between parts
// resumes the invoice with them; a lost answer on the second part holds it, and nothing is sent
// twice; the receipt lists every tender in the order paid; the day counts each tender by method; a
// card part is refunded through Zoho, up to what it paid, and the cash part in cash out of the drawer.
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

const TOTAL = 123_400;
const CASH = 50_000;
const REST = TOTAL - CASH;

async function partPaidInCash() {
  const counterId = rig.counters[0]?.id ?? '';
  const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Saree', quantity: 1, unitPriceMinor: TOTAL }] });
  const { invoice, sale } = await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: CASH, amountMinor: CASH });
  return { bill, invoice, sale, counterId };
}

/** A ₹500 invoice with ₹300 of it charged by `method` on the terminal, still live. */
async function partOnTheTerminal(method: 'card' | 'upi') {
  const counterId = rig.counters[0]?.id ?? '';
  const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Kurta', quantity: 1, unitPriceMinor: 50_000 }] });
  const part = await rig.call('charge-create', { invoiceId: bill.id, counterId, method, amountMinor: 30_000 });
  return { bill, part, counterId };
}

const sessionCreates = async () => (await rig.control.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/paymentsessions')).length;

describe('split tender', () => {
  it('takes ₹500 in cash, then UPI for the rest: the invoice is paid when its parts cover the total, and the receipt and the day list both tenders', async () => {
    rig = await Rig.start({ counters: 1 });
    const { bill, invoice, sale, counterId } = await partPaidInCash();
    expect(invoice).toMatchObject({ status: 'open', totalMinor: TOTAL, balanceDueMinor: REST });
    expect(sale).toMatchObject({ amountMinor: CASH, tenderedMinor: CASH, changeMinor: 0 });
    expect(await rig.call('counter-status', { counterId })).toMatchObject({ invoice: { id: bill.id, status: 'open', balanceDueMinor: REST }, attempt: null });
    const noReceipt = await rig.raw('receipt-get', { invoiceId: bill.id });
    expect(!noReceipt.ok && noReceipt.error.code).toBe('conflict');

    const upi = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'upi' });
    expect(upi).toMatchObject({ amountMinor: REST, state: 'in_progress' });
    expect((await rig.control.sessions()).map((s) => s.amount)).toEqual(['734.00']);
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    const paid = await rig.waitFor(upi.id, (a) => a.state === 'succeeded');
    expect(rig.events).toContainEqual({ type: 'charge-updated', attempt: paid, invoice: expect.objectContaining({ status: 'paid', balanceDueMinor: 0 }) as unknown });
    expect(paid.mismatch).toBeNull();

    const receipt = await rig.call('receipt-get', { invoiceId: bill.id });
    expect(receipt.parts).toEqual([
      expect.objectContaining({ tender: 'cash', amountMinor: CASH, tenderedMinor: CASH, changeMinor: 0, paymentId: null }),
      expect.objectContaining({ tender: 'upi', amountMinor: REST, paymentId: paid.paymentId, tenderedMinor: null }),
    ]);
    const day = await rig.call('log-day', { date: localDate(Date.now()) });
    expect(day.totals.collectedMinor).toBe(TOTAL);
    expect(day.totals.byTender).toEqual([
      { tender: 'card', count: 0, amountMinor: 0 },
      { tender: 'upi', count: 1, amountMinor: REST },
      { tender: 'cash', count: 1, amountMinor: CASH },
    ]);
    expect(day.totals.byCounter[0]).toMatchObject({ upiMinor: REST, cashMinor: CASH, cashExpectedMinor: CASH });
    const csv = (await rig.call('log-export-csv', { date: localDate(Date.now()) })).csv;
    expect(csv).toContain(`${bill.number},Counter 1,,500.00,INR,cash,succeeded`);
    expect(csv).toContain(`${bill.number},Counter 1,TRM001,734.00,INR,upi,succeeded`);
  });

  it('refuses a cash part over the balance, a second cash part over what is left and cancelling the invoice, naming the field, and changes nothing', async () => {
    rig = await Rig.start({ counters: 1 });
    const counterId = rig.counters[0]?.id ?? '';
    const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Saree', quantity: 1, unitPriceMinor: TOTAL }] });
    const tooMuch = await rig.raw('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 200_000, amountMinor: TOTAL + 1 });
    expect(!tooMuch.ok && tooMuch.error).toEqual({ code: 'invalid_input', field: 'amountMinor', message: 'Cash part must be at most the balance due, ₹1,234.00.' });
    const short = await rig.raw('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 40_000, amountMinor: CASH });
    expect(!short.ok && short.error).toEqual({ code: 'invalid_input', field: 'tenderedMinor', message: 'Amount tendered (₹400.00) must be at least the part paid in cash, ₹500.00.' });
    await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: CASH, amountMinor: CASH });
    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);

    const again = await rig.raw('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 200_000, amountMinor: REST + 1 });
    expect(!again.ok && again.error).toEqual({ code: 'invalid_input', field: 'amountMinor', message: 'Cash part must be at most the balance due, ₹734.00.' });
    const cancel = await rig.raw('invoice-void', { invoiceId: bill.id });
    expect(!cancel.ok && cancel.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Part of this invoice is already paid/) as string });
    expect(databaseFingerprint(file)).toBe(before);
  });

  it('a failed card part leaves the balance due; the next card part takes it, each its own session', async () => {
    rig = await Rig.start({ counters: 1 });
    const { bill, counterId } = await partPaidInCash();

    const first = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'card' });
    await rig.control.pay('TRM001', { outcome: 'failed', failure_code: 'card_declined' });
    await rig.waitFor(first.id, (a) => a.state === 'failed');
    const afterFailure = await rig.call('invoice-get', { invoiceId: bill.id });
    expect(afterFailure.invoice).toMatchObject({ status: 'payment_failed', balanceDueMinor: REST });

    const second = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'card' });
    expect(second.amountMinor).toBe(REST);
    expect(second.paymentsSessionId).not.toBe(first.paymentsSessionId);
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor(second.id, (a) => a.state === 'succeeded');
    expect((await rig.call('invoice-get', { invoiceId: bill.id })).invoice).toMatchObject({ status: 'paid', balanceDueMinor: 0 });
    expect(await sessionCreates()).toBe(2);
    expect((await rig.call('receipt-get', { invoiceId: bill.id })).parts.map((p) => [p.tender, p.amountMinor])).toEqual([
      ['cash', CASH],
      ['card', REST],
    ]);
  });

  it('a lost answer on the second part holds the terminal and the invoice: no second session, no cash, no cancel', async () => {
    rig = await Rig.start({ counters: 1 });
    const { bill, counterId } = await partPaidInCash();
    await rig.control.faults({ scope: 'create', drop_rate: 1, drop_after_processing: true, count: 1 });

    const lost = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'upi' });
    expect(lost).toMatchObject({ state: 'unknown', amountMinor: REST, hold: { endedAt: null } });
    const again = await rig.raw('charge-create', { invoiceId: bill.id, counterId, method: 'upi', confirmChecked: true });
    expect(again.ok).toBe(false);
    const cash = await rig.raw('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: REST });
    expect(!cash.ok && cash.error.field).toBe('invoiceId');
    const cancel = await rig.raw('invoice-void', { invoiceId: bill.id });
    expect(cancel.ok).toBe(false);
    expect(await sessionCreates()).toBe(1);
    expect((await rig.call('invoice-get', { invoiceId: bill.id })).invoice).toMatchObject({ status: 'open', balanceDueMinor: REST });
  });

  it('refunds the card part through Zoho, up to what that part paid', async () => {
    rig = await Rig.start({ counters: 1, simulator: { refundSettleSeconds: 0 } });
    const { bill, counterId } = await partPaidInCash();
    const card = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'card' });
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    const paid = await rig.waitFor(card.id, (a) => a.state === 'succeeded');

    const over = await rig.raw('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: REST + 1, reason: 'requested_by_customer', requestKey: randomUUID() });
    expect(!over.ok && over.error.field).toBe('amountMinor');
    const refund = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: REST, reason: 'requested_by_customer', requestKey: randomUUID() });
    await rig.waitForRefund(refund.id, (r) => r.state === 'succeeded');
    expect(rig.sim.refunds()).toEqual([expect.objectContaining({ payment_id: paid.paymentId, amount: '734.00' })]);
    const receipt = await rig.call('receipt-get', { invoiceId: bill.id });
    expect(receipt.parts[1]?.refunds).toEqual([expect.objectContaining({ amountMinor: REST, state: 'succeeded' })]);
  });

  it('refunds the cash part as cash out of the drawer, never through Zoho, up to what that part took', async () => {
    rig = await Rig.start({ counters: 1, simulator: { refundSettleSeconds: 0 } });
    const { bill, counterId } = await partPaidInCash();
    const upi = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'upi' });
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor(upi.id, (a) => a.state === 'succeeded');
    const requestKey = randomUUID();
    const asked = { managerToken: rig.managerToken, invoiceId: bill.id, amountMinor: 20_000, reason: 'requested_by_customer' as const, requestKey };

    const refund = await rig.call('cash-refund', asked);
    expect(refund).toMatchObject({ invoiceId: bill.id, invoiceNumber: bill.number, counterId, amountMinor: 20_000, currency: 'INR' });
    expect(await rig.call('cash-refund', asked)).toEqual(refund);
    const before = databaseFingerprint(join(rig.dataDir, 'counter.db'));
    const over = await rig.raw('cash-refund', { ...asked, amountMinor: CASH - 20_000 + 1, requestKey: randomUUID() });
    expect(!over.ok && [over.error.field, over.error.message]).toEqual(['amountMinor', 'Refund amount must be at most ₹300.00: that is what is left to refund of this ₹500.00 payment.']);
    expect(databaseFingerprint(join(rig.dataDir, 'counter.db'))).toBe(before);
    expect(rig.sim.refunds()).toEqual([]);

    const day = await rig.call('log-day', { date: localDate(Date.now()) });
    expect(day.totals).toMatchObject({ collectedMinor: TOTAL, refundedMinor: 20_000, netMinor: TOTAL - 20_000 });
    expect(day.totals.byCounter).toEqual([expect.objectContaining({ counterId, cashMinor: CASH, cashExpectedMinor: CASH - 20_000, refundedMinor: 20_000 })]);
    expect(day.cashRefunds).toEqual([refund]);
    const csv = await rig.call('log-export-csv', { date: localDate(Date.now()) });
    const lines = csv.csv.split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(3);
    expect(lines.find((line) => line.endsWith(',cash refund,,,,'))).toContain(`${bill.number},Counter 1,,200.00,INR,cash,succeeded`);
  });

  it('refuses a cash refund of an invoice paid wholly by card or UPI, naming the invoice', async () => {
    rig = await Rig.start({ counters: 1 });
    const counterId = rig.counters[0]?.id ?? '';
    const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Saree', quantity: 1, unitPriceMinor: TOTAL }] });
    const card = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'card' });
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor(card.id, (a) => a.state === 'succeeded');
    const refused = await rig.raw('cash-refund', { managerToken: rig.managerToken, invoiceId: bill.id, amountMinor: 100, reason: 'others', requestKey: randomUUID() });
    expect(!refused.ok && refused.error.field).toBe('invoiceId');
  });

  it('₹300 by UPI, then ₹200 in cash for ₹500: paid when the parts sum to the total, one receipt in the order paid, the UPI part refunded up to ₹300', async () => {
    rig = await Rig.start({ counters: 1, simulator: { refundSettleSeconds: 0 } });
    const { bill, part, counterId } = await partOnTheTerminal('upi');
    expect(part).toMatchObject({ amountMinor: 30_000, state: 'in_progress', method: 'upi' });
    expect((await rig.control.sessions()).map((s) => s.amount)).toEqual(['300.00']);
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    const upi = await rig.waitFor(part.id, (a) => a.state === 'succeeded');
    expect(rig.events).toContainEqual({ type: 'charge-updated', attempt: upi, invoice: expect.objectContaining({ status: 'open', balanceDueMinor: 20_000 }) as unknown });
    expect(await rig.call('counter-status', { counterId })).toMatchObject({ invoice: { id: bill.id, status: 'open', balanceDueMinor: 20_000, paidInCashMinor: 0 }, attempt: { id: upi.id } });

    const tooMuch = await rig.raw('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 50_000, amountMinor: 20_001 });
    expect(!tooMuch.ok && tooMuch.error).toEqual({ code: 'invalid_input', field: 'amountMinor', message: 'Cash part must be at most the balance due, ₹200.00.' });
    const { invoice, sale } = await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 50_000 });
    expect(invoice).toMatchObject({ status: 'paid', balanceDueMinor: 0, paidInCashMinor: 20_000 });
    expect(sale).toMatchObject({ amountMinor: 20_000, tenderedMinor: 50_000, changeMinor: 30_000 });
    expect(await sessionCreates()).toBe(1);

    const receipt = await rig.call('receipt-get', { invoiceId: bill.id });
    expect(receipt.parts.map((p) => [p.tender, p.amountMinor, p.paymentId, p.changeMinor])).toEqual([
      ['upi', 30_000, upi.paymentId, null],
      ['cash', 20_000, null, 30_000],
    ]);
    const day = await rig.call('log-day', { date: localDate(Date.now()) });
    expect(day.totals.byTender).toEqual([
      { tender: 'card', count: 0, amountMinor: 0 },
      { tender: 'upi', count: 1, amountMinor: 30_000 },
      { tender: 'cash', count: 1, amountMinor: 20_000 },
    ]);

    const over = await rig.raw('refund-create', { managerToken: rig.managerToken, attemptId: upi.id, amountMinor: 30_001, reason: 'requested_by_customer', requestKey: randomUUID() });
    expect(!over.ok && over.error.field).toBe('amountMinor');
    const refund = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: upi.id, amountMinor: 30_000, reason: 'requested_by_customer', requestKey: randomUUID() });
    await rig.waitForRefund(refund.id, (r) => r.state === 'succeeded');
    expect(rig.sim.refunds()).toEqual([expect.objectContaining({ payment_id: upi.paymentId, amount: '300.00' })]);
    const cashBack = await rig.raw('cash-refund', { managerToken: rig.managerToken, invoiceId: bill.id, amountMinor: 20_001, reason: 'others', requestKey: randomUUID() });
    expect(!cashBack.ok && cashBack.error.field).toBe('amountMinor');
  });

  it('cash, then UPI, then cash again: each cash part its own tender, the receipt lists all three in order, cash paid back from the part named', async () => {
    rig = await Rig.start({ counters: 1 });
    const { bill, counterId } = await partPaidInCash();
    const upi = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'upi', amountMinor: 40_000 });
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor(upi.id, (a) => a.state === 'succeeded');
    const tooMuch = await rig.raw('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 50_000, amountMinor: 33_401 });
    expect(!tooMuch.ok && tooMuch.error).toEqual({ code: 'invalid_input', field: 'amountMinor', message: 'Cash part must be at most the balance due, ₹334.00.' });
    const { invoice, sale } = await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 35_000 });
    expect(invoice).toMatchObject({ status: 'paid', balanceDueMinor: 0, paidInCashMinor: CASH + 33_400 });
    expect(sale).toMatchObject({ amountMinor: 33_400, changeMinor: 1_600 });
    const paid = await rig.raw('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 100 });
    expect(!paid.ok && paid.error.code).toBe('conflict');

    const receipt = await rig.call('receipt-get', { invoiceId: bill.id });
    expect(receipt.parts.map((p) => [p.tender, p.amountMinor])).toEqual([
      ['cash', CASH],
      ['upi', 40_000],
      ['cash', 33_400],
    ]);
    const day = await rig.call('log-day', { date: localDate(Date.now()) });
    expect(day.cashSales.filter((s) => s.invoiceId === bill.id).map((s) => s.amountMinor)).toEqual([33_400, CASH]);
    // Cash goes back from the part named (the newest with enough left when none is named).
    const first = day.cashSales.find((s) => s.amountMinor === CASH);
    const fromFirst = await rig.call('cash-refund', { managerToken: rig.managerToken, invoiceId: bill.id, tenderId: first?.id, amountMinor: 45_000, reason: 'others', requestKey: randomUUID() });
    expect(fromFirst.tenderId).toBe(first?.id);
    const unnamed = await rig.call('cash-refund', { managerToken: rig.managerToken, invoiceId: bill.id, amountMinor: 30_000, reason: 'others', requestKey: randomUUID() });
    expect(unnamed.tenderId).toBe(sale.id);
    const over = await rig.raw('cash-refund', { managerToken: rig.managerToken, invoiceId: bill.id, tenderId: first?.id, amountMinor: 5_001, reason: 'others', requestKey: randomUUID() });
    expect(!over.ok && over.error.field).toBe('amountMinor');
  });

  it('a failed card part leaves the whole balance due, and cash takes it', async () => {
    rig = await Rig.start({ counters: 1 });
    const { bill, part, counterId } = await partOnTheTerminal('card');
    await rig.control.pay('TRM001', { outcome: 'failed', failure_code: 'card_declined' });
    await rig.waitFor(part.id, (a) => a.state === 'failed');
    expect((await rig.call('invoice-get', { invoiceId: bill.id })).invoice).toMatchObject({ status: 'payment_failed', balanceDueMinor: 50_000 });

    const { invoice } = await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 50_000 });
    expect(invoice).toMatchObject({ status: 'paid', balanceDueMinor: 0, paidInCashMinor: 50_000 });
    expect((await rig.call('receipt-get', { invoiceId: bill.id })).parts.map((p) => [p.tender, p.amountMinor])).toEqual([['cash', 50_000]]);
  });

  it('no second part while a part is live on the terminal, no part over the balance, each refusal naming its field and changing nothing', async () => {
    rig = await Rig.start({ counters: 1 });
    const { bill, counterId } = await partOnTheTerminal('upi');
    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);

    const second = await rig.raw('charge-create', { invoiceId: bill.id, counterId, method: 'card', amountMinor: 20_000 });
    expect(!second.ok && second.error).toMatchObject({ code: 'conflict', field: 'invoiceId' });
    const cash = await rig.raw('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 20_000, amountMinor: 20_000 });
    expect(!cash.ok && cash.error.field).toBe('invoiceId');
    expect(databaseFingerprint(file)).toBe(before);
    expect(await sessionCreates()).toBe(1);

    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor((await rig.call('counter-status', { counterId })).attempt?.id ?? '', (a) => a.state === 'succeeded');
    const settled = databaseFingerprint(file);
    const over = await rig.raw('charge-create', { invoiceId: bill.id, counterId, method: 'card', amountMinor: 20_001 });
    expect(!over.ok && over.error).toEqual({ code: 'invalid_input', field: 'amountMinor', message: 'Card or UPI part must be at most the balance due, ₹200.00.' });
    expect(databaseFingerprint(file)).toBe(settled);
    expect(await sessionCreates()).toBe(1);
  });

  it('a restart between parts resumes the invoice with its parts; a second card part then takes the rest, its own session', async () => {
    rig = await Rig.start({ counters: 1 });
    const { bill, part, counterId } = await partOnTheTerminal('upi');
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor(part.id, (a) => a.state === 'succeeded');

    await rig.restart();
    expect(await rig.call('counter-status', { counterId })).toMatchObject({ invoice: { id: bill.id, status: 'open', balanceDueMinor: 20_000 }, attempt: { id: part.id, state: 'succeeded' } });
    const rest = await rig.call('charge-create', { invoiceId: bill.id, counterId, method: 'card' });
    expect(rest).toMatchObject({ amountMinor: 20_000, state: 'in_progress' });
    expect(rest.paymentsSessionId).not.toBe(part.paymentsSessionId);
    expect((await rig.control.sessions()).map((s) => s.amount)).toEqual(['300.00', '200.00']);
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor(rest.id, (a) => a.state === 'succeeded');
    expect((await rig.call('invoice-get', { invoiceId: bill.id })).invoice).toMatchObject({ status: 'paid', balanceDueMinor: 0 });
    expect((await rig.call('receipt-get', { invoiceId: bill.id })).parts.map((p) => [p.tender, p.amountMinor])).toEqual([
      ['upi', 30_000],
      ['card', 20_000],
    ]);
  });
});
