// Putting a backup back: the backup is checked again, the damaged file (with its WAL and shared-memory
// files, which must not be replayed over the backup) is moved to the data folder's damaged/ for
// support, and the backup is copied in its place under the database's name. Counter must be stopped:
// the restore holds the data folder's lock while it works, so it is refused while Counter runs.
import { randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { closeDatabase, openDatabase } from '../../db/local/database';
import { startNewShippingEpoch } from '../../db/local/outbox';
import { lockDataFolder } from '../data-folder/lock';
import { parseBackupName } from './backups';
import { checkIntegrityNow } from '../../db/local/integrity';

export interface RestoreOutcome {
  /** The database file now holding the backup. */
  database: string;
  /** Where the replaced file was moved (null when there was none). */
  keptDamaged: string | null;
}

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export function restoreBackup(options: { dataDir: string; backup: string; now: number }): RestoreOutcome {
  const backup = parseBackupName(options.backup, basename(options.backup));
  if (!backup) throw new RestoreRefusedError(`${basename(options.backup)} is not a Counter backup (they are named like counter-20261129-143005.db).`);
  if (!existsSync(backup.path)) throw new RestoreRefusedError(`There is no backup at ${backup.path}.`);
  const check = checkIntegrityNow(backup.path, 'full');
  if (!check.ok) throw new RestoreRefusedError(`The backup ${backup.fileName} is damaged too (SQLite says: ${check.findings[0]}). Choose an older one.`);

  // Throws DataFolderInUseError, naming the running Counter, before anything is moved.
  const lock = lockDataFolder(options.dataDir, 'the restore command', () => options.now);
  try {
    const target = join(options.dataDir, `${backup.database}.db`);
    const keptDamaged = existsSync(target) ? moveAside(options.dataDir, target, options.now) : null;
    const incoming = `${target}.restoring`;
    copyFileSync(backup.path, incoming);
    chmodSync(incoming, 0o600);
    restartShipping(incoming, options.now);
    renameSync(incoming, target);
    return { database: target, keptDamaged };
  } finally {
    lock.release();
  }
}

/**
 * A store's PC: the restored file is older than what the store holds from it, so it ships from a new
 * epoch with ids that never repeat (db/local/outbox.ts startNewShippingEpoch). Done on the copy,
 * before it takes the database's name, so a restore is never half done.
 */
function restartShipping(file: string, now: number): void {
  const db = openDatabase(file);
  try {
    startNewShippingEpoch(db, randomUUID(), now);
  } finally {
    closeDatabase(db);
  }
  if (existsSync(`${file}-wal`)) throw new RestoreRefusedError(`The restored copy ${basename(file)} still has a write-ahead log after it was closed; try the restore again.`);
}

/** counter.db (and counter.db-wal, counter.db-shm) → damaged/counter.db.<time> (…-wal, …-shm). */
function moveAside(dataDir: string, target: string, now: number): string {
  const folder = join(dataDir, 'damaged');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const kept = join(folder, `${basename(target)}.${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(target + suffix)) renameSync(target + suffix, kept + suffix);
  }
  return kept;
}
