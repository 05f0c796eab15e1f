// Store mode (docs/BENCHMARKS.md):
// - store-sync: real PCs (browser host processes) charging on one store and one simulator at the
//   real 5 s poll interval. Sync lag = a change's local commit (its time in the PC's ledger) →
//   visible in PostgreSQL (read right after the store's news of it), p50/p99, with one PC and with
//   three. Then PostgreSQL is stopped for 10 minutes (BENCH_STORE_OUTAGE_SECONDS) while the three
//   PCs stay busy, and catch-up is the time from its return until every PC's outbox is empty.
// - store-log: a store database holding 1,000,000 attempts over 10 stores and 30 days; the
//   store-wide day log (its first page) and totals of one store, p50/p99.
import { localDate, sleep } from '../testkit/time';
import { localDayRange } from '../contract/calendar';
import type pg from 'pg';
import { runStoreDay } from '../reliability/store-day';
import { storeAttemptsForDay, storeDayTotals } from '../db/store/day-attempts';
import { migrateStore } from '../db/store/migrate';
import { DAY_LOG_PAGE } from '../contract/answers';
import { PostgresCluster } from '../testkit/postgres-cluster';
import { connectStoreClient } from '../testkit/store-ledger';
import { StoreStations } from '../testkit/store-stations';
import { goal, ms, spread, timeRuns, verdicts, type BenchResult } from './lib';

const LAG_RUN_MS = Number(process.env.BENCH_STORE_LAG_SECONDS ?? 60) * 1000;
const OUTAGE_MS = Number(process.env.BENCH_STORE_OUTAGE_SECONDS ?? 600) * 1000;

/** Listens for the store's news and reads what changed: each change's lag from its local commit. */
async function watchLag(url: string): Promise<{ lags: number[]; stop: () => Promise<void> }> {
  const lags: number[] = [];
  const listener = await connectStoreClient(url);
  const reader = await connectStoreClient(url);
  let since = Date.now();
  let reading: Promise<void> = Promise.resolve();
  const read = async () => {
    const seenAt = Date.now();
    const from = since;
    since = seenAt;
    const rows = await reader.query<{ at: number }>(
      `SELECT greatest(updated_at, coalesce(last_polled_at, 0)) AS at FROM charge_attempts WHERE greatest(updated_at, coalesce(last_polled_at, 0)) >= $1
       UNION ALL SELECT at FROM attempt_events WHERE at >= $1`,
      [from - 5_000],
    );
    for (const row of rows.rows) if (row.at >= from) lags.push(seenAt - row.at);
  };
  listener.on('notification', () => {
    reading = reading.then(read, read);
  });
  await listener.query('LISTEN counter_store_ledger');
  return {
    lags,
    stop: async () => {
      await reading;
      await listener.end();
      await reader.end();
    },
  };
}

async function busyLag(stations: StoreStations, pcs: number): Promise<number[]> {
  const watch = await watchLag(stations.url);
  await runStoreDay(stations, { tills: Array.from({ length: pcs }, (_, pc) => ({ pc, counter: pc })), until: Date.now() + LAG_RUN_MS, payDelayMs: [1_000, 8_000] });
  await sleep(2_000);
  await watch.stop();
  return watch.lags;
}

export async function storeSyncBench(): Promise<BenchResult> {
  const stations = await StoreStations.start({ stations: 3, counters: 3 });
  try {
    const one = await busyLag(stations, 1);
    const three = await busyLag(stations, 3);

    // Ten minutes without the store, three busy PCs; then catch-up.
    const day = runStoreDay(stations, { tills: [0, 1, 2].map((pc) => ({ pc, counter: pc })), until: Date.now() + OUTAGE_MS, payDelayMs: [1_000, 8_000] });
    await sleep(2_000);
    await stations.cluster.pause();
    await sleep(OUTAGE_MS);
    const backlog = stations.outboxes();
    const waiting = backlog.reduce((sum, outbox) => sum + outbox.waiting, 0);
    await stations.cluster.resume();
    const back = Date.now();
    // Caught up: the store holds everything each PC had queued when it came back (they stay busy).
    let caughtUp = Number.NaN;
    while (Date.now() - back < 300_000) {
      const cursors = await stations.cursors().catch(() => null);
      if (cursors?.every((c, i) => c.shipped >= (backlog[i]?.queued ?? 0))) {
        caughtUp = Date.now() - back;
        break;
      }
      await sleep(100);
    }
    const report = await day;
    const outage = OUTAGE_MS >= 60_000 ? `${OUTAGE_MS / 60_000}-minute` : `${OUTAGE_MS / 1000}-second`;
    const lag1 = spread(one, 0);
    const lag3 = spread(three, 0);
    const goals = [
      goal('sync lag p99, 1 PC', '< 2 s', ms(lag1.p99, 0), lag1.p99 < 2_000),
      goal('sync lag p99, 3 PCs', '< 2 s', ms(lag3.p99, 0), lag3.p99 < 2_000),
      goal(`catch-up after ${outage}`, '< 60 s', ms(caughtUp, 0), caughtUp < 60_000),
    ];
    const line =
      `sync lag (local commit → in PostgreSQL): 1 PC p50 ${lag1.p50} ms / p99 ${lag1.p99} ms (${lag1.n} changes); 3 PCs p50 ${lag3.p50} ms / p99 ${lag3.p99} ms (${lag3.n}); ` +
      `${outage} outage with 3 busy PCs: ${report.sales} sales, ${waiting} changes waiting, caught up in ${(caughtUp / 1000).toFixed(1)} s (the first retry after the return included) — ${verdicts(goals)}`;
    return { name: 'store-sync', line, goals, figures: { lagOnePc: lag1, lagThreePcs: lag3, outageMs: OUTAGE_MS, sales: report.sales, waiting, caughtUpMs: caughtUp } };
  } finally {
    await stations.close();
  }
}

