// What the preload puts on `window.billing`, shared by the preload, the main process's IPC handlers
// and the renderer's client. Types and channel names only: nothing here runs Node or Electron.
import type { BillingApi } from '../contract/api';
import type { DayCsvSaved } from '../contract/answers';
import type { HandlerInput } from '../contract/handlers';
import type { Result } from '../contract/result';

/** Main → renderer: every backend event. */
export const EVENT_CHANNEL = 'billing:event';
/** Renderer → main: save a CSV export through the system's save dialog. */
export const SAVE_CSV_CHANNEL = 'shell:save-csv';
/** Renderer → main: save the day's CSV (log-export-csv's input) through the system's save dialog, written as it is read. */
export const SAVE_DAY_CSV_CHANNEL = 'shell:save-day-csv';
/** Renderer → main: make the support bundle (manager only) and save it through the system's save dialog. */
export const SAVE_SUPPORT_BUNDLE_CHANNEL = 'shell:save-support-bundle';
/** Renderer → main: print what the page shows for print (a receipt, the day's summary). */
export const PRINT_CHANNEL = 'shell:print';
/** Renderer → main: the printers this computer has, to choose the receipt printer. */
export const PRINTERS_CHANNEL = 'shell:printers';

/** The paper a receipt is printed on: an 80 mm thermal roll, or A4 sheets. */
export const PAPER_LAYOUTS = ['thermal', 'a4'] as const;
export type PaperLayout = (typeof PAPER_LAYOUTS)[number];

export interface PrintRequest {
  /** The printer's name as the system knows it; null asks the system's print dialog. */
  deviceName: string | null;
  layout: PaperLayout;
}

export interface PrintOutcome {
  /** False when the person cancelled the print dialog or the printer refused the job. */
  printed: boolean;
  /** The system's reason when it was not printed. */
  reason: string | null;
}

export interface PrinterInfo {
  /** What the system calls it (the print request's deviceName). */
  name: string;
  displayName: string;
}

export interface SaveOutcome {
  /** False when the person closed the save dialog without choosing a file. */
  saved: boolean;
}

export interface DesktopBilling extends BillingApi {
  saveCsv(fileName: string, csv: string): Promise<Result<SaveOutcome>>;
  /** The rows go from the backend to the chosen file inside the main process, a page at a time, never through the page. */
  saveDayCsv(filter: HandlerInput<'log-export-csv'>): Promise<Result<DayCsvSaved>>;
  /** The zip goes from the backend to the chosen file inside the main process, never through the page. */
  saveSupportBundle(managerToken: string): Promise<Result<SaveOutcome>>;
  printPage(request: PrintRequest): Promise<Result<PrintOutcome>>;
  listPrinters(): Promise<Result<PrinterInfo[]>>;
}
