// Crash soak (`npm run test:soak`): 100 charges on 4 counters through the browser host, a real
// process in live mode against the simulator, killed with SIGKILL once per cycle at a point of one
// payment (before Zoho sees the create, while Zoho answers it, while the host writes the created
// session, mid-poll, while it writes a final answer), the points taken in turn in random order, the
// other counters wherever they are. Customers act on the terminals while it is down; it is started
// again on the same data each time. After every cycle and at the end: every session Zoho created is
// in its right final state in the database (or unknown where its answer was lost), no invoice is
// charged twice, PRAGMA integrity_check is ok. Figures go to stdout, for docs/RELIABILITY.md.
import { expect, it } from 'vitest';
import { KILL_POINTS, runCrashCycles } from './crash-cycles';

const CHARGES = Number(process.env.SOAK_CRASH_CHARGES ?? 100);

it(`kill -9 of the browser host at every point of ${CHARGES} charges: every payment recovers, nothing is charged twice`, async () => {
  const started = Date.now();
  const report = await runCrashCycles({
    charges: CHARGES,
    counters: 4,
    onCycle: (line) => process.stdout.write(`  ${line}\n`),
  });
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const median = (values: number[]) => Math.round(sorted(values)[Math.floor(values.length / 2)] ?? Number.NaN);
  const figures = {
    minutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
    charges: report.charges,
    cycles: report.cycles,
    kills: report.kills,
    phasesAtKill: report.phases,
    states: report.ledger.byState,
    zohoSessions: report.ledger.sessions,
    sessionsWhoseAnswerWasLost: report.ledger.sessionsWithoutId,
    integrity: report.ledger.integrity,
    hostReadyMs: { median: median(report.readyMs), max: Math.round(Math.max(...report.readyMs)) },
    recoveryMs: { median: median(report.recoveryMs), max: Math.round(Math.max(...report.recoveryMs)) },
    problems: report.problems.length,
  };
  process.stdout.write(`\nCRASH SOAK ${JSON.stringify(figures)}\n`);
  const context = `${JSON.stringify(figures)}\n${report.problems.slice(0, 20).join('\n')}`;
  expect(report.problems, context).toEqual([]);
  expect(report.charges, context).toBeGreaterThanOrEqual(CHARGES);
  expect(report.ledger.integrity).toBe('ok');
  // Every aimed point was hit at least once.
  for (const point of KILL_POINTS) expect(report.kills[point] ?? 0, `${point}: ${context}`).toBeGreaterThan(0);
});
