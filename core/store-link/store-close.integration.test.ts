// The store's day close (issue 21), with in-process PCs on one simulator and a real PostgreSQL
// cluster: the report a manager closes from on one PC counts every PC's sales and lists every PC's
// payments waiting for a person; a sale of that day that reaches the store after the close is a
// correction on the next open day, on every PC.
import { afterEach, describe, expect, it } from 'vitest';
import { Rig, TEST_TUNING } from '../../testkit/rig';
import { nextDate } from '../../contract/calendar';
import { localDate } from '../../testkit/time';
import { storeDatabaseEachTest } from '../../testkit/store';
import { connectStoreClient, eventually } from '../../testkit/store-ledger';

// Its own cluster: a test stops the server (a PC cut off), which the run's shared one must not.
const store = storeDatabaseEachTest({ ownCluster: true });
const FAST_LINK = { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 };
/** Sessions the simulator keeps open for minutes while the app hands them to a person (unresolved) after ~1 s. */
const QUICK_HANDOVER = { timing: { sessionValidityMs: 400, graceMs: 0, lateWindowMs: 400, lateIntervalMs: 200 } };
const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0).reverse()) await rig.close();
});

async function pc(stationName: string, first?: Rig): Promise<Rig> {
  const tuning = { ...TEST_TUNING, store: FAST_LINK, ...QUICK_HANDOVER };
  const rig = await Rig.start(first ? { sharedSimulator: first.sim, counters: 0, tuning } : { tuning });
  rigs.push(rig);
  await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName, pin: '2468' });
  if (first) rig.counters = await rig.call('counters-list', {});
  return rig;
}

