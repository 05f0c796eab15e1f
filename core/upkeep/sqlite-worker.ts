// Reading a database file off the main thread: a backup's integrity check, a support bundle's check
// and counts. On the main thread they would hold every charge and poll for as long as they take (the
// integrity check of a 1 GB file takes 52 s, docs/BENCHMARKS.md). A worker thread opens its own
// read-only connection; in WAL mode a reader never blocks the app's writes, nor they it.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { Worker } from 'node:worker_threads';

export type Row = Record<string, unknown>;

// The worker is plain CommonJS given as source, so it needs no build step of its own (the desktop
// bundle, tsx and vitest all run it as is); it loads better-sqlite3 from the paths it is given.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
let db = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  parentPort.postMessage({ results: workerData.statements.map((sql) => db.prepare(sql).all()) });
} catch (error) {
  parentPort.postMessage({ error: error && error.message ? error.message : String(error) });
} finally {
  if (db) db.close();
}
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

/**
 * Runs read-only `statements` on `file` in a worker thread; the rows of each, in order. Rejects with
 * WorkerFailedError when SQLite cannot read the file or `signal` stopped the worker.
 */
export function readInWorker(file: string, statements: string[], signal?: AbortSignal): Promise<Row[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...sqliteModule(), file, statements } });
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