const STORES = 10;
const TOTAL = 1_000_000;
const DAYS = 30;
const DAY_MS = 86_400_000;

export interface StoreHistory {
  stores: number;
  pcsPerStore: number;
  attempts: number;
  days: number;
}

/** `attempts` attempts (and their invoices) over `stores` stores of `pcsPerStore` PCs each, `days` days up to now. */
export async function fillStoreHistory(client: pg.Client, { stores, pcsPerStore, attempts, days }: StoreHistory): Promise<void> {
  const now = Date.now();
  await migrateStore(client);
  await client.query(`INSERT INTO stores (id, name, created_at) SELECT 'store-' || s, 'Store ' || s, 0 FROM generate_series(1, ${stores}) AS s`);
  await client.query(`INSERT INTO stations (store_id, id, name, joined_at, last_seen) SELECT 'store-' || s, 'pc-' || p, 'PC ' || p, 0, 0 FROM generate_series(1, ${stores}) AS s, generate_series(0, ${pcsPerStore - 1}) AS p`);
  await client.query(`
    INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at)
    SELECT 'store-' || (n % ${stores} + 1), 'pc-' || (n % ${pcsPerStore}), 'inv-' || n, 'A-' || lpad(n::text, 7, '0'), 'counter-' || (n % 6), '[]', 100 + n % 90000, 'INR', 'paid',
           ${now} - (n::bigint / ${stores} % ${days}) * ${DAY_MS} - (n::bigint * 7919 % ${DAY_MS})
    FROM generate_series(1, ${attempts}) AS n`);
  await client.query(`
    INSERT INTO charge_attempts (store_id, station_id, id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, payments_session_id, state,
                                 declined_tries, created_at, updated_at, final_at, poll_count, payment_id)
    SELECT 'store-' || (n % ${stores} + 1), 'pc-' || (n % ${pcsPerStore}), 'att-' || n, 'inv-' || n, 'counter-' || (n % 6), 'T' || (n % 6), 100 + n % 90000, 'INR',
           CASE WHEN n % 4 = 0 THEN 'upi' ELSE 'card' END, 'S' || n,
           (ARRAY['succeeded', 'succeeded', 'succeeded', 'failed', 'unresolved'])[n % 5 + 1], '[]',
           ${now} - (n::bigint / ${stores} % ${days}) * ${DAY_MS} - (n::bigint * 7919 % ${DAY_MS}), ${now}, ${now}, 3, 'P' || n
    FROM generate_series(1, ${attempts}) AS n`);
  await client.query('VACUUM ANALYZE');
}

export async function storeLogBench(): Promise<BenchResult> {
  const cluster = await PostgresCluster.start();
  try {
    const url = await cluster.createDatabase('store_bench');
    const client = await connectStoreClient(url);
    try {
      const started = performance.now();
      await fillStoreHistory(client, { stores: STORES, pcsPerStore: 3, attempts: TOTAL, days: DAYS });
      const fillSeconds = (performance.now() - started) / 1000;
      const date = localDate(Date.now() - DAY_MS);
      const storeOf = (i: number) => `store-${(Math.abs(i) % STORES) + 1}`;
      const page = await timeRuns(200, (i) => storeAttemptsForDay(client, storeOf(i), { date, ...localDayRange(date) }, DAY_LOG_PAGE + 1));
      const onePc = await timeRuns(200, (i) => storeAttemptsForDay(client, storeOf(i), { date, stationId: 'pc-1', ...localDayRange(date) }, DAY_LOG_PAGE + 1));
      const totals = await timeRuns(200, (i) => storeDayTotals(client, storeOf(i), { date, ...localDayRange(date) }));
      const dayRows = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM charge_attempts WHERE store_id = 'store-1'")).rows[0]?.n ?? 0;
      const [p, pc, t] = [spread(page), spread(onePc), spread(totals)];
      const goals = [
        goal('store day log (200 rows)', 'p99 < 20 ms', ms(p.p99, 2), p.p99 < 20),
        goal('store day log, one PC', 'p99 < 20 ms', ms(pc.p99, 2), pc.p99 < 20),
        goal('store day totals', 'p99 < 20 ms', ms(t.p99, 2), t.p99 < 20),
      ];
      const line = `${TOTAL.toLocaleString('en')} attempts over ${STORES} stores × ${DAYS} days (~${Math.round(dayRows / DAYS)} a store-day; filled in ${fillSeconds.toFixed(0)} s): day log p50 ${ms(p.p50, 2)} / p99 ${ms(p.p99, 2)}; one PC p50 ${ms(pc.p50, 2)} / p99 ${ms(pc.p99, 2)}; totals p50 ${ms(t.p50, 2)} / p99 ${ms(t.p99, 2)} — ${verdicts(goals)}`;
      return { name: 'store-log', line, goals, figures: { attempts: TOTAL, stores: STORES, days: DAYS, page: p, onePc: pc, totals: t, fillSeconds } };
    } finally {
      await client.end();
    }
  } finally {
    await cluster.destroy();
  }
}
