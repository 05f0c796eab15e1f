// Opens the app's SQLite file and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createOwnerOnlyFile, OWNER_ONLY_FOLDER } from './owner-only';
import { migrate } from './migrate';
import type { Db } from './statements';

export type { Db } from './statements';

/**
 * Opens (creating if needed) the database file and applies pending migrations. Throws
 * DatabaseTooNewError, with the connection closed, when a newer app version wrote the file.
 */
export function openDatabase(filePath: string): Db {
  mkdirSync(dirname(filePath), { recursive: true, mode: OWNER_ONLY_FOLDER });
  // Owner-only (0600) before SQLite opens it; SQLite gives the WAL and SHM files the same mode.
  createOwnerOnlyFile(filePath);
  const db = new Database(filePath);
  try {
    // busy_timeout first, so that switching to WAL waits for another connection instead of failing.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // FULL: a payment recorded as committed survives a power cut, not only an app crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Lets SQLite refresh its planner statistics (cheap, as advised before closing), then closes. */
export function closeDatabase(db: Db): void {
  db.pragma('optimize');
  db.close();
}

