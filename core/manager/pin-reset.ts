// The way back when the manager PIN is forgotten or its file damaged: a step taken on the computer
// itself, by its user account (a command, or the desktop app started with a flag), while Counter
// is stopped. It records the reset in the audit trail of each database in the data folder, then
// leaves a PIN record saying who reset it and when; the next manager to open the Manager screen sets
// a new PIN. Someone at the counter who cannot use the computer's account cannot do this.
import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { appendAccessEvent } from '../../db/local/access-events';
import { closeDatabase, openDatabase } from '../../db/local/database';
import { lockDataFolder } from '../data-folder/lock';
import { prepareDataFolder } from '../data-folder/permissions';
import { DEMO_DB_FILE, LIVE_DB_FILE } from '../mode';
import { ManagerPinFile } from './pin-file';

export interface PinResetOptions {
  /** Who reset it: the computer account (computerAccount()). */
  by: string;
  now?: () => number;
}

/** The databases whose audit trail records the reset. */
export interface PinResetResult {
  audited: string[];
}

export class NoCounterDataError extends Error {
  constructor(folder: string) {
    super(`There is no Counter data in ${folder}, so there is no manager PIN to reset. Check the data folder.`);
    this.name = 'NoCounterDataError';
  }
}

/** Throws DataFolderInUseError while Counter runs on the folder, and NoCounterDataError when it holds no Counter data. */
export async function resetManagerPin(dataDir: string, options: PinResetOptions): Promise<PinResetResult> {
  const now = options.now ?? Date.now;
  if (!existsSync(dataDir)) throw new NoCounterDataError(dataDir);
  prepareDataFolder(dataDir);
  const lock = lockDataFolder(dataDir, 'the manager PIN reset', now);
  try {
    const at = now();
    const audited = [LIVE_DB_FILE, DEMO_DB_FILE].filter((file) => existsSync(join(dataDir, file)));
    const pinFile = new ManagerPinFile(dataDir);
    if (audited.length === 0 && (await pinFile.read()).kind === 'absent') throw new NoCounterDataError(dataDir);
    for (const file of audited) {
      const db = openDatabase(join(dataDir, file));
      try {
        appendAccessEvent(db, {
          at,
          kind: 'pin_reset',
          actor: options.by,
          detail: 'The manager PIN was reset on this computer, outside Counter. The next manager to open the Manager screen sets a new PIN.',
        });
      } finally {
        closeDatabase(db);
      }
    }
    await pinFile.write({ kind: 'reset', at, by: options.by });
    return { audited };
  } finally {
    lock.release();
  }
}

/** "asha on shop-pc": the user account running this, on this computer. */
export function computerAccount(): string {
  return `${userInfo().username} on ${hostname()}`;
}
