// Reading a database file off the main thread: SQLite's integrity_check reads every page and
// cross-checks every index (52 s for a 1 GB file, docs/BENCHMARKS.md), which on the main thread
// would hold every charge and poll for as long. A worker thread opens its own read-only connection
// (in WAL mode a reader never blocks the app's writes) and runs the statements there.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** 'full' = integrity_check; 'quick' = quick_check (every page, no index cross-check: ~25× faster). */
export type IntegrityDepth = 'full' | 'quick';

export interface IntegrityReport {
  ok: boolean;
  /** SQLite's answer: ['ok'], or up to 100 descriptions of what is wrong. */
  findings: string[];
}

export const INTEGRITY_PRAGMA: Record<IntegrityDepth, string> = { full: 'PRAGMA integrity_check', quick: 'PRAGMA quick_check' };

type Row = Record<string, unknown>;

/** The rows of an integrity pragma as a report. */
export function integrityReport(rows: Row[]): IntegrityReport {
  const findings = rows.map((row) => String(Object.values(row)[0]));
  return { ok: findings.length === 1 && findings[0] === 'ok', findings };
}

/**
 * The check on the calling thread, for when nothing else runs yet (start-up, the restore command);
 * a file that cannot be opened as a database is reported as not ok.
 */
export function checkIntegrityNow(file: string, depth: IntegrityDepth): IntegrityReport {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return integrityReport(db.prepare<[], Row>(INTEGRITY_PRAGMA[depth]).all());
  } catch (error) {
    return { ok: false, findings: [error instanceof Error ? error.message : String(error)] };
  } finally {
    db?.close();
  }
}

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

export class WorkerReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerReadError';
  }
}

/**
 * Runs read-only `statements` on `file` in a worker thread; the rows of each, in order. Rejects
 * with WorkerReadError when the file cannot be read or `signal` stopped the worker.
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
      else reject(new WorkerReadError(outcome.error));
    };
    worker.once('message', (message: { results: Row[][] } | { error: string }) => settle(message));
    worker.once('error', (error) => settle({ error: `The worker failed: ${error.message}` }));
    worker.once('exit', (code) => settle({ error: `The worker stopped early (exit ${code}).` }));
  });
}

/** SQLite's check in a worker thread; a file that cannot be read is reported as not ok. */
export async function checkIntegrity(file: string, depth: IntegrityDepth, signal?: AbortSignal): Promise<IntegrityReport> {
  try {
    const [rows = []] = await readInWorker(file, [INTEGRITY_PRAGMA[depth]], signal);
    return integrityReport(rows);
  } catch (error) {
    return { ok: false, findings: [error instanceof Error ? error.message : String(error)] };
  }
}
