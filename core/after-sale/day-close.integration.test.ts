// Closing the day through the backend: refused while a payment waits for Zoho, a warning (and the
// closer's name) for payments still needing review, a preview that closes nothing, nothing of the
// closed day changes afterwards while a sale after the close belongs to the next business day at
// once, and Zoho's late answers for it are counted as corrections on the next day, visibly.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, nextDate } from '../../contract/calendar';
import Database from 'better-sqlite3';
import { databaseFingerprint } from '../../testkit/fingerprint';
import { Rig } from '../../testkit/rig';
import { localDate } from '../../testkit/time';

let rig: Rig;

/** The day's records as they stand (not the poller's bookkeeping of when each was last checked). */
function ledger(): unknown {
  const db = new Database(join(rig.dataDir, 'counter.db'), { readonly: true });
  try {
    return [
      db.prepare('SELECT * FROM invoices ORDER BY id').all(),
      db.prepare('SELECT id, state, payment_id, reviewed_at, mismatch FROM charge_attempts ORDER BY id').all(),
      db.prepare('SELECT id, state, zoho_refund_id FROM refunds ORDER BY id').all(),
      db.prepare('SELECT * FROM tenders').all(),
      db.prepare('SELECT * FROM counters').all(),
    ];
  } finally {
    db.close();
  }
}
/** A bill of one line on the first counter, paid in cash to the paisa. */
async function cashSale(amountMinor: number): Promise<{ invoiceId: string }> {
  const counterId = rig.counters[0]?.id ?? '';
  const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: amountMinor }] });
  return (await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: amountMinor })).sale;
}

afterEach(async () => {
  await rig.close();
});

/** Sessions the simulator keeps open for minutes while the app hands them to a person (unresolved) after ~1 s. */
const QUICK_HANDOVER = { timing: { sessionValidityMs: 400, graceMs: 0, lateWindowMs: 400, lateIntervalMs: 200 } };

