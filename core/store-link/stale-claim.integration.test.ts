// A stale claim released by a manager while its PC, cut off from the store, still reaches Zoho
// (issue 21): never two live sessions on one terminal (the simulator refuses a second one with
// terminal_busy, and no create here may be refused). In-process PCs on one simulator and the run's
// PostgreSQL; PC A reaches the store through a TCP proxy the test cuts (testkit/tcp-proxy.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { ChargeAttempt } from '../../contract/records';
import type { Result } from '../../contract/result';
import { Rig, TEST_TUNING } from '../../testkit/rig';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually } from '../../testkit/store-ledger';
import { TcpProxy } from '../../testkit/tcp-proxy';

const store = storeDatabaseEachTest();
/** A's lease lapses 2.5 s after the store last answered it; a manager may release its counter from then on. */
const LINK = { heartbeatMs: 200, leaseMs: 1_000, claimLeaseMs: 2_500, maxBackoffMs: 500 };
/** Sessions Zoho keeps open 12 s; a released terminal waits at most 13 s. */
const SESSIONS = { sessionValidityMs: 12_000, graceMs: 1_000 };
const rigs: Rig[] = [];
let proxy: TcpProxy | null = null;

afterEach(async () => {
  for (const rig of rigs.splice(0).reverse()) await rig.close();
  await proxy?.close();
  proxy = null;
});

/** PC B creates the store; PC A joins it through a proxy the test can cut. Both on one simulator. */
async function twoPcs(): Promise<{ a: Rig; b: Rig; cut: TcpProxy }> {
  const tuning = { ...TEST_TUNING, store: LINK, timing: SESSIONS };
  const b = await Rig.start({ tuning, simulator: { sessionValiditySeconds: SESSIONS.sessionValidityMs / 1000 } });
  rigs.push(b);
  await b.call('store-join', { managerToken: b.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till B', pin: '2468' });
  const url = new URL(store.url);
  proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port) });
  const a = await Rig.start({ sharedSimulator: b.sim, counters: 0, tuning });
  rigs.push(a);
  await a.call('store-join', { managerToken: a.managerToken, url: proxy.through(store.url), storeName: 'Main Street', stationName: 'Till A', pin: '2468' });
  a.counters = await eventually(async () => {
    const counters = await a.call('counters-list', {});
    return counters.length > 0 ? counters : undefined;
  }, 10_000, 'A getting the store’s counters');
  return { a, b, cut: proxy };
}

async function charge(rig: Rig, counterId: string, amountMinor: number): Promise<Result<ChargeAttempt>> {
  const invoice = await rig.call('invoice-create', { counterId, lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: amountMinor }] });
  return rig.raw('charge-create', { invoiceId: invoice.id, counterId, method: 'card' });
}

/** The manager on PC B releases A's counter as soon as the store allows it (A's lease lapsed). */
async function releaseFromB(b: Rig, counterId: string): Promise<void> {
  await eventually(async () => ((await b.raw('counter-release', { managerToken: b.managerToken, counterId })).ok ? true : undefined), 15_000, 'the release of A’s counter');
}

/** Every create the simulator answered was taken: none refused because another session was live on its terminal. */
async function expectNoTerminalRefused(rig: Rig): Promise<void> {
  const creates = (await rig.control.requests()).filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/terminal/paymentsessions'));
  expect(creates.length).toBeGreaterThan(0);
  expect(creates.filter((r) => r.status !== 201 && r.status !== 200)).toEqual([]);
}

describe('a stale claim released while its PC still reaches Zoho', () => {
  it('the terminal waits for Zoho to end A’s payment; A, past its lease, starts no new one; back, A learns of the release before it charges', async () => {
    const { a, b, cut } = await twoPcs();
    const counter = a.counters[0];
    if (!counter) throw new Error('no counter');
    const first = await charge(a, counter.id, 1_500);
    if (!first.ok) throw new Error(first.error.message);
    await eventually(async () => ((await a.call('store-status', {})).pendingChanges === 0 ? true : undefined), 10_000, 'A’s payment in the store');

    cut.cut();
    await releaseFromB(b, counter.id);
    const waiting = await charge(b, counter.id, 2_000);
    expect(waiting).toMatchObject({ ok: false, error: { code: 'conflict', field: 'terminalId' } });
    if (waiting.ok) return;
    expect(waiting.error.message).toMatch(/Counter .*’s terminal may still be finishing a payment started on PC “Till A”.* free in \d+:\d\d at the latest/);

    // A's customer pays; A, cut off from the store but not from Zoho, sees it, and starts no new payment there.
    await b.control.pay(counter.terminalId, { outcome: 'succeeded', method: 'card' });
    await a.waitFor(first.value.id, (attempt) => attempt.state === 'succeeded');
    const stale = await charge(a, counter.id, 900);
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', field: 'counterId' } });
    if (!stale.ok) expect(stale.error.message).toMatch(/store has not answered this PC since .* a manager may have given it to another PC/);

    // Zoho says A's payment ended, and it was open after the release: B takes the terminal.
    const taken = await charge(b, counter.id, 2_000);
    if (!taken.ok) throw new Error(taken.error.message);
    expect(taken.value.state).toBe('in_progress');

    // A is back: the store's claims reach it before any charge does.
    cut.mend();
    await eventually(async () => ((await a.call('store-status', {})).link === 'up' ? true : undefined), 10_000, 'A’s link back');
    const back = await charge(a, counter.id, 900);
    expect(back).toMatchObject({ ok: false, error: { code: 'conflict', field: 'counterId' } });
    if (!back.ok) expect(back.error.message).toMatch(/in use at PC “Till B”/);
    await expectNoTerminalRefused(b);
  }, 60_000);

  it('a payment A started cut off, which the store never heard of: the terminal waits the session’s validity plus grace from the release', async () => {
    const { a, b, cut } = await twoPcs();
    const counter = a.counters[0];
    if (!counter) throw new Error('no counter');
    await a.call('counter-claim', { counterId: counter.id });
    cut.cut();
    // Local first: within its lease A goes on charging on its counter, cut off.
    const unknown = await charge(a, counter.id, 1_500);
    if (!unknown.ok) throw new Error(unknown.error.message);
    await releaseFromB(b, counter.id);
    const releasedAt = performance.now();

    const refused = await charge(b, counter.id, 2_000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'terminalId' } });
    const taken = await eventually(async () => {
      const tried = await charge(b, counter.id, 2_000);
      return tried.ok ? tried.value : undefined;
    }, 30_000, 'B taking the terminal');
    expect(performance.now() - releasedAt).toBeGreaterThanOrEqual(SESSIONS.sessionValidityMs);
    expect(taken.state).toBe('in_progress');
    await expectNoTerminalRefused(b);
  }, 60_000);

  it('a counter A does not hold, asked for the moment the store went away: refused as with the link down, not an internal error', async () => {
    const { a, cut } = await twoPcs();
    const held = a.counters[0];
    const other = a.counters[1];
    if (!held || !other) throw new Error('no counters');
    await a.call('counter-claim', { counterId: held.id });
    cut.cut();
    // Before A's heartbeat has seen the store go: the claim's own transaction finds it gone.
    const refused = await a.raw('counter-claim', { counterId: other.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'counterId' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/cannot take another counter now/);
    // Its own counter is still its own.
    expect((await a.raw('counter-claim', { counterId: held.id })).ok).toBe(true);
  });
});
