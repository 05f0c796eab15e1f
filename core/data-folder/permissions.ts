// Counter's data folder is its owner's alone: the folder 0700 and every file in it 0600 (databases
// with their WAL and SHM files, the saved Zoho connection, the manager PIN, logs). Files are created
// that way (db/local/owner-only.ts), and a folder left looser by an older version is tightened each
// time Counter starts.
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HAS_FILE_MODES, OWNER_ONLY_FILE, OWNER_ONLY_FOLDER } from '../../db/local/owner-only';

/** Creates the folder if needed, then makes it and everything in it owner-only (links are left alone). */
export function prepareDataFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
  if (HAS_FILE_MODES) tighten(folder);
}

function tighten(folder: string): void {
  chmodSync(folder, OWNER_ONLY_FOLDER);
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) tighten(path);
    else if (entry.isFile()) chmodSync(path, OWNER_ONLY_FILE);
  }
}
