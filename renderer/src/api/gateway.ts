// The one place the screens reach the backend: the BillingApi from renderer/src/api (window.billing
// in Electron, the HTTP + SSE client in a browser), with transport failures turned into results.
import type { BillingApi } from '../../../contract/api';
import type { AppError, Result } from '../../../contract/result';
import { getBillingApi, saveCsv as saveCsvFile } from '../api';

let api: BillingApi | null = null;

export function billing(): BillingApi {
  api ??= getBillingApi();
  return api;
}

/** For unit tests: use a fake api. */
export function setBillingApi(fake: BillingApi | null): void {
  api = fake;
}

export const UNREACHABLE_MESSAGE = 'The Counter app is not answering. Wait a moment and try again; if it keeps happening, restart the app.';

/**
 * Runs a call and never throws: a transport failure (the backend not answering) becomes an
 * `internal` error result, so every screen handles one shape.
 */
export async function call<T>(run: (api: BillingApi) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run(billing());
  } catch (error) {
    console.error('call failed', error);
    return { ok: false, error: { code: 'internal', message: UNREACHABLE_MESSAGE } };
  }
}

export function errorOf(message: string, field?: string): AppError {
  return field === undefined ? { code: 'internal', message } : { code: 'internal', message, field };
}

/** Saves the file (download or save dialog); false when the person cancelled the dialog. */
export async function saveCsv(fileName: string, csv: string): Promise<boolean> {
  return saveCsvFile(fileName, csv);
}
