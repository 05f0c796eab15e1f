// Property-based, on a simulated clock (vitest fake timers: nothing here waits for real time): the
// poller keeps the account under its budget of calls a minute, whatever the number of sessions,
// interval, budget and check durations; charge creates draw from the same budget; every session
// is still checked, as often as the budget allows; and at full load (as many sessions as the budget
// holds at their interval) every session keeps its interval while a create goes out within a second.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALL_BUDGET_PER_MINUTE, ZOHO_CALLS_PER_MINUTE } from '../../contract/rules';
import { maxInWindow } from '../../testkit/stats';
import { budgetPlan, Poller } from './poller';

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
            intervalMs: () => intervalMs,
            maxIntervalMs: 10_000,
            budgetPerMinute: () => budget,
            onError: () => undefined,
            // The simulated clock: vitest's fake timers move Date.now with them.
            clock: () => Date.now(),
          });
          const sessionChecks = poller.follow({
            check: async (id) => {
              calls.push(Date.now());
              checked.set(id, [...(checked.get(id) ?? []), Date.now()]);
              await new Promise((resolve) => setTimeout(resolve, checkMs));
              return { done: false };
            },
          });
          try {
            for (let i = 0; i < sessions; i += 1) sessionChecks.track(`s${i}`, Date.now() + (i % 10) * 100);
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
            const paced = budgetPlan(budget).pacedPerMinute; // what the pacing lets through steadily
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

  it('at full load keeps every session at its interval, and a create goes out within a second', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          intervalMs: fc.integer({ min: 5_000, max: 10_000 }),
          budget: fc.integer({ min: 120, max: CALL_BUDGET_PER_MINUTE }),
          idleCounters: fc.integer({ min: 0, max: 10 }),
          checkMs: fc.integer({ min: 1, max: 800 }),
          // When cashiers press Charge, one at a time (in different seconds): offsets in the run, ms.
          // (Several at the same instant wait for each other's turn: a create is one call of the pacing.)
          createsAt: fc
            .uniqueArray(fc.integer({ min: 0, max: 179 }), { minLength: 1, maxLength: 30 })
            .chain((seconds) => fc.tuple(...seconds.map((second) => fc.integer({ min: second * 1_000, max: second * 1_000 + 200 })))),
        }),
        async ({ intervalMs, budget, idleCounters, checkMs, createsAt }) => {
          vi.useFakeTimers({ now: 1_800_000_000_000 });
          // As many sessions as the checks' share of the budget holds at the interval, the creates' reserve and the creates themselves aside.
          const createsPerMinute = Math.ceil((createsAt.length * MINUTE) / (3 * MINUTE));
          const reserve = Math.max(idleCounters, createsPerMinute);
          const sessions = Math.floor((budgetPlan(budget, reserve).checksPerMinute * intervalMs) / MINUTE);
          const calls: number[] = [];
          const checked = new Map<string, number[]>();
          const waits: number[] = [];
          const poller = new Poller({
            intervalMs: () => intervalMs,
            maxIntervalMs: 10_000,
            budgetPerMinute: () => budget,
            createReservePerMinute: () => reserve,
            onError: () => undefined,
            clock: () => Date.now(),
          });
          const sessionChecks = poller.follow({
            check: async (id) => {
              calls.push(Date.now());
              checked.set(id, [...(checked.get(id) ?? []), Date.now()]);
              await new Promise((resolve) => setTimeout(resolve, checkMs));
              return { done: false };
            },
          });
          const started = Date.now();
          try {
            // The sessions began over one interval, as a shop's payments do.
            for (let i = 0; i < sessions; i += 1) sessionChecks.track(`s${i}`, Math.floor((i * intervalMs) / Math.max(1, sessions)));
            for (const at of createsAt) {
              setTimeout(() => {
                const asked = Date.now();
                void poller.drawForCreate(MINUTE).then((draw) => {
                  if (!draw.granted) return;
                  calls.push(Date.now());
                  waits.push(Date.now() - asked);
                });
              }, intervalMs + at);
            }
            await vi.advanceTimersByTimeAsync(intervalMs + 3 * MINUTE + 2 * intervalMs);
            expect(poller.currentIntervalMs()).toBe(intervalMs);
            expect(maxInWindow(calls, MINUTE)).toBeLessThanOrEqual(budget);
            expect(waits).toHaveLength(createsAt.length);
            for (const wait of waits) expect(wait).toBeLessThanOrEqual(1_000);
            // Kept at the interval: a check may wait for the pacing a little, never a round. A little
            // is a second, or, where one pacing step is long (a small budget), the steps of the creates
            // that went ahead of it since the session's last check, plus two steps of the pacing's rounding.
            const paceStepMs = MINUTE / budgetPlan(budget).pacedPerMinute;
            const aheadMs = (maxInWindow(createsAt, intervalMs + 1_000) + 2) * paceStepMs;
            for (let i = 0; i < sessions; i += 1) {
              const times = (checked.get(`s${i}`) ?? []).filter((t) => t >= started + intervalMs);
              const gaps = times.slice(1).map((t, k) => t - (times[k] ?? 0));
              for (const gap of gaps) expect(gap, `session ${i}`).toBeLessThanOrEqual(intervalMs + Math.max(1_000, aheadMs));
            }
          } finally {
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

  it('the account budget holds at least 45 sessions at 5 s with 10 counters about to charge', () => {
    expect(CALL_BUDGET_PER_MINUTE).toBeLessThan(ZOHO_CALLS_PER_MINUTE);
    const { burst, pacedPerMinute, checksPerMinute } = budgetPlan(CALL_BUDGET_PER_MINUTE, 10);
    // Nothing lost to the burst allowance: a full bucket plus a minute's refill is the budget.
    expect(burst + pacedPerMinute).toBe(CALL_BUDGET_PER_MINUTE);
    expect(Math.floor(checksPerMinute / 12)).toBeGreaterThanOrEqual(45);
  });
});
