// PCs of one store for the store-link integration tests: in-process backends on one simulator (the
// first PC's), each joined to the test's store database with a fast link, closed after each test.
import { afterEach } from 'vitest';
import { Rig, TEST_TUNING } from './rig';

/** Heartbeats every 200 ms, a 2 s lease: a store's news reaches the other PCs within a test's patience. */
export const FAST_LINK = { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 };

/**
 * `pc(name, first?, url?)`: a PC of the store at `storeUrl()` (the first PC makes the store, the
 * others share its simulator and read its counters); `url` when it reaches the store another way.
 */
export function storePcsEachTest(storeUrl: () => string): (stationName: string, first?: Rig, url?: string) => Promise<Rig> {
  const rigs: Rig[] = [];
  afterEach(async () => {
    for (const rig of rigs.splice(0).reverse()) await rig.close();
  });
  return async (stationName, first, url = storeUrl()) => {
    const tuning = { ...TEST_TUNING, store: FAST_LINK };
    const rig = await Rig.start(first ? { sharedSimulator: first.sim, counters: 0, tuning } : { tuning });
    rigs.push(rig);
    await rig.call('store-join', { managerToken: rig.managerToken, url, storeName: 'Main Street', stationName, pin: '2468' });
    if (first) rig.counters = await rig.call('counters-list', {});
    return rig;
  };
}
