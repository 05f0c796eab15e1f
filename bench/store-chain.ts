// A chain on one PostgreSQL (docs/BENCHMARKS.md, issue 25): 50 stores × 4 PCs, simulated in this
// process, each PC as the app runs it: its own SQLite file (WAL; without fsync here), its own pool on
// the store (db/store/pg.ts), the app's outbox shipper woken by every change and polling every
// 250 ms, and a heartbeat every 2 s. Over 30 days of history (BENCH_CHAIN_ATTEMPTS attempts), every
// PC rings up a paid card sale every few seconds (four local commits each) for BENCH_CHAIN_SECONDS.
// Meanwhile one store's manager reads its day log and totals, and a head office the day's takings of
// all 50 stores. Figures: sync lag (a sale's last local commit → committed in PostgreSQL), those
// reads' p50/p99, and the server's connections at their peak, against the pools' bound.
import { randomUUID } from 'node:crypto';
import { DAY_LOG_PAGE } from '../contract/answers';
import { localDate, localDayRange } from '../contract/calendar';
import { OutboxShipper } from '../core/store-link/shipper';
import { linkOutbox, type OutboxLink } from '../db/local/outbox';
import { chainDayTakings } from '../db/store/chain-totals';
import { storeAttemptsForDay, storeDayTotals } from '../db/store/day-attempts';
import { openStorePool } from '../db/store/pg';
import { beatStation } from '../db/store/stations';
import { createTempDatabase, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, type TempDatabase } from '../testkit/db';
import { PostgresCluster } from '../testkit/postgres-cluster';
import { connectStoreClient } from '../testkit/store-ledger';
import { sleep } from '../testkit/time';
import { fillStoreHistory } from './store';
import { goal, ms, spread, verdicts, type BenchResult } from './lib';

const STORES = 50;
const PCS_PER_STORE = 4;
const HISTORY_ATTEMPTS = Number(process.env.BENCH_CHAIN_ATTEMPTS ?? 500_000);
const BUSY_MS = Number(process.env.BENCH_CHAIN_SECONDS ?? 60) * 1000;
/** A PC rings up a sale every 2–8 s: 200 PCs make about 40 sales (160 local commits) a second. */
const SALE_EVERY_MS: [number, number] = [2_000, 8_000];
const HEARTBEAT_MS = 2_000;
const SHIP_POLL_MS = 250;
/** The app's pool on the store (db/store/pg.ts). */
const POOL_MAX = 4;
const quiet = { warn: () => undefined };

interface ChainPc {
  temp: TempDatabase;
  pool: ReturnType<typeof openStorePool>;
  shipper: OutboxShipper;
  link: OutboxLink;
  /** When each sale not yet in the store made its last local commit. */
  waiting: number[];
}

function startPc(url: string, storeId: string, stationId: string, lags: number[], errors: string[]): ChainPc {
  const temp = createTempDatabase();
  // 200 PCs share this one process and disk: each one's fsyncs (its own disk, on a real PC) would
  // block the others' event loop here, so the simulated PCs commit without them. The store's side,
  // what this measures, keeps a production server's durable commits.
  temp.db.pragma('synchronous = OFF');
  const link = linkOutbox(temp.db, { storeId, stationId, epoch: randomUUID(), joinedAt: Date.now() });
  const pool = openStorePool(url, quiet, { max: POOL_MAX });
  const waiting: number[] = [];
  const shipper = new OutboxShipper({
    pool: () => pool,
    now: () => Date.now(),
    stopped: () => false,
    // The batch loop stops only on an empty outbox: every sale committed before now is in the store.
    shipped: () => {
      const now = performance.now();
      for (const at of waiting.splice(0)) lags.push(now - at);
    },
    failed: (error) => errors.push(`${storeId}/${stationId}: ${error instanceof Error ? error.message : String(error)}`),
  });
  shipper.attach({ db: temp.db, outbox: link });
  shipper.poll(SHIP_POLL_MS);
  return { temp, pool, link, waiting, shipper };
}

