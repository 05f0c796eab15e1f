// Database at scale: 1,000,000 charge attempts over 30 days on 6 counters (each with its invoice and
// two audit events), in a real SQLite file opened as the app opens it (WAL, synchronous=FULL). Then:
// the day's log query (its first page, as the log screen asks for it) and its totals (as the log-day
// handler runs them), the whole log-day call, a CSV export of one counter's day (5,000 rows, the
// log-export-csv handler path, and streamed to a file: bench/day-csv.ts, with a day of 100,000), and one attempt write (insertCreatingAttempt, a committed
// transaction) with the WAL checkpointed at idle moments as the app does (db/local/checkpoints.ts).
// The write is bounded by one fsync of the WAL (synchronous=FULL): each write is followed by a bare
// fsync of a small file in the same folder, so both are measured on the same disk under the same load.
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AttemptState } from '../contract/vocabulary';
import { DAY_LOG_PAGE } from '../contract/answers';
import { startBackend } from '../core/backend';
import { localDayRange } from '../contract/calendar';
import { silentLogger } from '../core/logger';
import { MemorySecretStore } from '../core/secrets/secret-store';
import { localDate, sleep } from '../testkit/time';
import { insertCreatingAttempt, transitionAttempt } from '../db/local/attempts';
import { startIdleCheckpoints } from '../db/local/checkpoints';
import { createCounter } from '../db/local/counters';
import { closeDatabase, openDatabase } from '../db/local/database';
import { createInvoice } from '../db/local/invoices';
import { dayTotals, listAttemptsForDay } from '../db/local/ledger';
import { bigDayCsv, streamedDayCsv } from './day-csv';
import { goal, ms, ratio, spread, timeRuns, verdicts, type BenchResult } from './lib';
import { startSimulator } from '../simulator/index';

/** 1,000,000 attempts, as whole days: 30 × 33,334 = 1,000,020. */
const TOTAL_ATTEMPTS = 1_000_000;
const DAYS = 30;
const COUNTERS = 6;
/** Counter 0 takes exactly this many attempts a day: its day is the CSV export. */
const EXPORT_ROWS = 5_000;
const DAY_MS = 86_400_000;
const WRITES = 1000;
/** Between two writes: 25 a second, busier than a shop with 50 counters, so several come between two idle checkpoints. */
const WRITE_GAP_MS = 40;
/** Then writes at a shop's pace: each after a quiet moment, once an idle checkpoint has folded the WAL in. */
const QUIET_WRITES = 80;
const QUIET_GAP_MS = 1_100;
/** Every fourth write is also timed in two parts: its statements (reads, insert, triggers, audit event) and its commit (the WAL write and fsync). */
const SPLIT_EVERY = 4;

