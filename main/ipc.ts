// The IPC adapter: one handler per backend call (plus the CSV and support bundle saves, and printing), each refusing any caller but
// the app's own top-level page and handing the input as sent to the backend, which parses it.
// Nothing throws across IPC: every answer is a Result.
import { HANDLER_NAMES } from '../contract/handlers';
import { fail, INTERNAL_FAILURE_MESSAGE, type Result } from '../contract/result';
import type { DayCsvSaved } from '../contract/answers';
import type { BillingEvent } from '../contract/events';
import type { Backend } from '../core/backend';
import type { Logger } from '../core/logger';
import { EVENT_CHANNEL, PRINT_CHANNEL, PRINTERS_CHANNEL, SAVE_CSV_CHANNEL, SAVE_DAY_CSV_CHANNEL, SAVE_SUPPORT_BUNDLE_CHANNEL, type PrinterInfo, type PrintOutcome, type SaveOutcome } from '../preload/bridge';

/** The part of Electron's IpcMainInvokeEvent the adapter checks. */
export interface IpcInvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of Electron's ipcMain the adapter uses (injected, so tests need no Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface BillingIpcOptions {
  backend: Pick<Backend, 'call'>;
  /** Whether a frame URL is the app's own page (see isAppPageUrl). */
  isAppPage: (url: string) => boolean;
  saveCsv: (input: unknown) => Promise<Result<SaveOutcome>>;
  saveDayCsv: (input: unknown) => Promise<Result<DayCsvSaved>>;
  saveSupportBundle: (input: unknown) => Promise<Result<SaveOutcome>>;
  printPage: (input: unknown) => Promise<Result<PrintOutcome>>;
  listPrinters: () => Promise<Result<PrinterInfo[]>>;
  log: Logger;
}

export const REFUSED_SENDER_MESSAGE = 'Refused: this request did not come from the Counter window.';

/** Registers every channel; returns a function that removes them again. */
export function registerBillingIpc(ipc: IpcMainLike, options: BillingIpcOptions): () => void {
  const channels: string[] = [];
  const serve = (channel: string, run: (input: unknown) => Promise<Result<unknown>>) => {
    ipc.handle(channel, async (event, input) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !options.isAppPage(frame.url)) {
        options.log.warn('refused an IPC call from a foreign frame', { channel, url: frame?.url ?? null });
        return fail('internal', REFUSED_SENDER_MESSAGE);
      }
      try {
        return await run(input);
      } catch (error) {
        options.log.error('IPC call failed', { channel, error: error instanceof Error ? error.stack : String(error) });
        return fail('internal', INTERNAL_FAILURE_MESSAGE);
      }
    });
    channels.push(channel);
  };

  for (const name of HANDLER_NAMES) serve(name, (input) => options.backend.call(name, input));
  serve(SAVE_CSV_CHANNEL, options.saveCsv);
  serve(SAVE_DAY_CSV_CHANNEL, options.saveDayCsv);
  serve(SAVE_SUPPORT_BUNDLE_CHANNEL, options.saveSupportBundle);
  serve(PRINT_CHANNEL, options.printPage);
  serve(PRINTERS_CHANNEL, () => options.listPrinters());

  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
  };
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, event: BillingEvent): void;
}

/** Sends every backend event to the window while it exists; returns the unsubscribe function. */
export function forwardEvents(backend: Pick<Backend, 'subscribe'>, target: () => EventTarget | null): () => void {
  return backend.subscribe((event) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