/** Rings up paid sales on `pc` until `until`, each waking the shipper. */
async function ringUp(pc: ChainPc, until: number): Promise<number> {
  const counter = makeCounter(pc.temp.db);
  let sales = 0;
  await sleep(Math.random() * SALE_EVERY_MS[1]);
  while (Date.now() < until) {
    const invoice = makeInvoice(pc.temp.db, counter, { createdAt: Date.now() });
    succeedAttempt(pc.temp.db, markInProgress(pc.temp.db, startAttempt(pc.temp.db, invoice, { at: Date.now() })));
    pc.waiting.push(performance.now());
    pc.shipper.soon();
    sales += 1;
    await sleep(SALE_EVERY_MS[0] + Math.random() * (SALE_EVERY_MS[1] - SALE_EVERY_MS[0]));
  }
  return sales;
}

async function beat(pc: ChainPc, until: number, errors: string[]): Promise<void> {
  while (Date.now() < until) {
    await beatStation(pc.pool, { storeId: pc.link.storeId, stationId: pc.link.stationId, name: pc.link.stationId, liveSessions: 1 }).catch((error: unknown) =>
      errors.push(`heartbeat: ${error instanceof Error ? error.message : String(error)}`),
    );
    await sleep(HEARTBEAT_MS);
  }
}

/** Times `read` back to back (a pause between) until `until`. */
async function timeUntil(until: number, read: () => Promise<unknown>, pauseMs: number): Promise<number[]> {
  const times: number[] = [];
  while (Date.now() < until) {
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
    await sleep(pauseMs);
  }
  return times;
}

