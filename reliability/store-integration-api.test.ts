// The integration API in store mode, with real station processes (browser hosts) on one PostgreSQL
// and one simulator: each PC's API charges on the counters that PC may take (a counter another PC
// holds is refused, never a second live session on its terminal), and its counters read the store's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIntegrationApi } from '../testkit/integration-client';
import { eventually } from '../testkit/store-ledger';
import { StoreStations } from '../testkit/store-stations';
import { sharedPostgres } from '../testkit/store';

let stations: StoreStations<ReturnType<typeof sharedPostgres>>;

beforeAll(async () => {
  stations = await StoreStations.start({ stations: 2, counters: 2, integrationApi: true, cluster: sharedPostgres() });
}, 120_000);

afterAll(async () => {
  await stations?.close();
}, 60_000);

describe('integration API in store mode', () => {
  it('PC 2’s API charges on the counter PC 2 may take, is refused the one PC 1 holds, and lists the store’s counters', async () => {
    const pc2 = stations.station(1);
    const apiUrl = pc2.apiUrl ?? '';
    const { secret } = await pc2.host.ok('integration-key-create', {
      managerToken: pc2.managerToken,
      name: 'Tally',
      scopes: ['charge', 'read'],
      counterIds: stations.counters.map((c) => c.id),
    });
    // PC 1 is charging on counter A: it holds that counter's terminal.
    const live = await stations.charge(0, 0, 2_000);
    expect(live.state).toBe('in_progress');

    const refused = await callIntegrationApi(apiUrl, '/v1/charges', {
      key: secret,
      idempotencyKey: 'store-inv-1-a',
      body: { reference: 'S-1', amountMinor: 5_000, currency: 'INR', counter: 'Counter A', method: 'card' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict' });
    expect(stations.sim.stats().payments_requests.create).toBe(1);

    const charged = await callIntegrationApi(apiUrl, '/v1/charges', {
      key: secret,
      idempotencyKey: 'store-inv-2-a',
      body: { reference: 'S-2', amountMinor: 5_000, currency: 'INR', counter: 'Counter B', method: 'card' },
    });
    expect(charged.status).toBe(201);
    expect(charged.body).toMatchObject({ state: 'in_progress', counterId: stations.counters[1]?.id });
    await stations.control.pay('TRM002', { outcome: 'succeeded', method: 'card' });
    const paid = await callIntegrationApi(apiUrl, `/v1/charges/${charged.body.id as string}?wait=20`, { key: secret });
    expect(paid.body).toMatchObject({ state: 'succeeded', pending: false });

    const counters = await callIntegrationApi(apiUrl, '/v1/counters', { key: secret });
    expect((counters.body.counters as { name: string }[]).map((c) => c.name)).toEqual(['Counter A', 'Counter B']);
    // The paid API charge reaches the store from PC 2, as every sale of that PC does.
    await eventually(
      async () => {
        const { store } = await stations.ledgers();
        return store.charge_attempts?.some((a) => a.id === charged.body.id && a.state === 'succeeded') ? true : undefined;
      },
      20_000,
      'the API charge reaching the store',
    );
  });
});
