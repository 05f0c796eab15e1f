// Files in Counter's data folder are their owner's alone: the folder 0700, every file 0600. Windows
// has no such modes: there the folder inherits the user profile's access rules.
import { chmodSync, closeSync, openSync } from 'node:fs';

export const OWNER_ONLY_FOLDER = 0o700;
export const OWNER_ONLY_FILE = 0o600;

export const HAS_FILE_MODES = process.platform !== 'win32';

/**
 * Makes sure `filePath` exists and is owner-only before a library opens it: SQLite would create a
 * database with the process's default mode (often 0644), and it gives the WAL and SHM files the
 * database file's mode.
 */
export function createOwnerOnlyFile(filePath: string): void {
  closeSync(openSync(filePath, 'a', OWNER_ONLY_FILE));
  if (HAS_FILE_MODES) chmodSync(filePath, OWNER_ONLY_FILE);
}
