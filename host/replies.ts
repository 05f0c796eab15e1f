// Response helpers: every answer carries the same security headers as the desktop window's page.
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../contract/content-security-policy';
import { fail, type ErrorCode } from '../contract/result';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** A refused /api request, in the Result shape the renderer's client understands. */
export function sendRefusal(res: ServerResponse, status: number, message: string, code: ErrorCode = 'internal'): void {
  sendJson(res, status, fail(code, message));
}

export function sendPage(res: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p></html>`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
  });
  res.end(html);
}