export async function storeChainBench(): Promise<BenchResult> {
  const pcCount = STORES * PCS_PER_STORE;
  const cluster = await PostgresCluster.start({ durable: true, maxConnections: pcCount * POOL_MAX + 20 });
  const pcs: ChainPc[] = [];
  try {
    const url = await cluster.createDatabase('chain_bench');
    const owner = await connectStoreClient(url);
    const storeIds = Array.from({ length: STORES }, (_, s) => `store-${s + 1}`);
    try {
      const filling = performance.now();
      await fillStoreHistory(owner, { stores: STORES, pcsPerStore: PCS_PER_STORE, attempts: HISTORY_ATTEMPTS, days: 30 });
      const fillSeconds = (performance.now() - filling) / 1000;
      const lags: number[] = [];
      const errors: string[] = [];
      for (const storeId of storeIds) for (let p = 0; p < PCS_PER_STORE; p += 1) pcs.push(startPc(url, storeId, `pc-${p}`, lags, errors));
      const readerOptions = { max: POOL_MAX, connectTimeoutMs: 30_000 };
      const managerPool = openStorePool(url, quiet, readerOptions);
      const headOfficePool = openStorePool(url, quiet, readerOptions);
      // Every PC has joined and connected (one heartbeat) before the day starts: 200 logins at once
      // (SCRAM's key stretching) are a start-up cost, not the day's.
      for (const pc of pcs) await beatStation(pc.pool, { storeId: pc.link.storeId, stationId: pc.link.stationId, name: pc.link.stationId, liveSessions: 0 });
      await Promise.all(pcs.map((pc) => pc.shipper.settled()));
      await Promise.all([managerPool, managerPool, headOfficePool].map((pool) => pool.query('SELECT pg_sleep(0.1)')));
      const date = localDate(Date.now());
      const paidBefore = (await chainDayTakings(owner, storeIds, date)).reduce((sum, store) => sum + store.paidCount, 0);
      const until = Date.now() + BUSY_MS;
      let peakConnections = 0;
      const counting = (async () => {
        while (Date.now() < until) {
          const row = await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'");
          peakConnections = Math.max(peakConnections, row.rows[0]?.n ?? 0);
          await sleep(500);
        }
      })();
      // Once the first sales have shipped, the readers start (both see a busy day in progress).
      const readersFrom = sleep(5_000);
      const [sales, , dayLog, totals, takings] = await Promise.all([
        Promise.all(pcs.map((pc) => ringUp(pc, until))),
        Promise.all(pcs.map((pc) => beat(pc, until, errors))),
        readersFrom.then(() => timeUntil(until, () => storeAttemptsForDay(managerPool, 'store-1', { date, ...localDayRange(date) }, DAY_LOG_PAGE + 1), 100)),
        readersFrom.then(() => timeUntil(until, () => storeDayTotals(managerPool, 'store-1', { date, ...localDayRange(date) }), 100)),
        readersFrom.then(() => timeUntil(until, () => chainDayTakings(headOfficePool, storeIds, date), 250)),
        counting,
      ]);
      await Promise.all(pcs.map((pc) => pc.shipper.settled()));
      await sleep(2 * SHIP_POLL_MS);
      const day = await chainDayTakings(owner, storeIds, date);
      await managerPool.end();
      await headOfficePool.end();
      const salesTotal = sales.reduce((a, b) => a + b, 0);
      const shippedPaid = day.reduce((sum, store) => sum + store.paidCount, 0) - paidBefore;
      const [lag, log, tot, office] = [spread(lags), spread(dayLog), spread(totals), spread(takings)];
      const connectionBound = (pcCount + 2) * POOL_MAX;
      const goals = [
        goal('sync lag', 'p99 ≤ 200 ms', ms(lag.p99), lag.p99 <= 200),
        goal('one store’s day log (200 rows) while the chain writes', 'p99 ≤ 20 ms', ms(log.p99, 2), log.p99 <= 20),
        goal('one store’s day totals', 'p99 ≤ 20 ms', ms(tot.p99, 2), tot.p99 <= 20),
        goal('head office: the day’s takings of 50 stores', 'p99 ≤ 100 ms', ms(office.p99, 2), office.p99 <= 100),
        goal('connections at the peak', `≤ ${connectionBound} (a pool of ${POOL_MAX} per PC)`, `${peakConnections} (${(peakConnections / pcCount).toFixed(2)} a PC)`, peakConnections <= connectionBound),
        goal('every sale in the store', `${salesTotal} sales, no error`, `${shippedPaid} paid in the store, ${errors.length === 0 ? 'no error' : `${errors.length} errors (${errors[0]})`}`, errors.length === 0 && shippedPaid === salesTotal),
      ];
      const line = `${STORES} stores × ${PCS_PER_STORE} PCs, ${salesTotal} sales in ${BUSY_MS / 1000} s over ${HISTORY_ATTEMPTS.toLocaleString('en')} attempts of history (filled in ${fillSeconds.toFixed(0)} s): sync lag p50 ${ms(lag.p50)} / p99 ${ms(lag.p99)} (${lag.n}); store day log p50 ${ms(log.p50, 2)} / p99 ${ms(log.p99, 2)}; totals p50 ${ms(tot.p50, 2)} / p99 ${ms(tot.p99, 2)}; head office p50 ${ms(office.p50, 2)} / p99 ${ms(office.p99, 2)}; peak connections ${peakConnections} — ${verdicts(goals)}`;
      return { name: 'store-chain', line, goals, figures: { stores: STORES, pcsPerStore: PCS_PER_STORE, sales: salesTotal, lag, dayLog: log, totals: tot, headOffice: office, peakConnections, fillSeconds, errors: errors.slice(0, 10) } };
    } finally {
      await owner.end();
    }
  } finally {
    for (const pc of pcs) {
      pc.shipper.stopPolling();
      await pc.shipper.detach();
      await pc.pool.end().catch(() => undefined);
      pc.temp.cleanup();
    }
    await cluster.destroy();
  }
}
