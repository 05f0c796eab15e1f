// Store mode at its edges (issue 21), with real station processes (browser hosts, each its own data
// folder) on one simulator and a real PostgreSQL cluster. docs/RELIABILITY.md lists each edge here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargeAttempt } from '../contract/records';
import { eventually } from '../testkit/store-ledger';
import { StoreStations } from '../testkit/store-stations';
import { waitUntilStoreSettled } from './store-day';

let stations: StoreStations;

beforeAll(async () => {
  stations = await StoreStations.start({ stations: 2, counters: 2 });
}, 120_000);

afterAll(async () => {
  await stations?.close();
}, 60_000);

async function paid(pc: number, attempt: ChargeAttempt): Promise<ChargeAttempt> {
  await stations.control.pay(attempt.terminalId, { outcome: 'succeeded', method: 'card' });
  return eventually(async () => {
    const { attempts } = await stations.station(pc).host.ok('invoice-get', { invoiceId: attempt.invoiceId });
    const now = attempts.find((a) => a.id === attempt.id);
    return now?.state === 'succeeded' ? now : undefined;
  }, 20_000, `payment ${attempt.id} succeeding`);
}

describe('a store at its edges', () => {
  it('a PC restarted (kill -9, a power cut) while the store is unreachable goes on charging on its counter, and ships it all once the store is back', async () => {
    await paid(0, await stations.charge(0, 0, 1_200)); // PC 1 holds counter A
    await waitUntilStoreSettled(stations, 30_000);
    await stations.cluster.pause();
    try {
      await stations.kill(0);
      await stations.restart(0);
      expect((await stations.station(0).host.ok('store-status', {})).link).toBe('down');
      const offline = await paid(0, await stations.charge(0, 0, 3_400));
      expect(offline.amountMinor).toBe(3_400);
      // Another counter is still refused: this PC cannot learn whether someone else holds it.
      const other = stations.counters[1];
      if (!other) throw new Error('no counter B');
      const refused = await stations.station(0).host.call('counter-claim', { counterId: other.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'counterId' } });
    } finally {
      await stations.cluster.resume();
    }
    await waitUntilStoreSettled(stations, 60_000);
    const { store, union } = await stations.ledgers();
    expect(store).toEqual(union);
    expect((store.charge_attempts ?? []).filter((row) => row.amount_minor === 3_400 && row.state === 'succeeded')).toHaveLength(1);
  }, 180_000);
});