describe('the store’s day close', () => {
  it('its report on PC 1 counts PC 2’s cash and lists PC 2’s payment waiting for a person; the close records them', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const date = localDate(Date.now());
    const lost = await pc2.charge(12_500, { counter: 1 });
    await pc2.waitFor(lost.id, (a) => a.state === 'unresolved');
    const invoice = await pc2.call('invoice-create', { counterId: pc2.counters[2]?.id ?? '', lines: [{ description: 'Rice 5 kg', quantity: 1, unitPriceMinor: 1_234_00 }] });
    await pc2.call('cash-settle', { invoiceId: invoice.id, counterId: invoice.counterId, tenderedMinor: 1_234_00 });

    const report = await eventually(async () => {
      const r = await pc1.call('day-close-report', { date });
      return r.totals.collectedMinor === 1_234_00 && r.needsReview.some((a) => a.id === lost.id) ? r : undefined;
    }, 10_000, 'PC 2’s sales in PC 1’s close report');
    expect(report.totals.awaitingReview).toBe(1);
    expect(report.needsReview.map((a) => a.id)).toEqual([lost.id]);

    const refused = await pc1.raw('day-close', { managerToken: pc1.managerToken, date, closedBy: 'Asha' });
    expect(refused.ok ? null : refused.error.message).toMatch(/^1 payment still needs a manager's check/);
    const closed = await pc1.call('day-close', { managerToken: pc1.managerToken, date, closedBy: 'Asha', closeAnyway: true });
    expect(closed.close).toMatchObject({ closedBy: 'Asha', awaitingReview: 1 });
    expect(closed.totals.collectedMinor).toBe(1_234_00);
  });

  it('PC 2’s payment waiting for a person is marked checked from PC 1: the close report drops it at once, and PC 2 records the check as PC 1’s manager’s', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const date = localDate(Date.now());
    const lost = await pc2.charge(4_000, { counter: 1 });
    await pc2.waitFor(lost.id, (a) => a.state === 'unresolved');
    await eventually(async () => ((await pc1.call('day-close-report', { date })).needsReview.some((a) => a.id === lost.id) ? true : undefined), 10_000, 'PC 2’s payment in PC 1’s report');

    const checked = await pc1.call('attempt-mark-reviewed', { managerToken: pc1.managerToken, attemptId: lost.id, note: 'Terminal and Zoho show no payment' });
    expect(checked).toMatchObject({ id: lost.id, state: 'unresolved', review: { note: 'Terminal and Zoho show no payment' } });
    const report = await pc1.call('day-close-report', { date });
    expect([report.needsReview, report.totals.awaitingReview]).toEqual([[], 0]);
    const closed = await pc1.call('day-close', { managerToken: pc1.managerToken, date, closedBy: 'Asha' });
    expect(closed.close).toMatchObject({ closedBy: 'Asha', awaitingReview: 0 });

    const onPc2 = await eventually(async () => pc2.attempt(lost.id).review ?? undefined, 10_000, 'the check recorded on PC 2');
    expect(onPc2.note).toBe('Terminal and Zoho show no payment');
    const trail = await pc2.call('attempt-events', { attemptId: lost.id });
    expect(trail.at(-1)).toMatchObject({ actor: 'manager on PC “Till 1”', reason: 'Checked by hand: Terminal and Zoho show no payment' });
  });

  it('PC 2 heard from but with a sale of the day still queued (its shipping held back) is named at PC 1’s close, which needs “Close anyway”', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const today = localDate(Date.now());
    const counterId = pc2.counters[1]?.id ?? '';
    const sell = async (amountMinor: number) => {
      const invoice = await pc2.call('invoice-create', { counterId, lines: [{ description: 'Tea 250 g', quantity: 1, unitPriceMinor: amountMinor }] });
      return (await pc2.call('cash-settle', { invoiceId: invoice.id, counterId, tenderedMinor: amountMinor })).sale;
    };
    await sell(200_00);
    await eventually(async () => ((await pc1.call('day-close-report', { date: today })).totals.collectedMinor === 200_00 ? true : undefined), 10_000, 'PC 2’s first sale in the store');
    // A lock on PC 2's shipping cursor holds its batches back (FOR KEY SHARE: its heartbeat's update still goes through).
    const owner = await connectStoreClient(store.url);
    try {
      await owner.query('BEGIN');
      await owner.query("SELECT 1 FROM stations WHERE name = 'Till 2' FOR KEY SHARE");
      const late = await sell(345_00);
      await eventually(
        async () => ((await owner.query<{ n: number }>("SELECT unshipped_count AS n FROM stations WHERE name = 'Till 2'")).rows[0]?.n ?? 0) > 0 || undefined,
        10_000,
        'PC 2’s heartbeat telling of its queue',
      );
      const status = await pc1.call('store-status', {});
      expect(status.stations.find((s) => s.name === 'Till 2')).toMatchObject({ stale: false });
      const refused = await pc1.raw('day-close', { managerToken: pc1.managerToken, date: today, closedBy: 'Asha' });
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'conflict', field: 'closeAnyway' });
      expect(refused.ok ? null : refused.error.message).toMatch(/^PC “Till 2” still has \d+ changes to send to the store: its sales of .* may not have reached the store\./);
      const closed = await pc1.call('day-close', { managerToken: pc1.managerToken, date: today, closedBy: 'Asha', closeAnyway: true });
      expect(closed.totals.collectedMinor).toBe(200_00);
      const recorded = await owner.query<{ summary: string }>('SELECT summary FROM day_closes');
      expect(recorded.rows.map((row) => (JSON.parse(row.summary) as { notSentFrom?: string[] }).notSentFrom)).toEqual([['Till 2']]);
      await owner.query('COMMIT');
      // Let go, PC 2 ships its sale: it arrives as a correction on the next open day.
      const correction = await eventually(
        async () => (await pc1.call('log-day', { date: nextDate(today) })).corrections.find((c) => c.recordId === late.id),
        15_000,
        'the held sale’s correction',
      );
      expect(correction).toMatchObject({ closedDay: today, amountMinor: 345_00 });
    } finally {
      await owner.end();
    }
  });

  it('a sale PC 2 made while cut off, before PC 1 closed its day, arrives as a correction on the next open day on both PCs', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const today = localDate(Date.now());
    const counterId = pc2.counters[1]?.id ?? '';
    const sell = async (amountMinor: number) => {
      const invoice = await pc2.call('invoice-create', { counterId, lines: [{ description: 'Dal 1 kg', quantity: 1, unitPriceMinor: amountMinor }] });
      return (await pc2.call('cash-settle', { invoiceId: invoice.id, counterId, tenderedMinor: amountMinor })).sale;
    };
    await sell(500_00); // PC 2 holds its counter
    await eventually(async () => ((await pc1.call('day-close-report', { date: today })).totals.collectedMinor === 500_00 ? true : undefined), 10_000, 'PC 2’s first sale in the store');
    // PC 2 sells while the store is unreachable, then goes off as by a power cut with that sale unshipped.
    await pc2.stopBackend();
    await store.cluster.pause();
    const late = await (async () => {
      try {
        await pc2.boot();
        const sale = await sell(321_00);
        await pc2.stopBackend();
        return sale;
      } finally {
        await store.cluster.resume();
      }
    })();
    const owner = await connectStoreClient(store.url);
    try {
      // Not stopped cleanly, its last heartbeat 5 s ago (the lease is 2 s).
      await owner.query("UPDATE stations SET stopped = false, last_seen = last_seen - 5000 WHERE name = 'Till 2'");
      await eventually(async () => ((await pc1.call('store-status', {})).link === 'up' ? true : undefined), 10_000, 'PC 1’s link back');
      const refused = await pc1.raw('day-close', { managerToken: pc1.managerToken, date: today, closedBy: 'Asha' });
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'conflict', field: 'closeAnyway' });
      expect(refused.ok ? null : refused.error.message).toMatch(/^PC “Till 2” has not been heard from for 1 min: its sales of .* may not have reached the store\./);
      const closed = await pc1.call('day-close', { managerToken: pc1.managerToken, date: today, closedBy: 'Asha', closeAnyway: true });
      expect(closed.totals.collectedMinor).toBe(500_00);
      await eventually(async () => ((await pc1.call('store-status', {})).pendingChanges === 0 ? true : undefined), 10_000, 'PC 1’s close in the store');
      const recorded = await owner.query<{ summary: string }>('SELECT summary FROM day_closes');
      expect(recorded.rows.map((row) => (JSON.parse(row.summary) as { notHeardFrom?: string[] }).notHeardFrom)).toEqual([['Till 2']]);
    } finally {
      await owner.end();
    }
    // PC 2 comes back: its sale, made before the close, reaches the store after it.
    await pc2.boot();
    const correctionOn = async (rig: Rig) =>
      eventually(async () => (await rig.call('log-day', { date: nextDate(today) })).corrections.find((c) => c.recordId === late.id), 15_000, 'the late sale’s correction');
    const onPc2 = await correctionOn(pc2);
    expect(onPc2).toMatchObject({ recordKind: 'charge', closedDay: today, day: nextDate(today), toState: 'succeeded', amountMinor: 321_00, invoiceNumber: late.invoiceNumber });
    expect(onPc2.detail).toMatch(/reached the store after Asha closed that day/);
    const onPc1 = await correctionOn(pc1);
    expect(onPc1).toMatchObject({ closedDay: today, amountMinor: 321_00 });
    // PC 2 adopted the close; the closed day's report on either PC counts what was closed, the late sale on the next day.
    for (const rig of [pc1, pc2]) {
      const closedDay = await rig.call('day-close-report', { date: today });
      expect(closedDay.close).toMatchObject({ closedBy: 'Asha' });
      expect(closedDay.totals.collectedMinor).toBe(500_00);
    }
    expect((await pc1.call('log-day', { date: nextDate(today) })).totals.collectedMinor).toBe(321_00);
    // The closed day's log and CSV, on the owning PC and the other, are those it closed with: the late
    // sale is listed and counted once, as the next day's correction.
    for (const rig of [pc1, pc2]) {
      const closedLog = await rig.call('log-day', { date: today });
      expect(closedLog.totals).toMatchObject({ collectedMinor: 500_00, netMinor: 500_00 });
      expect(closedLog.totals.byTender.find((t) => t.tender === 'cash')).toMatchObject({ count: 1, amountMinor: 500_00 });
      expect(closedLog.cashSales.map((sale) => sale.amountMinor)).toEqual([500_00]);
      expect((await rig.call('log-export-csv', { date: today })).csv).not.toContain(late.invoiceNumber);
      const nextLog = await rig.call('log-day', { date: nextDate(today) });
      expect(nextLog.totals.collectedMinor).toBe(321_00);
      expect(nextLog.cashSales).toEqual([]);
      expect((await rig.call('log-export-csv', { date: nextDate(today) })).csv).toMatch(new RegExp(`${late.invoiceNumber}.*,correction,`));
      expect((await rig.call('day-close-report', { date: nextDate(today) })).totals.collectedMinor).toBe(321_00);
    }
    // With its link down, the owning PC's own log of the closed day leaves the late sale out as well.
    await store.cluster.pause();
    try {
      await eventually(async () => ((await pc2.call('store-status', {})).link === 'up' ? undefined : true), 10_000, 'PC 2’s link down');
      const own = await pc2.call('log-day', { date: today });
      expect(own.store?.wholeStore).toBe(false);
      expect(own.totals.collectedMinor).toBe(500_00);
      expect(own.cashSales.map((sale) => sale.amountMinor)).toEqual([500_00]);
      expect((await pc2.call('day-close-report', { date: today })).totals.collectedMinor).toBe(500_00);
      const ownNext = await pc2.call('log-day', { date: nextDate(today) });
      expect(ownNext.totals.collectedMinor).toBe(321_00);
    } finally {
      await store.cluster.resume();
    }
  });
});
