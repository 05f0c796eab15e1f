// The desktop app's way back from a damaged database: instead of the restore command, a button.
// The message names the newest good backup; choosing it restores that backup (core/maintenance/restore.ts)
// and Counter starts again on it.
import { dirname } from 'node:path';
import { damagedDatabaseMessage, type DatabaseDamagedError } from '../core/maintenance/damaged-database';
import { restoreBackup } from '../core/maintenance/restore';

export const RESTORE_BUTTON = 'Restore this backup';

export interface MessageBoxRequest {
  type: 'error';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

export interface RestoreDialogDeps {
  /** Shows the message box (Electron's dialog.showMessageBox); the index of the button chosen. */
  ask(request: MessageBoxRequest): Promise<number>;
  now: () => number;
}

/** Offers the newest backup; true when it was restored (start Counter again), false to quit. */
export async function offerRestore(error: DatabaseDamagedError, deps: RestoreDialogDeps): Promise<boolean> {
  const base = { type: 'error' as const, title: 'Counter', message: 'Counter could not start' };
  if (!error.backup) {
    await deps.ask({ ...base, detail: error.message, buttons: ['Quit'], defaultId: 0, cancelId: 0 });
    return false;
  }
  const how = `Choose "${RESTORE_BUTTON}" to put it back and start Counter again.`;
  const choice = await deps.ask({ ...base, detail: damagedDatabaseMessage(error.file, error.backup, error.findings, how), buttons: [RESTORE_BUTTON, 'Quit'], defaultId: 0, cancelId: 1 });
  if (choice !== 0) return false;
  restoreBackup({ dataDir: dirname(error.file), backup: error.backup.path, now: deps.now() });
  return true;
}
