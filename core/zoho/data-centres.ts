// Zoho runs a data centre per region, each with its own accounts server. The consent redirect
// names the one that holds the account (`accounts-server`), and the code must be exchanged there;
// the tokens it issues are then refreshed and revoked there too. Only Zoho's own accounts servers
// (https://zoho.com/accounts/protocol/oauth/multi-dc.html) may receive the client secret, or the
// server ZOHO_ACCOUNTS_URL names (a test's simulator, a proxy).
import { ZohoError } from './errors';

export const ZOHO_ACCOUNTS_SERVERS: readonly string[] = [
  'https://accounts.zoho.com', // United States
  'https://accounts.zoho.eu', // Europe
  'https://accounts.zoho.in', // India
  'https://accounts.zoho.com.au', // Australia
  'https://accounts.zoho.jp', // Japan
  'https://accounts.zohocloud.ca', // Canada
  'https://accounts.zoho.sa', // Saudi Arabia
  'https://accounts.zoho.uk', // United Kingdom
  'https://accounts.zoho.com.cn', // China
];

/**
 * The accounts server a consent redirect named, as an origin, if Counter may send the code and the
 * client secret there; otherwise a ZohoError that says so (nothing is sent).
 */
export function trustedAccountsServer(named: string, env: Record<string, string | undefined>): string {
  const server = parseOrigin(named);
  const override = parseOrigin(env.ZOHO_ACCOUNTS_URL);
  if (server !== null && (ZOHO_ACCOUNTS_SERVERS.includes(server) || server === override)) return server;
  throw new ZohoError(
    'validation',
    `The Zoho sign-in answer named an accounts server that is not Zoho’s (${named.slice(0, 100)}), so Counter did not send the code there. Start “Sign in with Zoho” again; if this happens again, tell your IT support.`,
  );
}

/** The origin of a bare server address (no path, query, user or password), or null. */
function parseOrigin(text: string | undefined): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
    return url.origin;
  } catch {
    return null;
  }
}
