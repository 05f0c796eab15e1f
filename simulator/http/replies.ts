import type { SimReply } from './types';

const NO_STORE = { 'cache-control': 'no-store' };

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): SimReply {
  return {
    status,
    headers: { ...NO_STORE, 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** Self-contained pages: inline style and script only, talking to this server alone. */
const PAGE_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "script-src 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function htmlReply(status: number, html: string): SimReply {
  return {
    status,
    headers: { ...NO_STORE, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_POLICY },
    body: html,
  };
}

export function redirectReply(location: string): SimReply {
  return { status: 302, headers: { ...NO_STORE, location }, body: '' };
}

export function emptyReply(status = 204): SimReply {
  return { status, headers: NO_STORE, body: '' };
}

/** The `{code, message}` shape Zoho uses for every non-OAuth error. */
export function errorReply(status: number, code: string, message: string, headers: Record<string, string> = {}): SimReply {
  return jsonReply(status, { code, message }, headers);
}

export function internalErrorReply(status = 500): SimReply {
  return errorReply(status, 'error', 'An internal error occurred. Please refresh the page and try again.');
}

/** An injected error: a 5xx server error, or a 4xx refusal of the call itself. */
export function faultReply(status: number): SimReply {
  return status >= 500 ? internalErrorReply(status) : errorReply(status, 'not_supported', 'This operation is not supported for this account.');
}
