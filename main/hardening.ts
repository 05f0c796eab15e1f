// The shell's security decisions as pure functions, so they are tested without Electron: how the
// window is locked down, which page counts as the app, and which links may open in the system browser.
import type { WebPreferences } from 'electron';

export const WINDOW_SIZE = { width: 1366, height: 768, minWidth: 1024, minHeight: 700 } as const;

export function windowSecurityOptions(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

/**
 * Whether `url` is the app's own page: the built index.html (app://counter/index.html, any #route)
 * or, in development, a page of the dev server's origin. (Scheme, host and path are compared one by
 * one: for a custom scheme, URL.origin is "null" whatever the host.)
 */
export function isAppPageUrl(url: string, appPageUrl: string): boolean {
  const candidate = parseUrl(url);
  const app = parseUrl(appPageUrl);
  if (!candidate || !app) return false;
  if (app.protocol === 'http:' || app.protocol === 'https:') return candidate.origin === app.origin;
  return candidate.protocol === app.protocol && candidate.host === app.host && candidate.pathname === app.pathname;
}

export interface ExternalUrlPolicy {
  /** ZOHO_ACCOUNTS_URL may point sign-in at another accounts server (a simulator on 127.0.0.1 in tests). */
  env: Record<string, string | undefined>;
  /** Demo mode's simulator: its virtual terminal pages may open in the system browser. */
  simulatorUrl?: string | null;
}

const ZOHO_ACCOUNTS_HOSTS = new Set(['accounts.zoho.in', 'accounts.zoho.com']);
const LOOPBACK = '127.0.0.1';

/** Only Zoho's consent pages (and demo terminals) leave the app, and only to the system browser. */
export function isAllowedExternalUrl(url: string, policy: ExternalUrlPolicy): boolean {
  const target = parseUrl(url);
  if (!target || target.username !== '' || target.password !== '') return false;
  if (target.protocol === 'https:' && target.port === '' && ZOHO_ACCOUNTS_HOSTS.has(target.hostname)) return true;

  const accountsOverride = parseUrl(policy.env.ZOHO_ACCOUNTS_URL);
  if (accountsOverride && target.origin === accountsOverride.origin && isSecureOrLoopback(accountsOverride)) return true;

  const simulator = parseUrl(policy.simulatorUrl);
  return (
    simulator !== null &&
    simulator.protocol === 'http:' &&
    simulator.hostname === LOOPBACK &&
    target.origin === simulator.origin &&
    target.pathname.startsWith('/terminal/')
  );
}

function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === LOOPBACK);
}

function parseUrl(text: string | null | undefined): URL | null {
  if (!text) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
