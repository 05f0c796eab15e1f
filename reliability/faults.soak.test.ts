// Fault soak (`npm run test:soak`): 50 counters charging at once for several minutes while the
// simulator adds 2 s latency, 30 % 500s and 10 % dropped connections to every Zoho call (token
// requests included), at the real 5 s poll interval. Afterwards:
// - no wrong state: an attempt is succeeded/failed only if its Zoho session says so, and unknown
//   only where the create answer was lost (every fault here hits before Zoho processes a request);
// - everything resolves once the faults clear;
// - token requests stay within Zoho's limit (≤ 10 in any 10 minutes, none throttled).
// Figures go to stdout, for docs/RELIABILITY.md.
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Rig } from '../testkit/rig';
import { maxInWindow, percentile } from '../testkit/stats';
import { runBusyCounters, waitUntilSettled } from './busy-counters';
import { auditLedger, describeLedger, type SimSession } from './ledger';
import { tokenRequestTimes } from './token-budget';

const COUNTERS = 50;
const FAULT_MINUTES = Number(process.env.SOAK_FAULT_MINUTES ?? 5);
const SESSION_VALIDITY_S = 90;

let rig: Rig | null = null;
afterAll(async () => {
  await rig?.close();
});

it(`${COUNTERS} counters for ${FAULT_MINUTES} minutes through 2 s latency, 30 % 500s and 10 % drops`, async () => {
  rig = await Rig.start({
    counters: COUNTERS,
    // Tokens expire every 5 minutes, so refreshes happen under the faults too.
    simulator: { accessTokenTtlSeconds: 300, sessionValiditySeconds: SESSION_VALIDITY_S },
    tuning: { pollIntervalMs: undefined, timing: { sessionValidityMs: SESSION_VALIDITY_S * 1000 } },
  });
  const started = Date.now();
  await rig.control.faults({ scope: 'all', latency_ms: 2_000, error_rate: 0.3, drop_rate: 0.1 });
  const report = await runBusyCounters(rig, {
    counters: COUNTERS,
    chargeUntil: started + FAULT_MINUTES * 60_000,
    payDelayMs: [1_000, 20_000],
    outcomeTimeoutMs: 60_000,
    walkAwayRate: 0.05,
  });
  const faultStats = rig.sim.stats();
  await rig.control.clearFaults();
  const cleared = Date.now();
  const settleMs = await waitUntilSettled(rig, 6 * 60_000);

  const sessions = (await rig.control.sessions()) as SimSession[];
  const ledger = auditLedger(join(rig.dataDir, 'counter.db'), sessions, { settled: true, createsAlwaysAnswered: true });
  const stats = rig.sim.stats();
  const tokenTimes = tokenRequestTimes(rig.sim.requests());
  const figures = {
    counters: COUNTERS,
    faultMinutes: Number(((cleared - started) / 60_000).toFixed(1)),
    charges: report.charges,
    outcomes: report.outcomes,
    customers: { paid: report.paid, declined: report.declined, walkedAway: report.walkedAway },
    chargeCreateMs: { p50: Math.round(percentile(report.chargeCreateMs, 50)), p99: Math.round(percentile(report.chargeCreateMs, 99)), max: Math.round(Math.max(...report.chargeCreateMs)) },
    settleAfterFaultsMs: settleMs,
    ledger: describeLedger(ledger),
    faults: faultStats.faults,
    payments: stats.payments_requests,
    tokenRequests: { total: tokenTimes.length, maxIn10Min: maxInWindow(tokenTimes, 600_000), ...stats.token_requests },
  };
  process.stdout.write(`\nFAULT SOAK ${JSON.stringify(figures)}\n`);
  const context = JSON.stringify(figures);
  expect(ledger.problems, context).toEqual([]);
  expect(report.internalErrors, context).toEqual([]);
  expect(ledger.byState.succeeded, context).toBeGreaterThan(COUNTERS);
  expect(stats.token_requests.throttled, context).toBe(0);
  expect(figures.tokenRequests.maxIn10Min, context).toBeLessThanOrEqual(10);
});
