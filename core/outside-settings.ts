// Settings from outside the app that change where Counter sends the Zoho client secret and tokens,
// or where it keeps them: ZOHO_PAYMENTS_URL, ZOHO_ACCOUNTS_URL and the data folder override. Any
// in use is logged at start-up and shown on the Manager screen. In a packaged app (the desktop
// installer, or the browser host started with --packaged) they are accepted only when they keep
// the secrets safe: https addresses, or this computer itself; a data folder on a local disk.
import { isAbsolute } from 'node:path';
import type { SettingOverride } from '../contract/answers';

export const URL_OVERRIDES = ['ZOHO_PAYMENTS_URL', 'ZOHO_ACCOUNTS_URL'] as const;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class RefusedOverrideError extends Error {
  constructor(setting: string, value: string, rule: string) {
    super(`Counter will not start: ${setting} is set to ${value}, but ${rule}. Remove ${setting}, or correct it, and start Counter again.`);
    this.name = 'RefusedOverrideError';
  }
}

export interface OverrideSources {
  env: Record<string, string | undefined>;
  /** The setting that chose the data folder (--data-dir, COUNTER_USER_DATA_DIR) and the folder, when one did. */
  dataFolder?: { setting: string; path: string } | undefined;
  /** A packaged app: only safe overrides are accepted. */
  packaged: boolean;
}

/** The overrides in use, each as it is shown; throws RefusedOverrideError for one a packaged app may not use. */
export function checkOverrides(sources: OverrideSources): SettingOverride[] {
  const found: SettingOverride[] = [];
  for (const setting of URL_OVERRIDES) {
    const value = sources.env[setting];
    if (!value) continue;
    found.push({ setting, value: checkUrl(setting, value, sources.packaged) });
  }
  if (sources.dataFolder) {
    const { setting, path } = sources.dataFolder;
    if (sources.packaged && !isLocalFolder(path)) {
      throw new RefusedOverrideError(setting, path, 'a packaged Counter keeps its data only in a folder on this computer’s own disk (a full path, not a network share)');
    }
    found.push({ setting, value: path });
  }
  return found;
}

function checkUrl(setting: string, value: string, packaged: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RefusedOverrideError(setting, value.slice(0, 200), 'that is not a web address');
  }
  const shown = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  if (!packaged) return shown;
  if (url.username || url.password) throw new RefusedOverrideError(setting, shown, 'a packaged Counter does not send a user name or password in an address');
  const safe = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!safe) {
    throw new RefusedOverrideError(setting, shown, 'a packaged Counter sends the Zoho client secret and tokens only over https, or to this computer itself (127.0.0.1, localhost)');
  }
  return shown;
}

/** An absolute path that is not a Windows network share (\\server\share or //server/share). */
function isLocalFolder(path: string): boolean {
  return isAbsolute(path) && !/^[\\/]{2}/.test(path);
}
