import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../../testkit/time';
import { Poller, type CheckOutcome } from './poller';

describe('Poller', () => {
  let poller: Poller | null = null;
  afterEach(async () => {
    await poller?.stop();
    poller = null;
  });

  function start(check: (id: string) => Promise<CheckOutcome>, extra: { intervalMs?: number; budgetPerMinute?: number; maxIntervalMs?: number } = {}) {
    const errors: unknown[] = [];
    poller = new Poller({
      check,
      intervalMs: () => extra.intervalMs ?? 40,
      maxIntervalMs: extra.maxIntervalMs ?? 1_000,
      budgetPerMinute: () => extra.budgetPerMinute ?? 100_000,
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
    poller.track('a', Date.now());
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
    poller.track('a', Date.now());
    await sleep(10);
    await Promise.all([poller.checkNow('a'), poller.checkNow('a'), poller.checkNow('a')]);
    expect(maxRunning).toBe(1);
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('keeps checking after a check throws, and reports the error', async () => {
    let calls = 0;
    const { poller, errors } = start(async () => {
      calls += 1;
      if (calls === 1) throw new Error('network down');
      return { done: true };
    });
    poller.track('a', Date.now());
    await sleep(150);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('stretches every interval alike to fit the budget, up to the maximum', () => {
    const { poller } = start(async () => ({ done: false }), { intervalMs: 5_000, budgetPerMinute: 500, maxIntervalMs: 10_000 });
    const later = Date.now() + 3_600_000;
    for (let i = 0; i < 10; i += 1) poller.track(`a${i}`, later);
    expect(poller.currentIntervalMs()).toBe(5_000);
    for (let i = 10; i < 50; i += 1) poller.track(`a${i}`, later);
    expect(poller.currentIntervalMs()).toBe(6_000); // 50 sessions × 60 s / 500 calls
    for (let i = 50; i < 100; i += 1) poller.track(`a${i}`, later);
    expect(poller.currentIntervalMs()).toBe(10_000); // 12 s would fit the budget; capped at 10 s
  });

  it('follows a budget that changes while it runs (a PC’s share of its store’s)', () => {
    let share = 500;
    poller = new Poller({ check: async () => ({ done: false }), intervalMs: () => 5_000, maxIntervalMs: 10_000, budgetPerMinute: () => share, onError: () => undefined });
    const later = Date.now() + 3_600_000;
    for (let i = 0; i < 20; i += 1) poller.track(`a${i}`, later);
    expect(poller.currentIntervalMs()).toBe(5_000);
    share = 166; // three busy PCs share the account
    expect(poller.currentIntervalMs()).toBe(7_229); // 20 sessions × 60 s / 166 calls
  });

  it('holds every check after a 429 for as long as Zoho asked', async () => {
    const times: number[] = [];
    const { poller } = start(async () => {
      times.push(Date.now());
      return times.length === 1 ? { done: false, pauseAllMs: 200 } : { done: true };
    });
    poller.track('a', Date.now());
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
    poller.track('a', Date.now());
    await sleep(300);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(145);
  });
});
