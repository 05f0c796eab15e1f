import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../testkit/time';
import { Poller, type CheckOutcome, type Follower, type Following, type PollerOptions } from './poller';

/** The poller as its one follower sees it, and what the tests read of the whole. */
type FollowedPoller = Following & Pick<Poller, 'currentIntervalMs' | 'stop'>;

let poller: FollowedPoller | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await poller?.stop();
  poller = null;
});

/** On the real monotonic clock. */
const defaults: PollerOptions = { intervalMs: () => 40, maxIntervalMs: 1_000, budgetPerMinute: () => 100_000, onError: () => undefined, clock: () => performance.now() };

/** A poller following one kind of record through `check`; `options` replaces any default. */
function newPoller(options: Partial<PollerOptions> & Follower): FollowedPoller {
  const created = new Poller({ ...defaults, ...options });
  return { ...created.follow(options), currentIntervalMs: () => created.currentIntervalMs(), stop: () => created.stop() };
}

describe('Poller', () => {

  function start(check: (id: string) => Promise<CheckOutcome>, extra: { intervalMs?: number; budgetPerMinute?: number; maxIntervalMs?: number } = {}) {
    const errors: unknown[] = [];
    poller = newPoller({
      check,
      ...(extra.intervalMs ? { intervalMs: () => extra.intervalMs ?? 40 } : {}),
      ...(extra.maxIntervalMs ? { maxIntervalMs: extra.maxIntervalMs } : {}),
      ...(extra.budgetPerMinute ? { budgetPerMinute: () => extra.budgetPerMinute ?? 100_000 } : {}),
      onError: (_id, error) => errors.push(error),
    });
    return { poller, errors };
  }

  it('checks each attempt on its interval from the first check until done', async () => {
    const times: number[] = [];
    const { poller } = start(async () => {
      times.push(Date.now());
      return { done: times.length === 4 };
    });
    poller.track('a', 0);
    await sleep(400);
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(38);
    expect(poller.isTracked('a')).toBe(false);
  });

  it('never runs two checks at once for one attempt, even when asked to check now', async () => {
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    const { poller } = start(async () => {
      calls += 1;
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await sleep(60);
      running -= 1;
      return { done: false };
    });
    poller.track('a', 0);
    await sleep(10);
    await Promise.all([poller.checkNow('a'), poller.checkNow('a'), poller.checkNow('a')]);
    expect(maxRunning).toBe(1);
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('asks each record’s own follower: two followers may track the same id', async () => {
    const asked: string[] = [];
    const both = new Poller(defaults);
    const ask = (kind: string) => async (id: string): Promise<CheckOutcome> => {
      asked.push(`${kind} ${id}`);
      return { done: true };
    };
    const charges = both.follow({ check: ask('charge') });
    const refunds = both.follow({ check: ask('refund') });
    charges.track('a', 0);
    refunds.track('a', 0);
    expect(both.size).toBe(2);
    await sleep(50);
    await both.stop();
    expect(asked.sort()).toEqual(['charge a', 'refund a']);
    expect(charges.isTracked('a') || refunds.isTracked('a')).toBe(false);
  });

  it('keeps checking after a check throws, and reports the error', async () => {
    let calls = 0;
    const { poller, errors } = start(async () => {
      calls += 1;
      if (calls === 1) throw new Error('network down');
      return { done: true };
    });
    poller.track('a', 0);
    await sleep(150);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('stretches every interval alike to fit the budget, up to the maximum', () => {
    const { poller } = start(async () => ({ done: false }), { intervalMs: 5_000, budgetPerMinute: 500, maxIntervalMs: 10_000 });
    const later = 3_600_000;
    for (let i = 0; i < 10; i += 1) poller.track(`a${i}`, later);
    expect(poller.currentIntervalMs()).toBe(5_000);
    for (let i = 10; i < 50; i += 1) poller.track(`a${i}`, later);
    expect(poller.currentIntervalMs()).toBe(6_061); // 50 sessions × 60 s / 495 paced calls (500 less a burst of 5)
    for (let i = 50; i < 100; i += 1) poller.track(`a${i}`, later);
    expect(poller.currentIntervalMs()).toBe(10_000); // 12.1 s would fit the budget; capped at 10 s
  });

  it('keeps room for the creates of the counters that could charge next', () => {
    let idleCounters = 0;
    poller = newPoller({ check: async () => ({ done: false }), intervalMs: () => 5_000, maxIntervalMs: 10_000, budgetPerMinute: () => 590, createReservePerMinute: () => idleCounters });
    for (let i = 0; i < 48; i += 1) poller.track(`a${i}`, 3_600_000);
    expect(poller.currentIntervalMs()).toBe(5_000); // 48 × 12 = 576 checks ≤ 585 paced calls
    idleCounters = 10;
    expect(poller.currentIntervalMs()).toBe(5_009); // 48 sessions × 60 s / (585 − 10 kept for creates)
  });

  it('follows a budget that changes while it runs (a PC’s share of its store’s)', () => {
    let share = 500;
    poller = newPoller({ check: async () => ({ done: false }), intervalMs: () => 5_000, maxIntervalMs: 10_000, budgetPerMinute: () => share });
    const later = 3_600_000;
    for (let i = 0; i < 20; i += 1) poller.track(`a${i}`, later);
    expect(poller.currentIntervalMs()).toBe(5_000);
    share = 166; // three busy PCs share the account
    expect(poller.currentIntervalMs()).toBe(7_318); // 20 sessions × 60 s / 164 paced calls (166 less a burst of 2)
  });

  it('holds every check after a 429 for as long as Zoho asked', async () => {
    const times: number[] = [];
    const { poller } = start(async () => {
      times.push(Date.now());
      return times.length === 1 ? { done: false, pauseAllMs: 200 } : { done: true };
    });
    poller.track('a', 0);
    await sleep(350);
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(195);
  });

  it('honours a longer minimum interval for one attempt', async () => {
    const times: number[] = [];
    const { poller } = start(async () => {
      times.push(Date.now());
      return times.length >= 2 ? { done: true } : { done: false, minIntervalMs: 150 };
    });
    poller.track('a', 0);
    await sleep(300);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(145);
  });
});

describe('Poller: the wall clock set back or forward', () => {

  it('changes nothing: checks go on every interval, and a 429 pause lasts as long as Zoho asked', async () => {
    const times: number[] = [];
    let pauseOnce = true;
    poller = newPoller({
      check: async () => {
        times.push(performance.now());
        if (times.length === 6 && pauseOnce) {
          pauseOnce = false;
          return { done: false, pauseAllMs: 150 };
        }
        return { done: false };
      },
      budgetPerMinute: () => 6_000,
    });
    // Only Date is faked (timers stay real): the wall clock can be stepped while time passes as usual.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    poller.track('a', 0);
    await sleep(130);
    vi.setSystemTime(Date.now() - 10 * 60_000);
    await sleep(130);
    vi.setSystemTime(Date.now() + 20 * 60_000);
    await sleep(400);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(times.length).toBeGreaterThanOrEqual(9);
    expect(Math.max(...gaps)).toBeLessThan(400);
    expect(gaps[5]).toBeGreaterThanOrEqual(145);
  });
});

describe('Poller: charge creates draw from the same budget', () => {

  function start(budgetPerMinute: number, checks: string[] = []) {
    poller = newPoller({
      check: async (id) => {
        checks.push(id);
        return { done: false };
      },
      intervalMs: () => 5_000,
      maxIntervalMs: 10_000,
      budgetPerMinute: () => budgetPerMinute,
    });
    return poller;
  }

  it('a create goes ahead of every check waiting in line: polls never starve it', async () => {
    const checks: string[] = [];
    // 240 calls a minute: a bucket of 2, then one call every 251 ms.
    const p = start(240, checks);
    for (let i = 0; i < 40; i += 1) p.track(`s${i}`, 0);
    await sleep(20);
    expect(checks.length).toBe(2); // the bucket is spent; 38 checks wait in line
    const asked = performance.now();
    const draw = await p.drawForCreate(10_000);
    expect(draw).toEqual({ granted: true });
    expect(performance.now() - asked).toBeLessThan(400); // the next free call, not the 38 checks' turn (~9.5 s)
    expect(checks.length).toBeLessThanOrEqual(3);
  });

  it('a create waits out a 429 pause, and is refused at once when the pause is longer than it may wait', async () => {
    const p = start(600);
    p.pause(300);
    const asked = performance.now();
    expect(await p.drawForCreate(1_000)).toEqual({ granted: true });
    expect(performance.now() - asked).toBeGreaterThanOrEqual(290);
    p.pause(5_000);
    const refused = await p.drawForCreate(1_000);
    expect(refused.granted).toBe(false);
    if (!refused.granted) expect(refused.waitMs).toBeGreaterThan(4_000);
  });

  it('a create waiting in line when a longer pause comes is refused then, and one waiting at stop is refused', async () => {
    const p = start(600);
    p.pause(200);
    const waiting = p.drawForCreate(500);
    p.pause(2_000);
    expect((await waiting).granted).toBe(false);
    const other = newPoller({ check: async () => ({ done: true }), budgetPerMinute: () => 600 });
    other.pause(300);
    const atStop = other.drawForCreate(1_000);
    await other.stop();
    expect(await atStop).toEqual({ granted: false, waitMs: 0 });
  });
});
