// Property-based, on a simulated clock (vitest fake timers: nothing here waits for real time): the
// poller keeps the account under its budget of calls a minute, whatever the number of sessions,
// interval, budget and check durations; charge creates draw from the same budget; and every session
// is still checked, as often as the budget allows.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { maxInWindow } from '../../testkit/stats';
import { Poller } from './poller';

afterEach(() => {
  vi.useRealTimers();
});

const MINUTE = 60_000;

describe('the poller on a simulated clock', () => {
  it('never spends more calls in a minute than its budget, and checks every session', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          sessions: fc.integer({ min: 1, max: 150 }),
          intervalMs: fc.integer({ min: 5_000, max: 10_000 }),
          budget: fc.integer({ min: 60, max: 600 }),
          checkMs: fc.integer({ min: 1, max: 3_000 }),
          creates: fc.integer({ min: 0, max: 40 }),
        }),
        async ({ sessions, intervalMs, budget, checkMs, creates }) => {
          vi.useFakeTimers({ now: 1_800_000_000_000 });
          const calls: number[] = [];
          const checked = new Map<string, number[]>();
          const poller = new Poller({
            check: async (id) => {
              calls.push(Date.now());
              checked.set(id, [...(checked.get(id) ?? []), Date.now()]);
              await new Promise((resolve) => setTimeout(resolve, checkMs));
              return { done: false };
            },
            intervalMs: () => intervalMs,
            maxIntervalMs: 10_000,
            budgetPerMinute: () => budget,
            onError: () => undefined,
            // The simulated clock: vitest's fake timers move Date.now with them.
            clock: () => Date.now(),
          });
          try {
            for (let i = 0; i < sessions; i += 1) poller.track(`s${i}`, Date.now() + (i % 10) * 100);
            // Charge creates made meanwhile, at the start of the run, draw from the same budget.
            for (let i = 0; i < creates; i += 1) {
              void poller.drawForCreate(MINUTE).then((draw) => {
                if (draw.granted) calls.push(Date.now());
              });
            }
            // Long enough for every session to be checked several times, however thin the budget.
            const roundMs = Math.max(intervalMs, (sessions * MINUTE) / budget);
            await vi.advanceTimersByTimeAsync(Math.max(4 * MINUTE, 4 * roundMs + MINUTE));
            expect(maxInWindow(calls, MINUTE)).toBeLessThanOrEqual(budget);
            // Fair: every session is checked about as often as the budget allows all of them, once
            // the first round is done: first due, first served, calls paced evenly over the minute.
            const paced = budget - Math.max(1, Math.floor(budget / 12)); // what the pacing lets through steadily
            const fairGap = Math.max(intervalMs, (sessions * MINUTE) / paced);
            for (let i = 0; i < sessions; i += 1) {
              const times = checked.get(`s${i}`) ?? [];
              expect(times.length, `session ${i}`).toBeGreaterThan(1);
              const gaps = times.slice(2).map((t, k) => t - (times[k + 1] ?? 0));
              for (const gap of gaps) expect(gap, `session ${i}`).toBeLessThanOrEqual(fairGap * 1.1 + checkMs + 1_000);
            }
          } finally {
            // Checks under way end on the simulated clock too.
            const stopping = poller.stop();
            await vi.advanceTimersByTimeAsync(checkMs + 1);
            await stopping;
            vi.useRealTimers();
          }
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 25), endOnFailure: true },
    );
  }, 60_000);
});
