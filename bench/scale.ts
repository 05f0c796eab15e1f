// Scale: 50 and 100 payment sessions live at once on as many counters, for ~2 minutes each, against
// the simulator holding Zoho's 600 calls a minute (rateLimitPerMinute: 600), at the real 5 s poll
// interval. The core runs alone in its own process (testkit/backend-process.ts), so its CPU time
// (process.cpuUsage) and memory (RSS) are its own. Figures: Zoho's 429s, the longest gap between two
// polls of one session (from the simulator's request log), the time to start all the sessions, CPU
// and RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../simulator/index';
import { BackendChild } from '../testkit/backend-child';
import { prepareLiveDataDir, secretsFile } from '../testkit/host-process';
import { TEST_PIN } from '../testkit/manager-pin';
import { percentile, sessionPollGaps } from '../testkit/stats';
import { sleep } from '../testkit/time';
import { goal, verdicts, type BenchResult } from './lib';

const RUN_MS = Number(process.env.BENCH_SCALE_SECONDS ?? 120) * 1000;

interface ScaleRun {
  sessions: number;
  startAllMs: number;
  chargeCreateMaxMs: number;
  rateLimited: number;
  retrieves: number;
  retrievesPerMinute: number;
  longestGapMs: number;
  p99GapMs: number;
  /** After the first minute: once the burst of every counter charging at once has passed. */
  steadyLongestGapMs: number;
  cpuPercent: number;
  cpuMsPerPoll: number;
  rssMb: { start: number; end: number; max: number };
}

async function runScale(sessions: number): Promise<ScaleRun> {
  const sim = await startSimulator({ rateLimitPerMinute: 600, sessionValiditySeconds: 900 });
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-scale-'));
  let core: BackendChild | null = null;
  try {
    const { fixture } = sim;
    await prepareLiveDataDir(dataDir, fixture);
    core = await BackendChild.start({
      dataDir,
      secretsFile: secretsFile(dataDir),
      paymentsUrl: sim.url,
      accountsUrl: sim.url,
      // Sessions stay open for the whole run, so none reaches the late phase.
      tuning: { timing: { sessionValidityMs: 900_000 } },
    });
    const { managerToken } = await core.ok('manager-unlock', { pin: TEST_PIN });
    const invoices = [];
    for (let i = 0; i < sessions; i += 1) {
      const terminalId = await sim.addTerminal(`SCL${String(i + 1).padStart(3, '0')}`);
      const counter = await core.ok('counter-create', { managerToken, name: `Counter ${i + 1}`, terminalId, invoicePrefix: `S${i + 1}-` });
      invoices.push({ counter, invoice: await core.ok('invoice-create', { counterId: counter.id, lines: [{ description: 'Item', quantity: 1, unitPriceMinor: 10_000 + i }] }) });
    }
    const before = await core.usage();
    sim.clearRequests();
    // Every counter presses Charge at the same moment.
    const started = performance.now();
    const createTimes = await Promise.all(
      invoices.map(async ({ counter, invoice }) => {
        const t0 = performance.now();
        const attempt = await core?.ok('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' });
        if (attempt?.state !== 'in_progress') throw new Error(`a charge did not start: ${attempt?.state}`);
        return performance.now() - t0;
      }),
    );
    const startAllMs = performance.now() - started;
    const rss: number[] = [before.rssBytes];
    const runStarted = performance.now();
    const cpuStart = await core.usage();
    while (performance.now() - runStarted < RUN_MS) {
      await sleep(5_000);
      rss.push((await core.usage()).rssBytes);
    }
    const end = await core.usage();
    const runMs = performance.now() - runStarted;
    const stats = sim.stats();
    const log = sim.requests();
    const gaps = sessionPollGaps(log);
    const steadyGaps = sessionPollGaps(log, Date.now() - runMs + 60_000);
    gaps.sort((a, b) => a - b);
    const retrieves = log.filter((e) => e.method === 'GET' && e.session_id && e.time - (log[0]?.time ?? 0) >= 0).length;
    const cpuMs = end.cpuMs - cpuStart.cpuMs;
    return {
      sessions,
      startAllMs: Math.round(startAllMs),
      chargeCreateMaxMs: Math.round(Math.max(...createTimes)),
      rateLimited: stats.payments_requests.rate_limited,
      retrieves,
      retrievesPerMinute: Math.round((retrieves / runMs) * 60_000),
      longestGapMs: gaps.at(-1) ?? Number.NaN,
      p99GapMs: percentile(gaps, 99),
      steadyLongestGapMs: Math.max(...steadyGaps),
      cpuPercent: Number(((cpuMs / runMs) * 100).toFixed(2)),
      cpuMsPerPoll: Number((cpuMs / Math.max(1, retrieves)).toFixed(3)),
      rssMb: { start: mb(rss[0] ?? 0), end: mb(rss.at(-1) ?? 0), max: mb(Math.max(...rss)) },
    };
  } finally {
    await core?.stop().catch(() => core?.kill());
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

export async function scaleBench(): Promise<BenchResult> {
  const runs = [await runScale(50), await runScale(100)];
  const goals = runs.flatMap((run) => [
    goal(`${run.sessions} sessions: 429s`, '0', String(run.rateLimited), run.rateLimited === 0),
    goal(`${run.sessions} sessions: longest poll gap`, '≤ 10 s', `${(run.longestGapMs / 1000).toFixed(2)} s`, run.longestGapMs <= 10_000),
  ]);
  const line = runs
    .map(
      (run) =>
        `${run.sessions} sessions: ${run.rateLimited} × 429, ${run.retrievesPerMinute} polls/min, longest gap ${(run.longestGapMs / 1000).toFixed(2)} s (p99 ${(run.p99GapMs / 1000).toFixed(2)} s; after the first minute ${(run.steadyLongestGapMs / 1000).toFixed(2)} s), ` +
        `CPU ${run.cpuPercent} % (${run.cpuMsPerPoll} ms/poll), RSS ${run.rssMb.start}→${run.rssMb.end} MB (max ${run.rssMb.max}), all ${run.sessions} charges started in ${(run.startAllMs / 1000).toFixed(1)} s`,
    )
    .join(' | ');
  return { name: 'scale', line: `${line} — ${verdicts(goals)}`, goals, figures: { runSeconds: RUN_MS / 1000, runs } };
}
