// Refusing a damaged database: before a mode opens its file, SQLite's quick_check reads every page
// (2 s for a 1 GB file, docs/BENCHMARKS.md; nothing else runs yet). A damaged file is never opened
// or migrated: the app stops with a message naming the newest good backup and how to restore it.
import { formatDateTime } from '../../contract/calendar';
import { basename, dirname } from 'node:path';
import { backupsDir, listBackups, type BackupFile } from './backups';
import { checkIntegrityNow } from '../../db/local/integrity';

export class DatabaseDamagedError extends Error {
  constructor(
    /** The damaged database file. */
    readonly file: string,
    /** The newest backup of it, or null when there is none. */
    readonly backup: BackupFile | null,
    readonly findings: string[],
  ) {
    super(damagedDatabaseMessage(file, backup, findings, backup ? `To restore it, stop Counter and run:\n  ${restoreCommand(dirname(file), backup.path)}` : ''));
    this.name = 'DatabaseDamagedError';
  }
}

/** The command that restores `backup` into the data folder (scripts/restore.ts). */
export function restoreCommand(dataDir: string, backup: string): string {
  return `npm run restore -- --data-dir "${dataDir}" --backup "${backup}"`;
}

/**
 * What is wrong and what to do, for the manager; `howToRestore` is the shell's way (the command,
 * or the desktop app's button).
 */
export function damagedDatabaseMessage(file: string, backup: BackupFile | null, findings: string[], howToRestore: string): string {
  const what = `The payment database ${basename(file)} is damaged, so Counter will not open it (SQLite says: ${findings[0] ?? 'unknown damage'}).`;
  if (!backup) {
    return `${what} There is no backup of it in ${backupsDir(dirname(file))}. Keep the file for support; to start again with an empty database, move it out of ${dirname(file)}.`;
  }
  return `${what} The newest good backup is ${backup.fileName}, taken ${formatDateTime(backup.takenAt)}; payments recorded after it are lost from this computer but remain in Zoho's dashboard. ${howToRestore}`.trim();
}


/** Throws DatabaseDamagedError unless `file` (which exists) passes SQLite's quick_check. */
export function refuseDamagedDatabase(file: string, database: string): void {
  const check = checkIntegrityNow(file, 'quick');
  if (check.ok) return;
  throw new DatabaseDamagedError(file, listBackups(backupsDir(dirname(file)), database)[0] ?? null, check.findings);
}
