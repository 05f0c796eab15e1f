// Fast variant (45 s) of the store's shared rate budget, for `npm test`; the soak runs 3 minutes.
import { expect, it } from 'vitest';
import { CALL_BUDGET_PER_MINUTE } from '../contract/rules';
import { sharedPostgres } from '../testkit/store';
import { runStoreLoad } from './store-load';

it('3 PCs × 20 live sessions on one Zoho account: 0 × 429, every session checked at least every 10 s', async () => {
  const report = await runStoreLoad({ pcs: 3, sessionsPerPc: 20, runMs: 45_000, cluster: sharedPostgres() });
  process.stdout.write(`store load: ${JSON.stringify(report)}\n`);
  expect(report.rateLimited).toBe(0);
  expect(report.longestGapMs).toBeLessThanOrEqual(10_000);
  // The shares add up to the account's budget, never more.
  expect(report.shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(CALL_BUDGET_PER_MINUTE);
}, 180_000);
