// Fast variant (45 s) of the store's shared rate budget, for `npm test`; the soak runs 3 minutes.
import { expect, it } from 'vitest';
import { CALL_BUDGET_PER_MINUTE } from '../contract/rules';
import { sharedPostgres } from '../testkit/store';
import { budgetPlan } from '../core/charges/poller';
import { runStoreLoad } from './store-load';

it('3 PCs × 20 live sessions on one Zoho account: 0 × 429, every session checked at least every 10 s', async () => {
  const report = await runStoreLoad({ pcs: 3, sessionsPerPc: 20, runMs: 45_000, cluster: sharedPostgres() });
  process.stdout.write(`store load: ${JSON.stringify(report)}\n`);
  expect(report.rateLimited).toBe(0);
  expect(report.longestGapMs).toBeLessThanOrEqual(10_000);
  // The shares add up to the account's budget, never more.
  expect(report.shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(CALL_BUDGET_PER_MINUTE);
  // Demand exceeds the budget, so the budget's floor sets the gap: 20 sessions over each PC's checks a
  // minute (its share less the pacing burst; no create room is kept for counters other PCs hold).
  const floorMs = Math.max(...report.shares.map((share) => (20 * 60_000) / budgetPlan(share).checksPerMinute));
  expect(report.steadyGapP50Ms).toBeLessThanOrEqual(floorMs * 1.05);
}, 180_000);
