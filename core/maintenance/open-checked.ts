// How a mode opens its database file: refused if damaged, backed up before a migration, then
// opened (and migrated) by db/local/database.ts.
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../db/local/database';
import { MIGRATIONS } from '../../db/local/migrations';
import type { Logger } from '../logger';
import { backupsDir, takeBackup } from './backups';
import { refuseDamagedDatabase } from './damaged-database';

/** 'counter' for counter.db: the name its backups carry. */
export function databaseName(file: string): string {
  return basename(file, '.db');
}

/**
 * Opens `file` as openDatabase does, after refusing it if damaged (DatabaseDamagedError) and, when
 * the app is about to migrate it, taking and checking a backup of it as it is.
 */
export async function openCheckedDatabase(file: string, options: { now: () => number; log: Logger }): Promise<Db> {
  if (existsSync(file)) {
    refuseDamagedDatabase(file, databaseName(file));
    await backUpBeforeMigrating(file, options);
  }
  return openDatabase(file);
}

async function backUpBeforeMigrating(file: string, options: { now: () => number; log: Logger }): Promise<void> {
  const latest = MIGRATIONS.length;
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  const version = reader.pragma('user_version', { simple: true }) as number;
  reader.close();
  // 0: a new, empty file; above latest: openDatabase refuses it (a newer app wrote it).
  if (version === 0 || version >= latest) return;
  const backup = await takeBackup(file, { dir: backupsDir(dirname(file)), database: databaseName(file), at: options.now(), beforeVersion: latest });
  options.log.info('backup taken before migrating the database', { backup: backup.fileName, from: version, to: latest });
}
