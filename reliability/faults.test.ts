// Fast variant of the fault soak (faults.soak.test.ts), for `npm test`: 5 counters charging at once
// for ~9 s while the simulator adds latency, 30 % 500s and 10 % dropped connections on every Zoho
// call (token requests included). No state may be wrong, everything resolves once the faults clear,
// and token requests stay within Zoho's limit.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Rig } from '../testkit/rig';
import { maxInWindow } from '../testkit/stats';
import { runBusyCounters, waitUntilSettled } from './busy-counters';
import { auditLedger, describeLedger, type SimSession } from './ledger';
import { tokenRequestTimes } from './token-budget';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

it('5 counters through latency, 500s and dropped connections: no wrong state, all resolves, tokens within limit', async () => {
  rig = await Rig.start({ counters: 5 });
  await rig.control.faults({ scope: 'all', latency_ms: 150, error_rate: 0.3, drop_rate: 0.1 });
  const report = await runBusyCounters(rig, {
    counters: 5,
    chargeUntil: Date.now() + 9_000,
    payDelayMs: [100, 1_500],
    outcomeTimeoutMs: 5_000,
    walkAwayRate: 0,
  });
  await rig.control.clearFaults();
  await waitUntilSettled(rig, 8_000);

  const sessions = (await rig.control.sessions()) as SimSession[];
  const ledger = auditLedger(join(rig.dataDir, 'counter.db'), sessions, { settled: true, createsAlwaysAnswered: true });
  const stats = rig.sim.stats();
  const context = `${describeLedger(ledger)}; charges ${JSON.stringify(report.outcomes)}; faults ${JSON.stringify(stats.faults)}`;
  process.stdout.write(`faults (fast): ${context}\n`);
  expect(ledger.problems, context).toEqual([]);
  expect(report.internalErrors, context).toEqual([]);
  // The faults really happened, and payments really went through them.
  expect(stats.faults.errored + stats.faults.dropped, context).toBeGreaterThan(10);
  expect(ledger.byState.succeeded, context).toBeGreaterThan(0);
  expect(report.charges, context).toBeGreaterThanOrEqual(10);
  expect(stats.token_requests.throttled).toBe(0);
  expect(maxInWindow(tokenRequestTimes(rig.sim.requests()), 600_000)).toBeLessThanOrEqual(10);
}, 30_000);
