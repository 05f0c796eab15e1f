// The day's CSV, streamed: one counter's day of 5,000 rows written to a file as the app writes it
// (keyset pages of the day's records, each page's lines into a file stream), against its floor,
// the same bytes written to a file with no query; and a day of 100,000 payments written to a file,
// with the memory held while it is written (heap after a collection, and the process's peak RSS)
// against the same for the floor (copying the finished file to another through streams) and for
// the CSV made whole as one string (as it was before).
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { localDayRange } from '../contract/calendar';
import { finish, streamOut } from '../core/handlers/csv-file';
import { CSV_PAGE_ROWS, ownDayLogSource } from '../core/handlers/ledger';
import { dayLogCsvText, writeDayLogCsv, type DayLogSource } from '../core/handlers/ledger-csv';
import { createCounter } from '../db/local/counters';
import { closeDatabase, openDatabase, type Db } from '../db/local/database';
import { spread, timeRuns, type Spread } from './lib';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Writes `source` to `file` as the app does; its row count. */
async function writeFile(source: DayLogSource, file: string, onPage?: () => void): Promise<number> {
  const stream = createWriteStream(file);
  const out = streamOut(stream);
  const rows = await writeDayLogCsv(source, {
    async write(text) {
      await out.write(text);
      onPage?.();
    },
  });
  await finish(stream);
  return rows;
}

/** The same bytes in the same pieces to a file, with no query: the floor. */
async function writeBytes(pieces: readonly string[], file: string): Promise<void> {
  const stream = createWriteStream(file);
  const out = streamOut(stream);
  for (const piece of pieces) await out.write(piece);
  await finish(stream);
}

export interface StreamedCsv {
  rows: number;
  kb: number;
  fileMs: Spread;
  floorMs: Spread;
}

/** One counter's day written to a file 30 times, and its floor. */
export async function streamedDayCsv(db: Db, date: string, counterId: string, dir: string): Promise<StreamedCsv> {
  const file = join(dir, 'day.csv');
  let rows = 0;
  const fileTimes = await timeRuns(30, async () => {
    rows = await writeFile(ownDayLogSource({ db, currency: 'INR' }, { date, counterId }), file);
  });
  const pieces: string[] = [];
  await writeDayLogCsv(ownDayLogSource({ db, currency: 'INR' }, { date, counterId }), { write: (text) => void pieces.push(text) });
  const floorTimes = await timeRuns(30, () => writeBytes(pieces, join(dir, 'floor.csv')));
  return { rows, kb: Math.round(statSync(file).size / 1024), fileMs: spread(fileTimes), floorMs: spread(floorTimes) };
}

export interface HeldMemory {
  /** Heap held (after a collection) above the start, at its peak, MB. */
  heapMb: number;
  /** The process's resident set above the start, at its peak, MB. */
  rssMb: number;
  ms: number;
}

export interface BigDayCsv {
  rows: number;
  fileMb: number;
  streamed: HeldMemory;
  floor: HeldMemory;
  whole: HeldMemory;
}

const BIG_DAY = 100_000;
const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

/** Runs `work`, sampling the heap (collected) and RSS when `sample` is called and at the end. */
async function held(work: (sample: () => void) => Promise<unknown>): Promise<HeldMemory> {
  collectGarbage();
  const start = process.memoryUsage();
  let heap = 0;
  let rss = 0;
  let calls = 0;
  const sample = () => {
    calls += 1;
    rss = Math.max(rss, process.memoryUsage().rss - start.rss);
    // A collection at the first sample and every tenth: what is held, not garbage waiting.
    if (calls % 10 !== 1) return;
    collectGarbage();
    heap = Math.max(heap, process.memoryUsage().heapUsed - start.heapUsed);
  };
  const started = performance.now();
  await work(sample);
  const took = performance.now() - started;
  rss = Math.max(rss, process.memoryUsage().rss - start.rss);
  return { heapMb: mb(heap), rssMb: mb(rss), ms: Math.round(took) };
}

/** A day of 100,000 payments on one counter (its own SQLite file, made as the app makes it), written as CSV. */
export async function bigDayCsv(dir: string): Promise<BigDayCsv> {
  const db = openDatabase(join(dir, 'big-day.db'));
  try {
    const date = '2026-11-22';
    const { fromMs } = localDayRange(date);
    const counter = createCounter(db, { name: 'Counter 1', terminalId: 'TRM1', invoicePrefix: 'C1-', createdAt: fromMs - 86_400_000 });
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BIG_DAY})
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at, paid_at, payment_id)
        SELECT 'inv-' || i, 'C1-' || printf('%07d', i), '${counter.id}', '[]', 1000 + i, 'INR', 'paid', ${fromMs} + i * 400, ${fromMs} + i * 400 + 20000, '1730' || printf('%010d', i) FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BIG_DAY})
      INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, payments_session_id, state, payment_id, paid_method,
                                   created_at, updated_at, final_at, poll_count, session_created_at)
        SELECT 'att-' || i, 'inv-' || i, '${counter.id}', 'TRM1', 1000 + i, 'INR', CASE WHEN i % 3 = 0 THEN 'upi' ELSE 'card' END, '2160' || printf('%010d', i),
               'succeeded', '1730' || printf('%010d', i), 'card', ${fromMs} + i * 400, ${fromMs} + i * 400 + 20000, ${fromMs} + i * 400 + 20000, 3, ${fromMs} + i * 400 + 500 FROM n;`);
    const source = () => ownDayLogSource({ db, currency: 'INR' }, { date });
    const file = join(dir, 'big-day.csv');
    let rows = 0;
    // Warm the page cache and the statements first, so each case reads as the others do.
    await writeFile(source(), file);
    const streamed = await held(async (sample) => {
      rows = await writeFile(source(), file, sample);
    });
    const floor = await held(async (sample) => {
      const copy = createWriteStream(join(dir, 'big-day-floor.csv'));
      const read = createReadStream(file, { highWaterMark: Math.ceil(statSync(file).size / (BIG_DAY / CSV_PAGE_ROWS)) });
      read.on('data', sample);
      await pipeline(read, copy);
    });
    const whole = await held(async (sample) => {
      const made = await dayLogCsvText(source());
      sample();
      await writeBytes([made.csv], join(dir, 'big-day-whole.csv'));
      sample();
    });
    return { rows, fileMb: mb(statSync(file).size), streamed, floor, whole };
  } finally {
    closeDatabase(db);
  }
}
