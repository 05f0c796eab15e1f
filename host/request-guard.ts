// Who may talk to the browser host: requests addressed to 127.0.0.1 or localhost on its port (DNS
// rebinding sends another Host), from its own origin, carrying the per-run token (an HttpOnly
// cookie set from the printed address, or a Bearer header for tests and tools).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && LOOPBACK_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`);
}

/** Browsers send Origin on cross-origin requests and on every POST; when present it must be ours. */
export function isForeignOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  return origin !== undefined && origin !== `http://${headers.host ?? ''}`;
}

/** Fetch metadata: refuses API requests made by other sites (other ports on 127.0.0.1 are same-site). */
export function isCrossSiteFetch(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export function tokenCookieName(port: number): string {
  // Cookies ignore ports: hosts running on other ports must not overwrite each other's token.
  return `counter_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The token a request presents: its Bearer header, else its cookie. */
export function presentedToken(headers: IncomingHttpHeaders, port: number): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (bearer?.[1]) return bearer[1];
  const wanted = `${tokenCookieName(port)}=`;
  for (const part of (headers.cookie ?? '').split(';')) {
    const cookie = part.trim();
    if (cookie.startsWith(wanted)) return cookie.slice(wanted.length);
  }
  return null;
}

/** Constant-time comparison (of digests, so lengths never leak either). */
export function tokenMatches(presented: string | null, token: string): boolean {
  if (presented === null) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
