// SQLite work off the main thread: a backup's copy and check, a support bundle's check and counts.
// On the main thread they would hold every charge and poll for as long as they take (the integrity
// check of a 1 GB file takes 52 s, docs/BENCHMARKS.md). A worker thread opens its own connections;
// in WAL mode a reader never blocks the app's writes, nor they it.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BEGIN_READ_SNAPSHOT_SQL } from '../../db/local/read-snapshot';

export type Row = Record<string, unknown>;

// The worker is plain CommonJS given as source, so it needs no build step of its own (the desktop
// bundle, tsx and vitest all run it as is); it loads better-sqlite3 from the paths it is given.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { closeSync, fdatasyncSync, openSync } = require('node:fs');
const Database = require(workerData.sqlite);
const open = (file, options) => new Database(file, { fileMustExist: true, nativeBinding: workerData.nativeBinding, ...options });
const nap = new Int32Array(new SharedArrayBuffer(4));

function read(file, statements) {
  const db = open(file, { readonly: true });
  try {
    return statements.map((sql) => db.prepare(sql).all());
  } finally {
    db.close();
  }
}

async function backUp(task) {
  // The copy reads one snapshot, held by its own connection from here to its last step: in WAL mode
  // the app's writes go on beside it and never reach it. Without it, SQLite starts the copy over
  // whenever another connection commits between two of its steps, and a busy counter's commits (or
  // the store lease's) could keep it from ever finishing.
  const source = open(task.file, { readonly: true });
  // Live payments are counted on another connection: the snapshot does not see them.
  const watcher = task.liveSql === null ? null : open(task.file, { readonly: true });
  // SQLite flushes the copy only after its last step: 1 GB of unflushed pages then made the app's
  // commits wait up to a second behind them. What the copy has written is flushed after each step.
  const copy = openSync(task.into, 'r+');
  try {
    const live = watcher === null ? null : watcher.prepare(task.liveSql).pluck();
    source.exec(task.snapshotSql);
    await source.backup(task.into, {
      progress: () => {
        fdatasyncSync(copy);
        // While a payment is live the copy waits (asleep, not spinning), so that a charge's flush
        // never waits behind one of its steps.
        while (live !== null && live.get() > 0) Atomics.wait(nap, 0, 0, task.pauseMs);
        return task.pagesPerStep;
      },
    });
  } finally {
    closeSync(copy);
    source.close();
    if (watcher !== null) watcher.close();
  }
  // The copy carries the source's WAL mode in its header; a backup is a plain file.
  const plain = open(task.into, {});
  try {
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }
  return read(task.into, task.statements);
}

const task = workerData.task;
(task.kind === 'backup' ? backUp(task) : Promise.resolve().then(() => read(task.file, task.statements))).then(
  (results) => parentPort.postMessage({ results }),
  (error) => parentPort.postMessage({ error: error && error.message ? error.message : String(error) }),
);
`;

/**
 * better-sqlite3's entry and native binding. In the packaged desktop app the package is unpacked
 * from the asar archive (electron-builder.yml asarUnpack), so the worker loads both from there.
 */
function sqliteModule(): { sqlite: string; nativeBinding: string } {
  const entry = createRequire(import.meta.url).resolve('better-sqlite3').replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  return { sqlite: entry, nativeBinding: join(dirname(entry), '..', 'build', 'Release', 'better_sqlite3.node') };
}

export class WorkerFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerFailedError';
  }
}

type Task =
  | { kind: 'read'; file: string; statements: string[] }
  | ({ kind: 'backup'; file: string; into: string; snapshotSql: string; statements: string[] } & BackupPace);

/** Runs `task` in a new worker thread: the rows of each statement. `signal` stops the worker. */
function inWorker(task: Task, signal?: AbortSignal): Promise<Row[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...sqliteModule(), task } });
    let settled = false;
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    const settle = (outcome: { results: Row[][] } | { error: string }) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      if ('results' in outcome) resolve(outcome.results);
      else reject(new WorkerFailedError(outcome.error));
    };
    worker.once('message', (message: { results: Row[][] } | { error: string }) => settle(message));
    worker.once('error', (error) => settle({ error: `The worker failed: ${error.message}` }));
    worker.once('exit', (code) => settle({ error: `The worker stopped early (exit ${code}).` }));
  });
}

/**
 * Runs read-only `statements` on `file` in a worker thread; the rows of each, in order. Rejects with
 * WorkerFailedError when SQLite cannot read the file or `signal` stopped the worker.
 */
export function readInWorker(file: string, statements: string[], signal?: AbortSignal): Promise<Row[][]> {
  return inWorker({ kind: 'read', file, statements }, signal);
}

export interface BackupPace {
  /** Pages copied per step (each step is written and flushed to the copy before the next). */
  pagesPerStep: number;
  /** Counts the payments live now; the copy sleeps while it is above zero (null: never sleeps). */
  liveSql: string | null;
  /** How long each sleep lasts before it counts again. */
  pauseMs: number;
}

/**
 * Copies `file` into `into` (which exists, empty) with SQLite's online backup in a worker thread,
 * from one snapshot held by the worker's own read-only connection, at `pace`; then runs `statements`
 * on the copy.
 */
export function backupInWorker(file: string, into: string, statements: string[], pace: BackupPace, signal?: AbortSignal): Promise<Row[][]> {
  return inWorker({ kind: 'backup', file, into, snapshotSql: BEGIN_READ_SNAPSHOT_SQL, statements, ...pace }, signal);
}
