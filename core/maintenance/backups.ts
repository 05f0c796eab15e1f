// Copies of a database file in the data folder's backups/, taken with SQLite's online backup API
// (better-sqlite3's db.backup) while the app keeps working: in a worker thread, from its own
// read-only connection, 64 pages (256 KB) a step, asleep while a payment is live. That connection holds
// one read transaction from the first step to the last, so the copy is the database as of one moment
// and the app's writes meanwhile neither wait for it nor restart it (without the held snapshot,
// SQLite starts the copy over at each write, and on a busy shop it never finished). Each copy is
// checked with `PRAGMA integrity_check` before it gets its final name, so every file named like a
// backup is a good one. Files 0600, folder 0700.
//
// Measured side by side while this was built (`npm run bench -- backup`): copying on the app's own connection in small steps
// left each step's flush on the main thread (a charge 19 ms slower at the median); copying in one
// step in the worker made a charge's flush wait behind the copy's (slowest charge 107–423 ms). On
// the 1 GB file with a write every 200 ms (`npm run bench -- backup-large`, docs/BENCHMARKS.md): the
// copy and check take about 1.5–2 minutes, and the options weighed are there.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COUNT_LIVE_ATTEMPTS_SQL } from '../../db/local/live-attempts';
import { INTEGRITY_PRAGMA, integrityReport } from '../../db/local/integrity';
import { backupInWorker, WorkerFailedError } from './sqlite-worker';

export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

export interface BackupFile {
  path: string;
  fileName: string;
  /** The database it copies: 'counter' (live) or 'demo'. */
  database: string;
  /** When it was taken (unix ms, from its name: local time to the second). */
  takenAt: number;
  /** Taken before the schema was migrated to this version (null: the daily backup). */
  beforeVersion: number | null;
}

/** counter-20261129-143005.db, or counter-20261129-143005-before-v5.db before a migration. */
const BACKUP_NAME = /^([a-z]+)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-before-v(\d+))?\.db$/;
const PARTIAL = '.partial';

export function parseBackupName(path: string, fileName: string): BackupFile | null {
  const match = BACKUP_NAME.exec(fileName);
  if (!match) return null;
  const [, database = '', year, month, day, hour, minute, second, version] = match;
  const takenAt = new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)).getTime();
  return { path, fileName, database, takenAt, beforeVersion: version === undefined ? null : Number(version) };
}

function backupName(database: string, at: number, beforeVersion: number | null): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
  return `${database}-${stamp}${beforeVersion === null ? '' : `-before-v${beforeVersion}`}.db`;
}

/** The backups of `database` in `dir`, newest first. */
export function listBackups(dir: string, database: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => parseBackupName(join(dir, name), name))
    .filter((backup): backup is BackupFile => backup !== null && backup.database === database)
    .sort((a, b) => b.takenAt - a.takenAt || b.fileName.localeCompare(a.fileName));
}

/** The copy could not be made (SQLite could not read the source), or it failed its integrity check. */
export class BackupFailedError extends Error {
  constructor(
    readonly fileName: string,
    readonly findings: string[],
  ) {
    super(`The backup ${fileName} failed: ${findings.slice(0, 3).join('; ')}`);
    this.name = 'BackupFailedError';
  }
}

export interface TakeBackupOptions {
  dir: string;
  database: string;
  /** Unix ms, for the file's name. */
  at: number;
  beforeVersion?: number;
  /** Sleep while a payment is live (the daily backup; not the one before a migration, when nothing runs yet). */
  waitForQuiet?: boolean;
  /** Aborted when the app is stopping: the copy (or its check) is abandoned. */
  signal?: AbortSignal;
}

/** 64 pages (256 KB at SQLite's default page size) a step, so that a charge's own flush never waits behind a long one; a live payment looked for every 100 ms. */
export const BACKUP_PACE = { pagesPerStep: 64, pauseMs: 100 } as const;

export class BackupAbandonedError extends Error {
  constructor() {
    super('The backup was abandoned because Counter is stopping.');
    this.name = 'BackupAbandonedError';
  }
}

/**
 * Copies the database `file` into the backups folder and checks the copy, both in a worker thread
 * (sqlite-worker.ts): the main thread, and so every charge, does none of the work. Throws
 * BackupFailedError (nothing is left of the copy) or BackupAbandonedError; on success returns the new backup.
 */
export async function takeBackup(file: string, options: TakeBackupOptions): Promise<BackupFile> {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const fileName = backupName(options.database, options.at, options.beforeVersion ?? null);
  const partial = join(options.dir, fileName + PARTIAL);
  removeLeftovers(options.dir, options.database);
  // Created empty first, so the copy (and SQLite's journal beside it, which takes its mode) is 0600.
  closeSync(openSync(partial, 'w', 0o600));
  try {
    const pace = { ...BACKUP_PACE, liveSql: options.waitForQuiet ? COUNT_LIVE_ATTEMPTS_SQL : null };
    const [rows = []] = await backupInWorker(file, partial, [INTEGRITY_PRAGMA.full], pace, options.signal);
    const check = integrityReport(rows);
    if (!check.ok) throw new BackupFailedError(fileName, check.findings);
    const path = join(options.dir, fileName);
    renameSync(partial, path);
    const backup = parseBackupName(path, fileName);
    if (!backup) throw new Error(`Backup name ${fileName} does not parse`);
    return backup;
  } catch (error) {
    removeLeftovers(options.dir, options.database);
    if (options.signal?.aborted) throw new BackupAbandonedError();
    // SQLite could not read the source or the copy at all: no backup, as surely as a failed check.
    throw error instanceof WorkerFailedError ? new BackupFailedError(fileName, [error.message]) : error;
  }
}

/** A copy left half-made by a crash or a failed check, with SQLite's side files. */
function removeLeftovers(dir: string, database: string): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${database}-`) && name.includes(PARTIAL)) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Keeps the backups of the `keepDays` most recent days that have any (so a shop closed for a month
 * still has its last ones), deletes the rest; returns the names deleted.
 */
export function pruneBackups(dir: string, database: string, keepDays: number): string[] {
  const backups = listBackups(dir, database);
  const keptDays = new Set<string>();
  const removed: string[] = [];
  for (const backup of backups) {
    const day = new Date(backup.takenAt).toDateString();
    if (keptDays.size < keepDays || keptDays.has(day)) {
      keptDays.add(day);
      continue;
    }
    rmSync(backup.path, { force: true });
    removed.push(backup.fileName);
  }
  return removed;
}
