// The store's business days (issue 23), with two live backends on one simulator and a real
// PostgreSQL: the store's log, totals and close report read the business day the store's closes
// define, as a PC's own log does, so a sale after a close is the next business day's on every PC;
// and a PC last heard from after the day before was closed is named at this business day's close.
import { describe, expect, it } from 'vitest';
import { localDayRange, nextDate, previousDate } from '../../contract/calendar';
import type { Rig } from '../../testkit/rig';
import { storePcsEachTest } from '../../testkit/store-pcs';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually } from '../../testkit/store-ledger';
import { localDate } from '../../testkit/time';

const store = storeDatabaseEachTest();
const pc = storePcsEachTest(() => store.url);
const HOUR_MS = 3_600_000;

async function cashSale(rig: Rig, counterId: string, amountMinor: number) {
  const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: amountMinor }] });
  return (await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: amountMinor })).sale;
}

async function cardSale(rig: Rig, counter: number, amountMinor: number) {
  const attempt = await rig.charge(amountMinor, { counter });
  await rig.control.pay(attempt.terminalId, { outcome: 'succeeded', method: 'card' });
  return rig.waitFor(attempt.id, (a) => a.state === 'succeeded');
}

describe('the store’s business days', () => {
  it('a sale after the close is the next business day’s in the store’s log, totals and close report, on every PC', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const today = localDate(Date.now());
    const counter2 = pc2.counters[1]?.id ?? '';
    const before = await cashSale(pc2, counter2, 200_00);
    const card = await cardSale(pc1, 0, 50_00);
    await eventually(async () => ((await pc1.call('log-day', { date: today })).totals.collectedMinor === 250_00 ? true : undefined), 10_000, 'PC 2’s sale in the store');
    const { close } = await pc1.call('day-close', { managerToken: pc1.managerToken, date: today, closedBy: 'Asha' });

    // PC 2 sells after the close, whether or not it has adopted the close yet.
    const after = await cashSale(pc2, counter2, 75_00);
    const late = await cardSale(pc2, 1, 40_00);
    expect(Math.min(after.createdAt, late.createdAt)).toBeGreaterThanOrEqual(close?.closedAt ?? Infinity);
    for (const rig of [pc1, pc2]) {
      const next = await eventually(async () => {
        const log = await rig.call('log-day', { date: nextDate(today) });
        return log.store?.wholeStore && log.cashSales.length === 1 && log.attempts[0]?.state === 'succeeded' ? log : undefined;
      }, 10_000, 'the sales after the close in the store’s next business day');
      expect([next.cashSales.map((s) => s.id), next.attempts.map((a) => a.id)]).toEqual([[after.id], [late.id]]);
      expect(next.totals).toMatchObject({ collectedMinor: 115_00, attemptCount: 1 });
      // Charted at the hour of the clock they were taken in, as on a PC of its own.
      expect(next.totals.collectedByHour[new Date().getHours()]).toBe(115_00);
      const closed = await rig.call('log-day', { date: today });
      expect([closed.cashSales.map((s) => s.id), closed.attempts.map((a) => a.id)]).toEqual([[before.id], [card.id]]);
      expect(closed.totals).toMatchObject({ collectedMinor: 250_00, attemptCount: 1 });
      expect((await rig.call('day-close-report', { date: nextDate(today) })).totals.collectedMinor).toBe(115_00);
    }
  });

  it('a PC last heard from the evening before, after that day was closed, is named at the close of this business day', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const today = localDate(Date.now());
    const yesterday = previousDate(today);
    const evening = localDayRange(yesterday).toMs - 3 * HOUR_MS;
    await pc2.stopBackend();
    const till1 = (await store.client.query<{ id: string; store_id: string }>("SELECT id, store_id FROM stations WHERE name = 'Till 1'")).rows[0];
    // Yesterday was closed at 21:00; Till 2 was last heard from at 22:00, then went quiet (not stopped cleanly).
    await store.client.query(
      `INSERT INTO day_closes (store_id, station_id, id, day, from_ms, to_ms, closed_by, awaiting_review, summary, created_at, updated_at)
       VALUES ($1, $2, 'evening-close', $3, $4, $5, 'Asha', 0, '{}', $5, $5)`,
      [till1?.store_id, till1?.id, yesterday, localDayRange(yesterday).fromMs, evening],
    );
    await store.client.query("UPDATE stations SET stopped = false, last_seen = $1 WHERE name = 'Till 2'", [evening + HOUR_MS]);

    // Once PC 1 has adopted yesterday's close, today's business day began at 21:00 yesterday: Till 2 may hold sales of it.
    const refused = await eventually(async () => {
      const answer = await pc1.raw('day-close', { managerToken: pc1.managerToken, date: today, closedBy: 'Ravi', preview: true });
      return !answer.ok && answer.error.field === 'closeAnyway' ? answer.error : undefined;
    }, 10_000, 'Till 2 named at the close');
    expect(refused.message).toMatch(/^PC “Till 2” has not been heard from for \d+ min: its sales of .* may not have reached the store\./);
  });
});
