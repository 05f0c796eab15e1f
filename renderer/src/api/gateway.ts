// The one place the zustand stores reach the backend: the BillingApi from ./index (window.billing in
// Electron, the HTTP + SSE client in a browser), with transport failures turned into results.
import type { BillingApi } from '../../../contract/api';
import type { Result } from '../../../contract/result';
import { getBillingApi } from './index';

let api: BillingApi | null = null;

export function billing(): BillingApi {
  api ??= getBillingApi();
  return api;
}

/** For unit tests: forget the api in use, so the next call finds the one installed now. */
export function resetBillingApi(): void {
  api = null;
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