export async function databaseBench(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-db-'));
  const file = join(dataDir, 'counter.db');
  try {
    // BENCH_DATABASE_FROM: a file this benchmark generated before (copied, not generated again: a second run on a loaded machine).
    const reused = process.env.BENCH_DATABASE_FROM;
    const generation = reused ? copyGenerated(reused, file) : generate(file);
    const db = openDatabase(file);
    // The generated file's last day is the day read: today, unless the file was made on another day.
    const newest = db.prepare<[], { at: number | null }>('SELECT max(created_at) AS at FROM charge_attempts').get()?.at;
    const today = localDate(reused && newest ? newest : Date.now());
    const { fromMs, toMs } = localDayRange(today);

    const counters = db.prepare<[], { id: string }>('SELECT id FROM counters ORDER BY created_at, rowid').all();
    const exportCounter = counters[0]?.id ?? '';
    const writeCounter = counters[COUNTERS - 1]?.id ?? '';

    const dayQuery = await timeRuns(200, () => listAttemptsForDay(db, { fromMs, toMs, limit: DAY_LOG_PAGE + 1 }));
    const fiveMorePages = await timeRuns(50, () => listAttemptsForDay(db, { fromMs, toMs, limit: 5 * DAY_LOG_PAGE + 1 }));
    const totals = await timeRuns(200, () => dayTotals(db, { fromMs, toMs }));
    const dayRows = listAttemptsForDay(db, { fromMs, toMs, limit: DAY_LOG_PAGE + 1 }).length;

    // The handler path, through the backend's call (input parsing and the call queue included).
    const backend = await startBackend({
      dataDir,
      startDemoZoho: startSimulator,
      secretStore: new MemorySecretStore(
        JSON.stringify({ edition: 'in', accountId: '1', clientId: 'c', clientSecret: 's', refreshToken: 'r', accessToken: null, accessTokenExpiresAt: null, reconnectReason: null, accountsServer: null }),
      ),
      env: { ZOHO_PAYMENTS_URL: 'http://127.0.0.1:9', ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:9' },
      tuning: { log: silentLogger, consentPort: 0 },
    });
    let csvRows = 0;
    let csvBytes = 0;
    let logDay: number[] = [];
    let csv: number[] = [];
    try {
      logDay = await timeRuns(100, async () => {
        const result = await backend.call('log-day', { date: today });
        if (!result.ok) throw new Error(result.error.message);
      });
      csv = await timeRuns(30, async () => {
        const result = await backend.call('log-export-csv', { date: today, counterId: exportCounter });
        if (!result.ok) throw new Error(result.error.message);
        csvRows = result.value.rowCount;
        csvBytes = result.value.csv.length;
      });
    } finally {
      await backend.close();
    }
    // The CSV as the app saves it: streamed to a file, against the same bytes written with no query; and a day of 100,000.
    const streamedCsv = await streamedDayCsv(db, today, exportCounter, dataDir);
    const bigDay = await bigDayCsv(dataDir);

    // One attempt write: the committed transaction that records a charge before Zoho is called.
    // Writes come WRITE_GAP_MS apart (50 counters charging at once would be ~10 a second), so
    // the idle checkpoints run between them, as in the app; each checkpoint is timed on its own.
    const invoices = Array.from({ length: WRITES + 10 + QUIET_WRITES }, (_, i) =>
      createInvoice(db, { counterId: writeCounter, number: `W-${i}`, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 100 + i }], totalMinor: 100 + i, currency: 'INR', createdAt: Date.now() }),
    );
    // Steady state: everything written so far (generation, log calls, the invoices to charge) is folded in first (not timed).
    db.pragma('wal_checkpoint(TRUNCATE)');
    const checkpointTimes: number[] = [];
    const checkpoints = startIdleCheckpoints(db, {
      observe: (took) => checkpointTimes.push(took),
      onError: (error) => {
        throw error;
      },
    });
    const writes: number[] = [];
    const statements: number[] = [];
    const commits: number[] = [];
    const fsyncs: number[] = [];
    const bare = openSync(join(dataDir, 'fsync-probe'), 'w');
    const block = Buffer.alloc(512, 1);
    for (let i = 0; i < WRITES + 10; i += 1) {
      const invoice = invoices[i];
      if (!invoice) break;
      const write = () => insertCreatingAttempt(db, { invoiceId: invoice.id, counterId: writeCounter, method: 'card', at: Date.now(), actor: 'cashier' });
      const started = performance.now();
      let attemptId: string;
      if (i % SPLIT_EVERY === SPLIT_EVERY - 1) {
        // The same write inside an outer transaction (it becomes a savepoint), so the commit is timed apart.
        db.exec('BEGIN IMMEDIATE');
        attemptId = write().attempt.id;
        const written = performance.now();
        db.exec('COMMIT');
        if (i >= 10) {
          statements.push(written - started);
          commits.push(performance.now() - written);
        }
      } else {
        attemptId = write().attempt.id;
        if (i >= 10) writes.push(performance.now() - started); // the first few warm the statement cache
      }
      // Not measured: frees the terminal for the next write.
      transitionAttempt(db, { attemptId, from: ['creating'], to: 'rejected', at: Date.now(), actor: 'zoho', reason: 'bench' });
      await sleep(WRITE_GAP_MS / 2);
      // The floor: one small write and its fsync on the same disk, as SQLite's commit does to the WAL.
      const fsyncStarted = performance.now();
      writeSync(bare, block, 0, block.length, 0);
      fsyncSync(bare);
      if (i >= 10) fsyncs.push(performance.now() - fsyncStarted);
      await sleep(WRITE_GAP_MS / 2);
    }
    const quietWrites: number[] = [];
    const quietFsyncs: number[] = [];
    const fsyncsAfterWrites: number[] = [];
    // Side by side after quiet moments, in turn: the write; the same write timed in two parts (its
    // statements, then its commit); the smallest commit SQLite can make (one page: the schema
    // version, unchanged), which has none of the write's statements, triggers or pages; and the bare
    // fsync, after the same quiet moment. A disk idle for a second answers its first fsync several
    // times slower than one right after a write (quiet 4.2 ms against 1.6 ms in a probe at load 6), so
    // the floor of a write after a quiet moment is an fsync after a quiet moment. The fsync right after
    // each write, the figure this compared with before, is kept beside it.
    const quietStatements: number[] = [];
    const quietCommits: number[] = [];
    const quietPageCommits: number[] = [];
    const version = db.pragma('user_version', { simple: true }) as number;
    const bareFsync = () => {
      const started = performance.now();
      writeSync(bare, block, 0, block.length, 0);
      fsyncSync(bare);
      return performance.now() - started;
    };
    for (const [q, invoice] of invoices.slice(WRITES + 10).entries()) {
      await sleep(QUIET_GAP_MS);
      if (q % 4 === 3) {
        quietFsyncs.push(bareFsync());
        continue;
      }
      const write = () => insertCreatingAttempt(db, { invoiceId: invoice.id, counterId: writeCounter, method: 'card', at: Date.now(), actor: 'cashier' });
      const started = performance.now();
      let attemptId: string;
      if (q % 4 === 0) {
        attemptId = write().attempt.id;
        quietWrites.push(performance.now() - started);
      } else if (q % 4 === 1) {
        db.exec('BEGIN IMMEDIATE');
        attemptId = write().attempt.id;
        const written = performance.now();
        db.exec('COMMIT');
        quietStatements.push(written - started);
        quietCommits.push(performance.now() - written);
      } else {
        db.pragma(`user_version = ${version}`);
        quietPageCommits.push(performance.now() - started);
        attemptId = write().attempt.id;
      }
      transitionAttempt(db, { attemptId, from: ['creating'], to: 'rejected', at: Date.now(), actor: 'zoho', reason: 'bench' });
      fsyncsAfterWrites.push(bareFsync());
    }
    closeSync(bare);
    checkpoints.stop();
    closeDatabase(db);

    const q = spread(dayQuery);
    const t = spread(totals);
    const c = spread(csv);
    const w = spread(writes, 3);
    const f = spread(fsyncs, 3);
    const st = spread(statements, 3);
    const co = spread(commits, 3);
    const writeRatio = { p50: ratio(w.p50, f.p50), p99: ratio(w.p99, f.p99) };
    const qw = spread(quietWrites, 3);
    const qf = spread(quietFsyncs, 3);
    const hf = spread(fsyncsAfterWrites, 3);
    const quietRatio = { p50: ratio(qw.p50, qf.p50), max: ratio(qw.max, qf.max) };
    const qs = spread(quietStatements, 3);
    const qc = spread(quietCommits, 3);
    const qp = spread(quietPageCommits, 3);
    const cp = spread(checkpointTimes.length > 0 ? checkpointTimes : [Number.NaN]);
    const more = spread(fiveMorePages);
    const l = spread(logDay);
    const goals = [
      goal(`day log query (${DAY_LOG_PAGE} rows) p99`, '< 10 ms', ms(q.p99, 2), q.p99 < 10),
      goal('day totals p99', '< 10 ms', ms(t.p99, 2), t.p99 < 10),
      goal(`CSV of ${streamedCsv.rows} rows streamed to a file p99`, '≤ 100 ms', `${ms(streamedCsv.fileMs.p99)} (${ratio(streamedCsv.fileMs.p99, streamedCsv.floorMs.p99)}× the bytes alone)`, streamedCsv.fileMs.p99 <= 100),
      goal(
        `CSV of ${bigDay.rows.toLocaleString('en')} rows (${bigDay.fileMb} MB) streamed: heap held`,
        '≤ a third of the file (about a page, whatever the day)',
        `${bigDay.streamed.heapMb} MB (as one string: ${bigDay.whole.heapMb} MB)`,
        bigDay.streamed.heapMb <= bigDay.fileMb / 3,
      ),
      goal('attempt write p99 ÷ fsync p99', '≤ 3', `${writeRatio.p99}×`, writeRatio.p99 <= 3),
      goal('after a quiet moment: attempt write p50 ÷ a bare fsync p50 after the same quiet moment', '≤ 3', `${quietRatio.p50}×`, quietRatio.p50 <= 3),
    ];
    const figures = {
      attempts: generation.attempts,
      days: DAYS,
      counters: COUNTERS,
      fileMb: Math.round(statSync(file).size / 2 ** 20),
      generateSeconds: Number((generation.ms / 1000).toFixed(1)),
      attemptsToday: generation.perDay,
      dayQueryRows: dayRows,
      dayQueryMs: q,
      dayQueryFivePagesMs: more,
      dayTotalsMs: t,
      logDayCallMs: l,
      csvExport: { rows: csvRows, kb: Math.round(csvBytes / 1024), ms: c },
      csvStreamed: streamedCsv,
      csvBigDay: bigDay,
      attemptWriteMs: w,
      bareFsyncMs: f,
      attemptWriteStatementsMs: st,
      attemptWriteCommitMs: co,
      attemptWriteToFsync: writeRatio,
      quietAttemptWriteMs: qw,
      quietBareFsyncMs: qf,
      bareFsyncRightAfterWriteMs: hf,
      quietAttemptWriteToFsync: quietRatio,
      quietStatementsMs: qs,
      quietCommitMs: qc,
      quietOnePageCommitMs: qp,
      idleCheckpointMs: cp,
    };
    const line =
      `${generation.attempts.toLocaleString('en')} attempts (${figures.fileMb} MB, generated in ${figures.generateSeconds} s), ${generation.perDay} a day: ` +
      `day query ${q.p50}/${q.p99} ms (${5 * DAY_LOG_PAGE} rows: ${more.p50}/${more.p99} ms), totals ${t.p50}/${t.p99} ms, log-day call ${l.p50}/${l.p99} ms, CSV ${csvRows} rows as one string (the call) ${c.p50}/${c.p99} ms, ` +
      `streamed to a file ${streamedCsv.fileMs.p50}/${streamedCsv.fileMs.p99} ms (the bytes alone ${streamedCsv.floorMs.p50}/${streamedCsv.floorMs.p99} ms); ` +
      `${bigDay.rows} rows (${bigDay.fileMb} MB) streamed in ${bigDay.streamed.ms} ms holding heap ${bigDay.streamed.heapMb} MB, RSS +${bigDay.streamed.rssMb} MB ` +
      `(floor, copying the file: ${bigDay.floor.heapMb} MB, +${bigDay.floor.rssMb} MB; as one string: ${bigDay.whole.heapMb} MB, +${bigDay.whole.rssMb} MB in ${bigDay.whole.ms} ms); ` +
      `attempt write ${w.p50}/${w.p99} ms = ${writeRatio.p50}×/${writeRatio.p99}× a bare fsync (${f.p50}/${f.p99} ms) (its statements ${st.p50}/${st.p99} ms, its commit ${co.p50}/${co.p99} ms); after a quiet moment (${QUIET_WRITES}, ${QUIET_GAP_MS / 1000} s apart) ${qw.p50}/${qw.max} ms (p50/max) = ${quietRatio.p50}×/${quietRatio.max}× a bare fsync after the same quiet moment (${qf.p50}/${qf.max} ms), ` +
      `its statements ${qs.p50}/${qs.max} ms and commit ${qc.p50}/${qc.max} ms, a one-page commit ${qp.p50}/${qp.max} ms = ${ratio(qp.p50, qf.p50)}× the fsync (a bare fsync right after a write instead: ${hf.p50}/${hf.max} ms, the write ${ratio(qw.p50, hf.p50)}× it); idle checkpoint ${cp.p50}/${cp.p99} ms (p50/p99) — ${verdicts(goals)}`;
    return { name: 'database', line, goals, figures };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A generated file copied in place of generating one (as generate() fills it: whole days). */
function copyGenerated(from: string, file: string): { attempts: number; perDay: number; ms: number } {
  const started = performance.now();
  copyFileSync(from, file);
  const perDay = Math.ceil(TOTAL_ATTEMPTS / DAYS);
  return { attempts: perDay * DAYS, perDay, ms: performance.now() - started };
}

const STATES: { state: AttemptState; share: number }[] = [
  { state: 'succeeded', share: 0.8 },
  { state: 'failed', share: 0.12 },
  { state: 'rejected', share: 0.03 },
  { state: 'unknown', share: 0.03 },
  { state: 'unresolved', share: 0.02 },
];

/** Fills the file in one transaction with prepared statements; the schema is the app's own (openDatabase). */
export function generate(file: string): { attempts: number; perDay: number; ms: number } {
  closeDatabase(openDatabase(file)); // the app's schema and migrations
  const started = performance.now();
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2097152');
  // Bulk load: the secondary indexes are dropped and built again afterwards from their own SQL, so
  // the schema ends exactly as the app made it (sorting once is far faster than 1M random inserts).
  const indexes = db
    .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('invoices', 'charge_attempts', 'attempt_events')")
    .all();
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  const now = Date.now();
  const counterIds: { id: string; terminal: string; prefix: string }[] = [];
  {
    for (let c = 0; c < COUNTERS; c += 1) {
      const counter = createCounter(db, { name: `Counter ${c + 1}`, terminalId: `TRM${c + 1}`, invoicePrefix: `C${c + 1}-`, createdAt: now - (DAYS + 1) * DAY_MS });
      counterIds.push({ id: counter.id, terminal: counter.terminalId, prefix: counter.invoicePrefix });
    }
  }
  const insertInvoice = db.prepare(
    `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at, paid_at, payment_id)
     VALUES (?, ?, ?, ?, ?, 'INR', ?, ?, ?, ?)`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, payments_session_id, state,
       failure_code, failure_message, payment_id, paid_method, created_at, updated_at, final_at, last_polled_at, poll_count, session_created_at)
     VALUES (?, ?, ?, ?, ?, 'INR', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare('INSERT INTO attempt_events (attempt_id, at, from_state, to_state, actor, reason) VALUES (?, ?, ?, ?, ?, ?)');
  const perDay = Math.ceil(TOTAL_ATTEMPTS / DAYS);
  let seq = 0;
  let made = 0;
  let random = 12345;
  const rand = () => {
    random = (random * 1_103_515_245 + 12_345) % 2_147_483_648;
    return random / 2_147_483_648;
  };
  db.transaction(() => {
    for (let d = DAYS - 1; d >= 0; d -= 1) {
      const { fromMs } = localDayRange(localDate(now - d * DAY_MS));
      // The day's attempts in time order, as they happen.
      const times = Array.from({ length: perDay }, () => fromMs + 9 * 3_600_000 + Math.floor(rand() * 12 * 3_600_000)).sort((a, b) => a - b);
      let exportRows = 0;
      for (let k = 0; k < perDay; k += 1) {
        // Counter 0 takes EXPORT_ROWS a day; the others share the rest.
        const c = k % 20 < 3 && exportRows < EXPORT_ROWS ? 0 : 1 + (k % (COUNTERS - 1));
        if (c === 0) exportRows += 1;
        const counter = counterIds[c] ?? counterIds[0];
        if (!counter) throw new Error('no counter');
        const createdAt = times[k] ?? fromMs;
        const roll = rand();
        let acc = 0;
        const state = STATES.find((s) => (acc += s.share) > roll)?.state ?? 'succeeded';
        const amount = 1_000 + Math.floor(rand() * 500_000);
        const invoiceId = randomUUID();
        const attemptId = randomUUID();
        seq += 1;
        const number = `${counter.prefix}${String(seq).padStart(7, '0')}`;
        const finalAt = ['succeeded', 'failed', 'rejected'].includes(state) ? createdAt + 20_000 : null;
        const sessionId = state === 'rejected' || state === 'unknown' ? null : `2160${String(seq).padStart(10, '0')}`;
        const paymentId = state === 'succeeded' ? `1730${String(seq).padStart(10, '0')}` : null;
        const status = state === 'succeeded' ? 'paid' : state === 'failed' ? 'payment_failed' : 'open';
        insertInvoice.run(invoiceId, number, counter.id, JSON.stringify([{ description: 'Item', quantity: 1, unitPriceMinor: amount }]), amount, status, createdAt - 30_000, state === 'succeeded' ? finalAt : null, paymentId);
        insertAttempt.run(
          attemptId, invoiceId, counter.id, counter.terminal, amount, rand() < 0.6 ? 'upi' : 'card', sessionId, state,
          state === 'failed' ? 'insufficient_funds' : null, state === 'failed' ? 'The bank declined it.' : null,
          paymentId, state === 'succeeded' ? 'upi' : null, createdAt, createdAt + 20_000, finalAt,
          sessionId ? createdAt + 15_000 : null, sessionId ? 3 : 0, sessionId ? createdAt + 500 : null,
        );
        insertEvent.run(attemptId, createdAt, null, 'creating', 'cashier', 'Charge');
        insertEvent.run(attemptId, createdAt + 20_000, 'creating', state, 'poller', 'outcome');
        made += 1;
      }
    }
  })();
  for (const index of indexes) db.exec(index.sql);
  db.pragma('journal_mode = WAL');
  closeDatabase(db); // as the app closes it: PRAGMA optimize, so the planner has its statistics

  return { attempts: made, perDay, ms: performance.now() - started };
}
