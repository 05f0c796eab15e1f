// Counter's data folder is its owner's alone: the folder 0700 and every file in it 0600 (databases
// with their WAL and SHM files, the saved Zoho connection, the manager PIN, logs). Files are created
// that way, and a folder left looser by an older version is tightened each time Counter starts.
// Windows has no such modes: there the folder inherits the user profile's access rules.
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const OWNER_ONLY_FOLDER = 0o700;
export const OWNER_ONLY_FILE = 0o600;

const HAS_MODES = process.platform !== 'win32';

/** Creates the folder if needed, then makes it and everything in it owner-only (links are left alone). */
export function prepareDataFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
  if (HAS_MODES) tighten(folder);
}

function tighten(folder: string): void {
  chmodSync(folder, OWNER_ONLY_FOLDER);
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) tighten(path);
    else if (entry.isFile()) chmodSync(path, OWNER_ONLY_FILE);
  }
}


/**
 * Makes sure `filePath` exists and is owner-only before a library opens it: SQLite would create a
 * database with the process's default mode (often 0644), and it gives the WAL and SHM files the
 * database file's mode.
 */
export function createOwnerOnlyFile(filePath: string): void {
  closeSync(openSync(filePath, 'a', OWNER_ONLY_FILE));
  if (HAS_MODES) chmodSync(filePath, OWNER_ONLY_FILE);
}
