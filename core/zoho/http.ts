import type { Logger } from '../logger';
import { ZohoError } from './errors';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the body was empty. */
  body: unknown;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Sends one request and reads a JSON answer. Network trouble and unreadable bodies become ZohoErrors. */
export async function requestJson(request: HttpRequest, log: Logger): Promise<HttpAnswer> {
  const started = Date.now();
  const target = new URL(request.url);
  const logged = { method: request.method, host: target.host, path: target.pathname };
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const code = networkErrorCode(error);
    log.warn('zoho request failed', { ...logged, error: code, ms: Date.now() - started });
    throw new ZohoError('network', `Could not reach Zoho (${code})`, { notSent: NEVER_SENT_CODES.has(code) });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const code = networkErrorCode(error);
    log.warn('zoho answer cut off', { ...logged, status: response.status, error: code });
    throw new ZohoError('network', `Zoho's answer was cut off (${code})`, { status: response.status });
  }
  log.info('zoho request', { ...logged, status: response.status, ms: Date.now() - started });
  if (text.trim() === '') return { status: response.status, headers: response.headers, body: undefined };
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
  } catch {
    throw new ZohoError('malformed', `Zoho sent an answer that is not JSON (HTTP ${response.status})`, {
      status: response.status,
    });
  }
}

function networkErrorCode(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    const cause = (error as { cause?: unknown }).cause;
    if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
    return error.name;
  }
  return 'unknown';
}

/**
 * The longest wait a Retry-After may impose. The poller holds every check for it, so an absurd value
 * (a day, or 1e9 seconds, which setTimeout cannot even represent and would fire at once) must not
 * stall or spin the payments of every counter: past this, asking again costs one more 429 at worst.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), else the fallback; at most MAX_RETRY_AFTER_MS. */
export function retryAfterMs(headers: Headers, fallbackMs: number, now: number): number {
  const value = headers.get('retry-after');
  const seconds = value ? Number(value) : Number.NaN;
  const date = value ? Date.parse(value) : Number.NaN;
  const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : Number.isNaN(date) ? fallbackMs : date - now;
  return Math.min(Math.max(0, wait), MAX_RETRY_AFTER_MS);
}
