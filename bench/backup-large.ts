// The daily backup of a large database while the counter keeps writing: a write every 200 ms on the
// app's side (a lease or a sale: a small commit, synchronous = FULL, as the app's connection), from
// before the backup starts until after it ends. Measured: how long the backup takes (copy and
// integrity check, in the worker), whether it finished while the writes went on, the longest pause
// of the main thread's event loop during it, each write's time during it against before it, and how
// far the WAL grew (the copy's snapshot holds the checkpoint back). The writes are split between the
// copy and the check by the copy's header: the worker turns its WAL mode off once it is copied.
// BENCH_BACKUP_FROM: a database file to copy and back up (never modified, e.g. the 1 GB file that
// `npm run bench -- database` generates); without it, an empty database padded to 1 GB.
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../db/local/database';
import { takeBackup } from '../core/maintenance/backups';
import { padDatabase } from '../testkit/charges-during-backup';
import { sleep } from '../testkit/time';
import { goal, ms, spread, verdicts, type BenchResult } from './lib';

const PADDED_MB = 1024;
const WRITE_EVERY_MS = 200;
const WRITES_BEFORE = 25;
/** A write this much slower than the slowest before the backup counts as delayed by it. */
const DELAYED_MS = 50;

export async function backupLargeBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-bench-backup-large-'));
  const file = join(dir, 'counter.db');
  try {
    const from = process.env.BENCH_BACKUP_FROM;
    if (from) copyFileSync(from, file);
    else {
      closeDatabase(openDatabase(file));
      padDatabase(file, PADDED_MB);
    }
    const databaseMb = Math.round(statSync(file).size / 2 ** 20);

    const app = new Database(file);
    app.pragma('busy_timeout = 5000');
    app.pragma('journal_mode = WAL');
    app.pragma('synchronous = FULL');
    app.exec('CREATE TABLE IF NOT EXISTS bench_backup_writes (at INTEGER NOT NULL, note TEXT NOT NULL)');
    const insert = app.prepare('INSERT INTO bench_backup_writes (at, note) VALUES (?, ?)');
    const write = () => {
      const started = performance.now();
      insert.run(Date.now(), 'a small commit, as a lease or a sale');
      return performance.now() - started;
    };
    const wal = `${file}-wal`;
    const walMb = () => (existsSync(wal) ? statSync(wal).size / 2 ** 20 : 0);

    const before: number[] = [];
    for (let i = 0; i < WRITES_BEFORE; i += 1) {
      before.push(write());
      await sleep(WRITE_EVERY_MS);
    }
    const writtenBefore = before.length;

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let done = false;
    const started = performance.now();
    const taking = takeBackup(file, { dir: join(dir, 'backups'), database: 'counter', at: Date.now(), waitForQuiet: true }).finally(() => (done = true));
    const duringCopy: number[] = [];
    const duringCheck: number[] = [];
    let copyMs = 0;
    let walMaxMb = walMb();
    while (!done) {
      if (copyMs === 0 && copied(join(dir, 'backups'))) copyMs = performance.now() - started;
      (copyMs === 0 ? duringCopy : duringCheck).push(write());
      walMaxMb = Math.max(walMaxMb, walMb());
      await sleep(WRITE_EVERY_MS);
    }
    const during = [...duringCopy, ...duringCheck];
    const backup = await taking;
    const backupMs = performance.now() - started;
    loop.disable();
    const loopMaxMs = loop.max / 1e6;
    app.close();

    const copy = new Database(backup.path, { readonly: true });
    const rowsCopied = (copy.prepare('SELECT count(*) AS n FROM bench_backup_writes').get() as { n: number }).n;
    copy.close();
    const consistent = rowsCopied >= writtenBefore && rowsCopied <= writtenBefore + during.length;

    const beforeSpread = spread(before);
    const copySpread = spread(duringCopy);
    const checkSpread = spread(duringCheck);
    const delayed = during.filter((t) => t > beforeSpread.max + DELAYED_MS).length;
    const goals = [
      goal('backup finished while the writes went on', 'yes', during.length > 0 ? 'yes' : 'no', during.length > 0),
      goal('copy holds the writes made before it and none after its end', 'yes', consistent ? 'yes' : 'no', consistent),
      goal('longest event-loop pause during the backup', '< 100 ms', ms(loopMaxMs), loopMaxMs < 100),
      goal(`writes slower than before by ${DELAYED_MS} ms`, '0', String(delayed), delayed === 0),
    ];
    const line =
      `backup of a ${databaseMb} MB database with a write every ${WRITE_EVERY_MS} ms: ${(backupMs / 1000).toFixed(1)} s (copy ${(copyMs / 1000).toFixed(1)} s, then the check), ` +
      `writes p50/p99/max during the copy ${copySpread.p50}/${copySpread.p99}/${copySpread.max} ms (${copySpread.n}), during the check ${checkSpread.p50}/${checkSpread.p99}/${checkSpread.max} ms (${checkSpread.n}), ` +
      `before it ${beforeSpread.p50}/${beforeSpread.p99}/${beforeSpread.max} ms (${beforeSpread.n}), ` +
      `event loop's longest pause ${ms(loopMaxMs)}, WAL up to ${walMaxMb.toFixed(1)} MB — ${verdicts(goals)}`;
    return {
      name: 'backup-large',
      line,
      goals,
      figures: {
        databaseMb,
        backupMs: Math.round(backupMs),
        copyMs: Math.round(copyMs),
        writeEveryMs: WRITE_EVERY_MS,
        before: beforeSpread,
        duringCopy: copySpread,
        duringCheck: checkSpread,
        delayed,
        loopMaxMs,
        walMaxMb,
        rowsCopied,
        writtenBefore,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the copy in `backups` is whole: its header no longer says WAL (bytes 18 and 19 are 1, not 2). */
function copied(backups: string): boolean {
  const partial = existsSync(backups) ? readdirSync(backups).find((name) => name.endsWith('.db.partial')) : undefined;
  if (partial === undefined) return false;
  const header = Buffer.alloc(20);
  const fd = openSync(join(backups, partial), 'r');
  try {
    return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 1 && header[19] === 1;
  } finally {
    closeSync(fd);
  }
}
