// One Counter per data folder. Two processes on one folder would run two pollers over the same
// payments, and each one's start-up recovery would turn the other's charges in flight into
// "unknown". So the process holds an operating-system lock on the folder for as long as it runs:
// an exclusive SQLite lock on a small file (fcntl on Linux and macOS, LockFileEx on Windows), which
// the operating system releases when the process ends, even by kill -9 or a crash. Beside it, a
// note of who holds it (process id, which app, since when) lets a second start say so.
import { formatDateTime } from '../../contract/calendar';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/local/database';
import { holdLockFile } from '../../db/local/lock-file';
import { createOwnerOnlyFile, OWNER_ONLY_FILE } from '../../db/local/owner-only';

export const LOCK_FILE = 'data-folder.lock';
export const OWNER_FILE = 'data-folder-owner.json';

const owner = z.object({ pid: z.number(), app: z.string(), since: z.number() });
export type LockOwner = z.output<typeof owner>;

export interface DataFolderLock {
  readonly folder: string;
  /** Lets another process open the folder (the operating system also does this when the process ends). */
  release(): void;
}

export class DataFolderInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockOwner | null,
  ) {
    const who = holder
      ? `${holder.app} (process ${holder.pid}, started ${formatDateTime(holder.since)})`
      : 'another Counter process';
    super(`Counter is already running on the data folder ${folder}: ${who}. Use that one, or stop it before starting Counter again.`);
    this.name = 'DataFolderInUseError';
  }
}

/** Takes the folder for this process, or throws DataFolderInUseError naming the process that has it. */
export function lockDataFolder(folder: string, app: string, now: () => number = Date.now): DataFolderLock {
  const lockPath = join(folder, LOCK_FILE);
  createOwnerOnlyFile(lockPath);
  let db: Db;
  try {
    db = holdLockFile(lockPath);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new DataFolderInUseError(folder, readOwner(folder));
    throw error;
  }
  const ownerPath = join(folder, OWNER_FILE);
  writeFileSync(ownerPath, JSON.stringify({ pid: process.pid, app, since: now() } satisfies LockOwner), { mode: OWNER_ONLY_FILE });
  let held = true;
  return {
    folder,
    release: () => {
      if (!held) return;
      held = false;
      rmSync(ownerPath, { force: true });
      db.close();
    },
  };
}

function readOwner(folder: string): LockOwner | null {
  try {
    const parsed = owner.safeParse(JSON.parse(readFileSync(join(folder, OWNER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
