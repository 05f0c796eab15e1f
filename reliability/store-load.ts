// One Zoho account's rate budget shared by a store's PCs: each of three PCs (real browser host
// processes) runs 20 live payment sessions at once on its own 20 counters, for a while, against the
// simulator holding Zoho's 600 calls a minute per account. Every PC's share follows the heartbeats,
// so the store as a whole must draw no 429 and check every session at least every 10 s.
import type { PostgresServer } from '../testkit/postgres-cluster';
import { percentile, sessionPollGaps } from '../testkit/stats';
import { StoreStations } from '../testkit/store-stations';
import { sleep } from '../testkit/time';

const STAGGER_MS = 10_000;

export interface StoreLoadReport {
  pcs: number;
  sessionsPerPc: number;
  runMs: number;
  rateLimited: number;
  retrievesPerMinute: number;
  longestGapMs: number;
  /** Once every session has started. */
  steadyLongestGapMs: number;
  steadyGapP50Ms: number;
  /** Checks a minute the store made once every session had started: what it spent of its budget. */
  steadyRetrievesPerMinute: number;
  /** Each PC's calls a minute at the end, as its store status says. */
  shares: number[];
}

/** `cluster`: a running one to make the store's database in (default: a cluster of its own). */
export async function runStoreLoad(options: { pcs: number; sessionsPerPc: number; runMs: number; cluster?: PostgresServer }): Promise<StoreLoadReport> {
  const { pcs, sessionsPerPc, runMs, cluster } = options;
  const stations = await StoreStations.start({
    cluster,
    stations: pcs,
    counters: pcs * sessionsPerPc,
    // Sessions stay open for the whole run (no late phase); Zoho's limit is enforced.
    simulator: { rateLimitPerMinute: 600, sessionValiditySeconds: 900 },
  });
  try {
    stations.sim.clearRequests();
    const started = Date.now();
    // The tills of every PC press Charge within the first 10 seconds (as a busy store's do).
    await Promise.all(
      Array.from({ length: pcs }, (_, pc) =>
        Promise.all(
          Array.from({ length: sessionsPerPc }, async (_, i) => {
            await sleep(Math.random() * STAGGER_MS);
            const attempt = await stations.charge(pc, pc * sessionsPerPc + i, 10_000 + i);
            if (attempt.state !== 'in_progress') throw new Error(`PC ${pc + 1}: a charge did not start (${attempt.state})`);
          }),
        ),
      ),
    );
    await sleep(runMs - (Date.now() - started));
    const log = stations.sim.requests().filter((entry) => entry.time >= started);
    const gaps = sessionPollGaps(log);
    const retrieves = log.filter((entry) => entry.method === 'GET' && entry.session_id).length;
    const steadyFrom = started + STAGGER_MS;
    const steadyGaps = sessionPollGaps(log, steadyFrom);
    const steadyRetrieves = log.filter((entry) => entry.method === 'GET' && entry.session_id && entry.time >= steadyFrom).length;
    const shares = await Promise.all(stations.stations.map(async (s) => (await s.host.ok('store-status', {})).callsPerMinute));
    return {
      pcs,
      sessionsPerPc,
      runMs,
      rateLimited: stations.sim.stats().payments_requests.rate_limited,
      retrievesPerMinute: Math.round((retrieves / (Date.now() - started)) * 60_000),
      longestGapMs: Math.max(...gaps),
      steadyLongestGapMs: Math.max(...steadyGaps),
      steadyGapP50Ms: percentile(steadyGaps, 50),
      steadyRetrievesPerMinute: Math.round((steadyRetrieves / (Date.now() - steadyFrom)) * 60_000),
      shares,
    };
  } finally {
    await stations.close();
  }
}
