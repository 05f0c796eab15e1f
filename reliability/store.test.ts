// Store mode with real station processes (browser hosts, each its own data folder) on one
// simulator and a real PostgreSQL cluster: fast variants, for `npm test`, of store.soak.test.ts.
// Two, then three PCs: a charge on any PC is in every PC's log within 2 s; one counter, one PC;
// PostgreSQL stopped mid-day (10 s here, 60 s in the soak); kill -9 of a PC while it ships.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, sleep } from '../testkit/time';
import { StoreStations } from '../testkit/store-stations';
import { runStoreDay, waitUntilStoreSettled } from './store-day';

let stations: StoreStations;

beforeAll(async () => {
  stations = await StoreStations.start({ stations: 2, counters: 4 });
}, 120_000);

afterAll(async () => {
  await stations?.close();
}, 60_000);

/** How long until every PC's log lists the attempt (ms), checking each every 50 ms. */
async function lagToEveryLog(attemptId: string, since: number): Promise<number> {
  const date = localDate(Date.now());
  const lags = await Promise.all(
    stations.stations.map(async (station) => {
      for (;;) {
        const log = await station.host.ok('log-day', { date });
        if (log.attempts.some((a) => a.id === attemptId)) return Date.now() - since;
        if (Date.now() - since > 10_000) return Number.POSITIVE_INFINITY;
        await sleep(50);
      }
    }),
  );
  return Math.max(...lags);
}

async function chargeOnEachPc(): Promise<number[]> {
  const lags: number[] = [];
  for (const station of stations.stations) {
    const started = Date.now();
    const attempt = await stations.charge(station.index, station.index, 1_500 + station.index);
    lags.push(await lagToEveryLog(attempt.id, started));
    await stations.control.pay(attempt.terminalId, { outcome: 'succeeded', method: 'card' });
  }
  return lags;
}

describe('a store of real PCs', () => {
  it('two PCs: a charge on either appears in both logs within 2 s', async () => {
    const lags = await chargeOnEachPc();
    process.stdout.write(`store (2 PCs): charge → in every PC's log ${lags.map((l) => `${l} ms`).join(', ')}\n`);
    for (const lag of lags) expect(lag).toBeLessThanOrEqual(2_000);
  });

  it('three PCs: a charge on any appears in all three logs within 2 s', async () => {
    await stations.addPc();
    await sleep(5_000); // the first two finish their payments
    const lags = await chargeOnEachPc();
    process.stdout.write(`store (3 PCs): charge → in every PC's log ${lags.map((l) => `${l} ms`).join(', ')}\n`);
    expect(lags).toHaveLength(3);
    for (const lag of lags) expect(lag).toBeLessThanOrEqual(2_000);
  });

  it('a counter is claimed by one PC only: the others are told which PC holds it, and of three at once one wins', async () => {
    const [a, , , d] = stations.counters;
    if (!a || !d) throw new Error('no counters');
    const refused = await stations.station(1).host.call('counter-claim', { counterId: a.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'counterId', message: `${a.name} is in use at PC “PC 1”. Choose another counter, or take this one there first.` } });
    const race = await Promise.all(stations.stations.map((s) => s.host.call('counter-claim', { counterId: d.id })));
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    for (const lost of race.filter((r) => !r.ok)) expect(lost).toMatchObject({ ok: false, error: { code: 'conflict', field: 'counterId' } });
  });

  it('PostgreSQL stopped mid-day: charging goes on, then everything syncs exactly once and the store’s ledger is the union of the PCs’, row by row', async () => {
    await waitUntilStoreSettled(stations, 30_000); // the payments above have been seen through
    const day = runStoreDay(stations, { tills: [0, 1, 2].map((pc) => ({ pc, counter: pc })), until: Date.now() + 16_000, payDelayMs: [300, 1_500] });
    await sleep(3_000);
    await stations.cluster.pause();
    const downFor = 10_000;
    await sleep(downFor / 2);
    const during = await stations.station(0).host.ok('store-status', {});
    expect(during.link).toBe('down');
    await sleep(downFor / 2);
    await stations.cluster.resume();
    const report = await day;
    await waitUntilStoreSettled(stations, 60_000);
    const cursors = await stations.cursors();
    const { store, union } = await stations.ledgers();
    process.stdout.write(`store outage (${downFor / 1000} s): ${report.sales} sales (${report.paid} paid, ${report.declined} declined, ${report.cash} then cash), cursors ${JSON.stringify(cursors)}\n`);
    expect(report.errors).toEqual([]);
    expect(report.sales).toBeGreaterThanOrEqual(6);
    expect(cursors.every((c) => c.waiting === 0 && c.shipped === c.queued)).toBe(true);
    expect(store).toEqual(union);
  }, 120_000);

  it('kill -9 of a PC in the middle of shipping, three times: nothing lost, nothing duplicated', async () => {
    await waitUntilStoreSettled(stations, 30_000);
    let down = -1;
    const day = runStoreDay(stations, { tills: [0, 1, 2].map((pc) => ({ pc, counter: pc })), until: Date.now() + 18_000, payDelayMs: [200, 800], tillUp: (pc) => pc !== down });
    for (let kill = 0; kill < 3; kill += 1) {
      await sleep(2_000 + Math.random() * 2_000);
      down = 1;
      await stations.kill(1);
      await stations.restart(1);
      down = -1;
    }
    const report = await day;
    await waitUntilStoreSettled(stations, 60_000);
    const cursors = await stations.cursors();
    const { store, union } = await stations.ledgers();
    process.stdout.write(`store kill -9 ×3: ${report.sales} sales (${report.cash} declined then cash; ${union.tenders?.length ?? 0} cash sales in the store), cursors ${JSON.stringify(cursors)}\n`);
    expect(cursors.every((c) => c.waiting === 0 && c.shipped === c.queued)).toBe(true);
    expect(store).toEqual(union);
  }, 120_000);
});
