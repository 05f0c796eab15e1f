// Fast variant of the crash soak (crash.soak.test.ts), for `npm test`: the browser host, a real
// process in live mode, is killed with SIGKILL three times across ~12 charges on 4 counters (in the
// create call, while writing the created session, and while writing a final answer) and started again
// on the same data. Every session Zoho created must end in its right state in the database, no
// invoice may be charged twice, and the database must pass PRAGMA integrity_check.
import { expect, it } from 'vitest';
import { runCrashCycles } from './crash-cycles';

it('kill -9 of the browser host mid-payment, three times (~10 charges): every payment recovers, nothing is charged twice', async () => {
  const report = await runCrashCycles({ charges: 12, counters: 4, maxCycles: 3, points: ['in-create', 'after-create', 'final-write'] });
  const context = JSON.stringify({ ...report, ledger: { ...report.ledger, problems: report.ledger.problems.slice(0, 5) } });
  process.stdout.write(`crash (fast): ${report.charges} charges, kills ${JSON.stringify(report.kills)}, phases ${JSON.stringify(report.phases)}, states ${JSON.stringify(report.ledger.byState)}\n`);
  expect(report.problems, context).toEqual([]);
  expect(report.cycles, context).toBe(3);
  expect(report.ledger.integrity).toBe('ok');
  // The kills landed where they were aimed (not on the fallback timer).
  expect(report.kills.fallback ?? 0, context).toBe(0);
  expect(report.ledger.sessions, context).toBeGreaterThan(0);
}, 60_000);
