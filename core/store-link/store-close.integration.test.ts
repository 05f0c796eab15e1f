// The store's day close (issue 21), with in-process PCs on one simulator and a real PostgreSQL
// cluster: the report a manager closes from on one PC counts every PC's sales and lists every PC's
// payments waiting for a person.
import { afterEach, describe, expect, it } from 'vitest';
import { Rig, TEST_TUNING } from '../../testkit/rig';
import { localDate } from '../../testkit/time';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually } from '../../testkit/store-ledger';

const store = storeDatabaseEachTest();
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
});
