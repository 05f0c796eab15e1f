// Opens the app's SQLite file and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createOwnerOnlyFile, OWNER_ONLY_FOLDER } from './owner-only';
import { migrate } from './migrate';
import type { Db } from './statements';

export type { Db } from './statements';

/** The page cache of a connection, KiB. */
export const PAGE_CACHE_KIB = 65_536;

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
    // A write's statement journal (the pages a statement or savepoint could roll back) in memory: on
    // a large file a charge's write-ahead changes more than the 64 KB SQLite keeps in memory, and it
    // created, wrote and deleted a temporary file in every write (docs/BENCHMARKS.md, issue 25). It
    // is never part of what survives a crash: the WAL is.
    db.pragma('temp_store = MEMORY');
    // A 64 MB page cache (SQLite's default is 2 MB): the day's CSV and log read thousands of rows and
    // their invoices across a file of a year's sales; pages are taken only as they are read.
    db.pragma(`cache_size = ${-PAGE_CACHE_KIB}`);
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

