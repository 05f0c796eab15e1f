// The Electron side of the hardening: the one window, what its pages may do, and the session rules.
import { BrowserWindow, Menu, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../contract/content-security-policy';
import { windowSecurityOptions, WINDOW_SIZE } from './hardening';

export interface WindowOptions {
  appPageUrl: string;
  preloadPath: string;
  devTools: boolean;
  onLoadFailed: (error: unknown) => void;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    title: 'Counter',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: windowSecurityOptions(options.preloadPath, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.appPageUrl).catch(options.onLoadFailed);
  return window;
}

export interface NavigationPolicy {
  isAppPage: (url: string) => boolean;
  /** Opens `url` in the system browser if it is an allowed external link; ignores it otherwise. */
  openExternal: (url: string) => void;
}

/** Applied to every web contents: no navigation away from the app, no new windows, no webviews. */
export function guardWebContents(contents: WebContents, policy: NavigationPolicy): void {
  contents.setWindowOpenHandler(({ url }) => {
    policy.openExternal(url);
    return { action: 'deny' };
  });
  const refuseForeign = (event: { url: string; preventDefault(): void }) => {
    if (policy.isAppPage(event.url)) return;
    event.preventDefault();
    policy.openExternal(event.url);
  };
  contents.on('will-frame-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No permission is ever granted (camera, notifications, HID…), and every response carries the CSP. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** macOS needs a menu for Quit and the clipboard shortcuts; elsewhere the window has none. */
export function installMenu(platform: NodeJS.Platform): void {
  Menu.setApplicationMenu(platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
}
