// A small SQLite file used as an operating-system lock: the data folder's (core/data-folder/lock.ts).
import Database from 'better-sqlite3';
import type { Db } from './database';

/**
 * Opens the file and takes SQLite's exclusive lock on it, kept until the connection closes. Does not
 * wait: a lock held by another process throws SQLite's SQLITE_BUSY at once (the connection closed).
 */
export function holdLockFile(lockPath: string): Db {
  const db = new Database(lockPath, { timeout: 0 });
  try {
    // No journal file beside it, and the lock kept until this connection closes.
    db.pragma('journal_mode = MEMORY');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
