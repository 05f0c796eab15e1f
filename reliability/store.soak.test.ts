// Store soak (`npm run test:soak`): three real PCs on one store and one simulator. PostgreSQL is
// stopped for 60 s in the middle of a busy day; a PC is killed with SIGKILL ten times while it
// ships; then 3 PCs × 20 live sessions for 3 minutes on one account. Fast variants: store.test.ts
// and store-load.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreStations } from '../testkit/store-stations';
import { sleep } from '../testkit/time';
import { runStoreDay, waitUntilStoreSettled } from './store-day';
import { runStoreLoad } from './store-load';

describe('a busy store through an outage and kills', () => {
  let stations: StoreStations;
  beforeAll(async () => {
    stations = await StoreStations.start({ stations: 3, counters: 3 });
  }, 120_000);
  afterAll(async () => {
    await stations?.close();
  }, 60_000);

  it('PostgreSQL stopped for 60 s mid-day: charging goes on; then everything syncs exactly once, the store’s ledger the union of the PCs’', async () => {
    const tills = [0, 1, 2].map((pc) => ({ pc, counter: pc }));
    const day = runStoreDay(stations, { tills, until: Date.now() + 100_000, payDelayMs: [300, 3_000] });
    await sleep(20_000);
    await stations.cluster.pause();
    await sleep(60_000);
    await stations.cluster.resume();
    const report = await day;
    await waitUntilStoreSettled(stations, 120_000);
    const cursors = await stations.cursors();
    const { store, union } = await stations.ledgers();
    process.stdout.write(`store soak outage (60 s): ${report.sales} sales (${report.paid} paid), cursors ${JSON.stringify(cursors)}\n`);
    expect(report.errors).toEqual([]);
    expect(cursors.every((c) => c.waiting === 0 && c.shipped === c.queued)).toBe(true);
    expect(store).toEqual(union);
  }, 600_000);

  it('kill -9 of a PC while it ships, ten times: nothing lost, nothing duplicated', async () => {
    await waitUntilStoreSettled(stations, 60_000);
    let down = -1;
    const tills = [0, 1, 2].map((pc) => ({ pc, counter: pc }));
    const day = runStoreDay(stations, { tills, until: Date.now() + 90_000, payDelayMs: [200, 1_000], tillUp: (pc) => pc !== down });
    for (let kill = 0; kill < 10; kill += 1) {
      await sleep(3_000 + Math.random() * 4_000);
      down = kill % 3;
      await stations.kill(down);
      await stations.restart(down);
      down = -1;
    }
    await day;
    await waitUntilStoreSettled(stations, 120_000);
    const cursors = await stations.cursors();
    const { store, union } = await stations.ledgers();
    expect(cursors.every((c) => c.waiting === 0 && c.shipped === c.queued)).toBe(true);
    expect(store).toEqual(union);
  }, 600_000);
});

it('3 PCs × 20 live sessions for 3 minutes on one Zoho account: 0 × 429, every session checked at least every 10 s', async () => {
  const report = await runStoreLoad({ pcs: 3, sessionsPerPc: 20, runMs: 180_000 });
  process.stdout.write(`store soak load: ${JSON.stringify(report)}\n`);
  expect(report.rateLimited).toBe(0);
  expect(report.longestGapMs).toBeLessThanOrEqual(10_000);
}, 600_000);
