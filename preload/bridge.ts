// What the preload puts on `window.billing`, shared by the preload, the main process's IPC handlers
// and the renderer's client. Types and channel names only: nothing here runs Node or Electron.
import type { BillingApi } from '../contract/api';
import type { Result } from '../contract/result';

/** Main → renderer: every backend event. */
export const EVENT_CHANNEL = 'billing:event';
/** Renderer → main: save a CSV export through the system's save dialog. */
export const SAVE_CSV_CHANNEL = 'shell:save-csv';
/** Renderer → main: make the support bundle (manager only) and save it through the system's save dialog. */
export const SAVE_SUPPORT_BUNDLE_CHANNEL = 'shell:save-support-bundle';

export interface SaveOutcome {
  /** False when the person closed the save dialog without choosing a file. */
  saved: boolean;
}

export interface DesktopBilling extends BillingApi {
  saveCsv(fileName: string, csv: string): Promise<Result<SaveOutcome>>;
  /** The zip goes from the backend to the chosen file inside the main process, never through the page. */
  saveSupportBundle(managerToken: string): Promise<Result<SaveOutcome>>;
}
