// The renderer's way to the backend: window.billing in the desktop app (the preload), the browser
// host's HTTP + SSE client (its calls over a WebSocket while one is open) anywhere else. Screens import from here only.
import type { BillingApi } from '../../../contract/api';
import type { DayCsvSaved } from '../../../contract/answers';
import type { HandlerInput } from '../../../contract/handlers';
import { ok, type Result } from '../../../contract/result';
import type { DesktopBilling, PaperLayout, PrinterInfo } from '../../../preload/bridge';
import { download, downloadBase64, downloadText } from './download';
import type { TransportState } from './event-stream';
import { createHttpBillingApi, type HttpBillingApi } from './http-billing-api';

export type { TransportState } from './event-stream';

let browserApi: HttpBillingApi | null = null;

function desktopBridge(): DesktopBilling | undefined {
  return (globalThis as { billing?: DesktopBilling }).billing;
}

function browserClient(): HttpBillingApi {
  browserApi ??= createHttpBillingApi({
    fetch: (url, init) => fetch(url, init),
    openEvents: (url) => new EventSource(url),
    openCallSocket: () => new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/calls`),
  });
  return browserApi;
}

export function getBillingApi(): BillingApi {
  return desktopBridge() ?? browserClient();
}

/**
 * Whether backend events are flowing; called now and on every change. In the desktop app it is
 * always 'connected' (IPC cannot drop). After 'lost' → 'connected', reload what is on screen.
 */
export function onTransportChange(listener: (state: TransportState) => void): () => void {
  if (!desktopBridge()) return browserClient().onTransportChange(listener);
  listener('connected');
  return () => undefined;
}

/**
 * Saves a CSV export: the system's save dialog in the desktop app, a download in a browser.
 * Resolves false when the person cancelled the dialog; rejects when the file could not be written.
 */
export async function saveCsv(fileName: string, csv: string): Promise<boolean> {
  const desktop = desktopBridge();
  if (!desktop) {
    downloadText(fileName, csv, 'text/csv;charset=utf-8');
    return true;
  }
  const result = await desktop.saveCsv(fileName, csv);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.saved;
}

/**
 * Saves the day's log as CSV, written as it is read: in the desktop app into the file chosen in the
 * system's save dialog by the main process, in a browser as a download the host streams. `saved` is
 * false when the person cancelled the dialog; a write that failed part-way rejects.
 */
export async function saveDayCsv(filter: HandlerInput<'log-export-csv'>): Promise<Result<DayCsvSaved>> {
  const desktop = desktopBridge();
  if (desktop) return desktop.saveDayCsv(filter);
  const fetched = await browserClient().fetchDayCsv(filter);
  if (!fetched.ok) return fetched;
  const { fileName, file, rowCount } = fetched.value;
  download(fileName, file);
  return ok({ saved: true, fileName, rowCount });
}

/**
 * Saves a support bundle (manager only): in the desktop app the main process makes it and writes it
 * where the manager chooses in the system's save dialog; in a browser it is downloaded. The value
 * is false when the dialog was cancelled.
 */
export async function saveSupportBundle(managerToken: string): Promise<Result<boolean>> {
  const desktop = desktopBridge();
  if (desktop) {
    const saved = await desktop.saveSupportBundle(managerToken);
    return saved.ok ? ok(saved.value.saved) : saved;
  }
  const bundle = await browserClient().supportBundle({ managerToken });
  if (!bundle.ok) return bundle;
  downloadBase64(bundle.value.fileName, bundle.value.zipBase64, 'application/zip');
  return ok(true);
}

/** Whether this is the desktop app, which can print straight to a chosen printer. */
export function canChoosePrinter(): boolean {
  return desktopBridge() !== undefined;
}

/** The printers of this computer (desktop app only; a browser prints through its own dialog). */
export async function listPrinters(): Promise<PrinterInfo[]> {
  const desktop = desktopBridge();
  if (!desktop) return [];
  const result = await desktop.listPrinters();
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/**
 * Prints what the page shows for print: on `printer` (desktop, silently) or through the print
 * dialog (no printer chosen, or a browser, where the print styles pick the paper). Resolves false
 * when nothing was printed (cancelled, or the printer refused), with the system's reason.
 */
export async function printPage(layout: PaperLayout, printer: string | null): Promise<{ printed: boolean; reason: string | null }> {
  const desktop = desktopBridge();
  if (!desktop) {
    window.print();
    return { printed: true, reason: null };
  }
  const result = await desktop.printPage({ deviceName: printer, layout });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
