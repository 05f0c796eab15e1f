// What the preload puts on `window.billing`, shared by the preload, the main process's IPC handlers
// and the renderer's client. Types and channel names only: nothing here runs Node or Electron.
import type { BillingApi } from '../contract/api';
import type { Result } from '../contract/result';

/** Main → renderer: every backend event. */
export const EVENT_CHANNEL = 'billing:event';
/** Renderer → main: save a CSV export through the system's save dialog. */
export const SAVE_CSV_CHANNEL = 'shell:save-csv';

export interface SaveCsvOutcome {
  /** False when the person closed the save dialog without choosing a file. */
  saved: boolean;
}

export interface DesktopBilling extends BillingApi {
  saveCsv(fileName: string, csv: string): Promise<Result<SaveCsvOutcome>>;
}
