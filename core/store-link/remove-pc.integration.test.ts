// Manager → Store → Remove this PC: a lost or stolen PC cut off from another PC with the owner's
// address. Its role can no longer log in (nor keep a session), its records stay in the store, the
// removal is recorded; a wrong address, this PC itself or a PC removed already are refused by name.
import { afterEach, describe, expect, it } from 'vitest';
import { Rig, TEST_TUNING } from '../../testkit/rig';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually, withStoreClient } from '../../testkit/store-ledger';

const store = storeDatabaseEachTest();
const FAST_LINK = { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 };
const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0).reverse()) await rig.close();
});

async function joinedPc(stationName: string, first?: Rig): Promise<Rig> {
  const rig = await Rig.start({ ...(first ? { sharedSimulator: first.sim, counters: 0 } : {}), tuning: { ...TEST_TUNING, store: FAST_LINK } });
  rigs.push(rig);
  await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName, pin: '2468' });
  return rig;
}

/** The address PC `rig` keeps: its own role's. */
async function keptAddress(rig: Rig): Promise<string> {
  return (JSON.parse((await rig.storeSecrets.read()) ?? '{}') as { url: string }).url;
}

describe('removing a PC of the store', () => {
  it('its role cannot log in any more and its session ends; its records stay; the removal is recorded', async () => {
    const pc1 = await joinedPc('Till 1');
    const pc2 = await joinedPc('Till 2', pc1);
    pc2.counters = await pc2.call('counters-list', {});
    const sale = await pc2.charge(7_500, { counter: 1 });
    await pc2.control.pay(sale.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc2.waitFor(sale.id, (a) => a.state === 'succeeded');
    await eventually(async () => ((await pc2.call('store-status', {})).pendingChanges === 0 ? true : undefined), 10_000, 'PC 2’s sale in the store');
    const pc2Address = await keptAddress(pc2);
    const pc2Station = (await pc2.call('store-status', {})).stationId ?? '';

    const status = await pc1.call('store-pc-remove', { managerToken: pc1.managerToken, url: store.url, stationId: pc2Station });
    expect(status.link).toBe('up');
    // It leaves the list of PCs (at once, or at the next heartbeat when one was under way).
    await eventually(async () => ((await pc1.call('store-status', {})).stations.some((s) => s.id === pc2Station) ? undefined : true), 10_000, 'PC 2 leaving PC 1’s list');

    await expect(withStoreClient(pc2Address, async () => undefined), 'PC 2’s role logging in').rejects.toMatchObject({ code: '28P01' });
    // Its open session ends first (a cut link), then each try to log in again is refused.
    await eventually(async () => {
      const seen = await pc2.call('store-status', {});
      return seen.link === 'down' && /refused the user name or password/.test(seen.message ?? '') ? seen : undefined;
    }, 30_000, 'PC 2’s link going down, its login refused');
    const kept = await store.client.query<{ state: string; station_id: string }>('SELECT state, station_id FROM charge_attempts WHERE id = $1', [sale.id]);
    expect(kept.rows).toEqual([{ state: 'succeeded', station_id: pc2Station }]);
    const recorded = await store.client.query<{ change: string }>('SELECT change FROM station_membership WHERE station_id = $1 ORDER BY at', [pc2Station]);
    expect(recorded.rows.map((row) => row.change)).toEqual(['joined', 'removed']);
  });

  it('refused by name: this PC itself, another database’s address, a PC removed already; nothing changes', async () => {
    const pc1 = await joinedPc('Till 1');
    const pc2 = await joinedPc('Till 2', pc1);
    const self = (await pc1.call('store-status', {})).stationId ?? '';
    const other = (await pc2.call('store-status', {})).stationId ?? '';
    const elsewhere = store.cluster.url('postgres');
    const cases = [
      { input: { url: store.url, stationId: self }, code: 'conflict', field: 'stationId', message: /the PC you are working on/ },
      { input: { url: elsewhere, stationId: other }, code: 'invalid_input', field: 'url', message: /another database than this store’s/ },
    ];
    for (const { input, code, field, message } of cases) {
      const result = await pc1.raw('store-pc-remove', { managerToken: pc1.managerToken, ...input });
      expect(result).toMatchObject({ ok: false, error: { code, field } });
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    expect((await store.client.query("SELECT 1 FROM station_membership WHERE change = 'removed'")).rows).toEqual([]);
    await pc1.call('store-pc-remove', { managerToken: pc1.managerToken, url: store.url, stationId: other });
    const again = await pc1.raw('store-pc-remove', { managerToken: pc1.managerToken, url: store.url, stationId: other });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', field: 'stationId' } });
  });
});