describe('closing the day', () => {
  it('refuses while a payment waits for Zoho; warns about payments needing review; records who closed anyway', async () => {
    rig = await Rig.start({ tuning: QUICK_HANDOVER });
    const today = localDate(Date.now());
    const live = await rig.charge(1_000);
    const waiting = await rig.raw('day-close', { managerToken: rig.managerToken, date: today, closedBy: 'Asha' });
    expect(!waiting.ok && waiting.error).toMatchObject({ code: 'conflict', field: 'date', message: expect.stringMatching(/still waiting for Zoho/) as string });

    await rig.waitFor(live.id, (a) => a.state === 'unresolved');
    const report = await rig.call('day-close-report', { date: today });
    expect(report).toMatchObject({ liveCount: 0, close: null, needsReview: [expect.objectContaining({ id: live.id })] });
    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);
    const warned = await rig.raw('day-close', { managerToken: rig.managerToken, date: today, closedBy: 'Asha' });
    expect(!warned.ok && warned.error).toMatchObject({ code: 'conflict', field: 'closeAnyway', message: expect.stringMatching(/^1 payment still needs a manager's check/) as string });
    expect(databaseFingerprint(file)).toBe(before);
    const preview = await rig.call('day-close', { managerToken: rig.managerToken, date: today, closedBy: 'Asha', closeAnyway: true, preview: true });
    expect(preview).toMatchObject({ date: today, close: null, needsReview: [expect.objectContaining({ id: live.id })] });
    expect(databaseFingerprint(file)).toBe(before);

    const closed = await rig.call('day-close', { managerToken: rig.managerToken, date: today, closedBy: 'Asha', closeAnyway: true });
    expect(closed.close).toMatchObject({ day: today, closedBy: 'Asha', awaitingReview: 1 });
    expect((await rig.call('log-day', { date: today })).close).toEqual(closed.close);
    const again = await rig.raw('day-close', { managerToken: rig.managerToken, date: today, closedBy: 'Ravi', closeAnyway: true });
    expect(!again.ok && again.error).toMatchObject({ code: 'conflict', field: 'date' });
    const tomorrow = await rig.raw('day-close', { managerToken: rig.managerToken, date: nextDate(today), closedBy: 'Asha' });
    expect(!tomorrow.ok && tomorrow.error).toMatchObject({ code: 'invalid_input', field: 'date' });
  });

  it('after the close nothing of the day changes: no sale, cash, refund or check of it; late answers become corrections on the next day', async () => {
    rig = await Rig.start({ tuning: QUICK_HANDOVER, simulator: { refundSettleSeconds: null } });
    const today = localDate(Date.now());
    const paid = await rig.charge(30_000, { counter: 1 });
    await rig.control.pay('TRM002', { outcome: 'succeeded' });
    const sold = await rig.waitFor(paid.id, (a) => a.state === 'succeeded');
    const refund = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: sold.id, amountMinor: 10_000, reason: 'others', requestKey: randomUUID() });
    const late = await rig.charge(12_500);
    await rig.waitFor(late.id, (a) => a.state === 'unresolved');
    const open = await rig.call('invoice-create', { counterId: rig.counters[2]?.id ?? '', lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 500 }] });
    await rig.call('day-close', { managerToken: rig.managerToken, date: today, closedBy: 'Asha', closeAnyway: true });
    const before = ledger();

    const refusals = await Promise.all([
      rig.raw('charge-create', { invoiceId: open.id, counterId: open.counterId, method: 'card' }),
      rig.raw('cash-settle', { invoiceId: open.id, counterId: open.counterId, tenderedMinor: 500 }),
      rig.raw('attempt-mark-reviewed', { managerToken: rig.managerToken, attemptId: late.id, note: 'Checked' }),
      rig.raw('invoice-void', { invoiceId: open.id }),
    ]);
    for (const refused of refusals) {
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message, refused.error.message).toMatch(new RegExp(`books for ${today} were closed by Asha|closed`));
    }
    expect(ledger()).toEqual(before);
    // A refund asked for now is a record of now: the next business day's, as for any earlier day's payment.
    const later = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: sold.id, amountMinor: 100, reason: 'others', requestKey: randomUUID() });

    // Zoho's late word: the customer paid after all, and the refund went through.
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.call('charge-recheck', { attemptId: late.id });
    rig.sim.setRefundStatus(refund.zohoRefundId ?? '', { status: 'succeeded' });
    await rig.call('refund-recheck', { refundId: refund.id });

    expect(rig.attempt(late.id).state).toBe('unresolved');
    expect(rig.refund(refund.id).state).toBe('initiated');
    const next = await rig.call('log-day', { date: nextDate(today) });
    expect(next.close).toBeNull();
    expect(next.corrections.map((c) => [c.recordKind, c.closedDay, c.toState, c.amountMinor])).toEqual([
      ['charge', today, 'succeeded', 12_500],
      ['refund', today, 'succeeded', 10_000],
    ]);
    expect(next.totals).toMatchObject({ collectedMinor: 12_500, refundedMinor: 10_000, netMinor: 2_500, refundsInProgressMinor: 100 });
    expect(next.refunds.map((r) => r.id)).toEqual([later.id]);
    const closedDay = await rig.call('log-day', { date: today });
    expect(closedDay.totals).toMatchObject({ collectedMinor: 30_000, refundedMinor: 0, refundsInProgressMinor: 10_000 });
    const events = await rig.call('attempt-events', { attemptId: late.id });
    expect(events.at(-1)?.reason).toMatch(new RegExp(`After ${formatDate(today)} was closed: Zoho reports the payment succeeded. Counted as a correction on ${formatDate(nextDate(today))}`));
    const csv = (await rig.call('log-export-csv', { date: nextDate(today) })).csv;
    expect(csv.match(/,correction,/g)).toHaveLength(2);
  });

  it('a sale after the close belongs to the next business day at once: counted there, never in the closed day', async () => {
    rig = await Rig.start();
    const today = localDate(Date.now());
    await cashSale(20_000);
    await rig.call('day-close', { managerToken: rig.managerToken, date: today, closedBy: 'Asha' });
    const closed = await rig.call('log-day', { date: today });

    const after = await cashSale(7_500);
    const card = await rig.charge(4_000);
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor(card.id, (a) => a.state === 'succeeded');

    const next = await rig.call('log-day', { date: nextDate(today) });
    expect(next.cashSales.map((sale) => sale.invoiceId)).toEqual([after.invoiceId]);
    expect(next.attempts.map((attempt) => attempt.id)).toEqual([card.id]);
    expect(next.totals).toMatchObject({ collectedMinor: 11_500, attemptCount: 1 });
    // Charted at the hour of the clock they were taken in (the chart's hours are the date's, 00:00 first).
    expect(next.totals.collectedByHour[new Date().getHours()]).toBe(11_500);
    expect(await rig.call('log-day', { date: today })).toEqual(closed);
    expect((await rig.call('day-close-report', { date: nextDate(today) })).totals.collectedMinor).toBe(11_500);
    const tomorrow = await rig.raw('day-close', { managerToken: rig.managerToken, date: nextDate(today), closedBy: 'Asha' });
    expect(!tomorrow.ok && tomorrow.error).toMatchObject({ code: 'invalid_input', field: 'date' });
  });
});
