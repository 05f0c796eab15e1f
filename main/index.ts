// The Electron shell: one hardened window over the backend, reached through named IPC calls.
// Everything here is wiring; the decisions live in hardening.ts, app-protocol.ts, ipc.ts and save-csv.ts.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { app, dialog, ipcMain, protocol, safeStorage, session, shell, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';
import { startBackend, type Backend } from '../core/backend';
import { integrationApiSetting, type IntegrationApiSetting } from '../core/integration-api/setting';
import { consoleLogger, type Logger } from '../core/logger';
import { computerAccount, resetManagerPin } from '../core/manager/pin-reset';
import { DatabaseDamagedError } from '../core/maintenance/damaged-database';
import { openLogFiles } from '../core/maintenance/log-files';
import { APP_PAGE_URL, registerAppScheme, serveAppScheme } from './app-protocol';
import { isAllowedExternalUrl, isAppPageUrl } from './hardening';
import { forwardEvents, registerBillingIpc } from './ipc';
import { offerRestore } from './restore-dialog';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import { listPrinters, printPage } from './print';
import { saveCsv } from './save-csv';
import { saveDayCsv } from './save-day-csv';
import { saveSupportBundle } from './save-support-bundle';
import { desktopUpdater } from './updater';
import { createMainWindow, guardWebContents, hardenSession, installMenu } from './window';
import { startSimulator } from '../simulator/index';

// stderr until the log file in the data folder is open.
let log: Logger = consoleLogger();
// electron-vite's dev server, never in a packaged app (a stray variable must not redirect the window).
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
// The built renderer is served from app://counter/ (app-protocol.ts), never from file://.
const appPageUrl = devServerUrl ?? APP_PAGE_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const isAppPage = (url: string) => isAppPageUrl(url, appPageUrl);

// Tests and second installs may point the app at another profile; the single-instance lock follows it.
if (process.env.COUNTER_USER_DATA_DIR) app.setPath('userData', resolve(process.env.COUNTER_USER_DATA_DIR));

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;
let backendClosed = false;

/** Started with this flag by someone signed in to the computer, Counter resets the manager PIN before it opens. */
const RESET_PIN_FLAG = '--reset-manager-pin';
const PIN_RECOVERY = `To choose a new PIN, someone signed in to this computer’s user account quits Counter and starts it once with ${RESET_PIN_FLAG} (for example "Counter.exe ${RESET_PIN_FLAG}" on Windows, "open -a Counter --args ${RESET_PIN_FLAG}" on a Mac, "counter-billing ${RESET_PIN_FLAG}" on Linux).`;

// Privileged schemes must be registered before the app is ready.
registerAppScheme(protocol);

if (app.requestSingleInstanceLock()) {
  start().catch(failToStart);
} else {
  app.quit();
}

async function start(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { isAppPage, openExternal: openIfAllowed }));
  app.on('second-instance', (_event, argv) => {
    focusWindow();
    if (argv.includes(RESET_PIN_FLAG)) {
      void dialog.showMessageBox({ type: 'info', message: 'Counter is running', detail: `Quit Counter first, then start it again with ${RESET_PIN_FLAG} to reset the manager PIN.` });
    }
  });
  app.on('before-quit', closeBackendBeforeQuit);
  await app.whenReady();

  installMenu(process.platform);
  hardenSession(session.defaultSession);
  serveAppScheme(session.defaultSession.protocol, rendererDir);
  const userData = app.getPath('userData');
  const dataDir = join(userData, 'data');
  log = (await openLogFiles(dataDir)).logger;
  if (process.argv.includes(RESET_PIN_FLAG)) {
    await resetManagerPin(dataDir, { by: computerAccount() });
    await dialog.showMessageBox({ type: 'info', message: 'The manager PIN is reset', detail: 'Counter opens now. Go to the Manager screen and set a new PIN straight away.' });
  }
  const running = await startBackend({
    dataDir,
    ...(process.env.COUNTER_USER_DATA_DIR ? { dataDirOverride: 'COUNTER_USER_DATA_DIR' } : {}),
    packaged: app.isPackaged,
    appName: 'the desktop app',
    secretStore: new SafeStorageSecretStore(safeStorage, join(userData, 'zoho-connection.secret')),
    // Demo mode's Zoho: the simulator, in this process.
    startDemoZoho: startSimulator,
    // The store's address may hold the database password: kept like the Zoho secrets.
    storeSecretStore: new SafeStorageSecretStore(safeStorage, join(userData, 'store-link.secret')),
    env: process.env,
    openExternal: openIfAllowed,
    pinRecovery: PIN_RECOVERY,
    ...withIntegrationApi(integrationApiSetting({}, process.env)),
    // Only an installed package updates itself; a development run never does.
    ...(app.isPackaged ? { updater: desktopUpdater(electronUpdater.autoUpdater, log) } : {}),
    tuning: { version: app.getVersion(), log },
  });
  backend = running;

  registerBillingIpc(ipcMain, {
    backend: running,
    isAppPage,
    saveCsv: (input) =>
      saveCsv(input, { chooseFile: (fileName) => chooseFile(fileName, { name: 'CSV', extensions: ['csv'] }), writeFile: (filePath, text) => writeFile(filePath, text, 'utf8') }),
    saveDayCsv: (input) => saveDayCsv(input, { exportDayCsv: (filter, target) => running.exportDayCsv(filter, target), chooseFile: (fileName) => chooseFile(fileName, { name: 'CSV', extensions: ['csv'] }) }),
    saveSupportBundle: (input) =>
      saveSupportBundle(input, {
        makeBundle: (bundleInput) => running.call('support-bundle', bundleInput),
        chooseFile: (fileName) => chooseFile(fileName, { name: 'Zip archive', extensions: ['zip'] }),
        writeFile: (filePath, bytes) => writeFile(filePath, bytes, { mode: 0o600 }),
      }),
    printPage: (input) => printPage(input, mainWindow?.webContents ?? null),
    listPrinters: () => listPrinters(mainWindow?.webContents ?? null),
    log,
  });
  forwardEvents(running, () => mainWindow?.webContents ?? null);

  openWindow();
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function openWindow(): void {
  const window = createMainWindow({
    appPageUrl,
    preloadPath,
    devTools: !app.isPackaged,
    onLoadFailed: (error) => log.error('the window could not load the app', { error: String(error) }),
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Payments being polled are written to the database as they change; closing stops the poller cleanly. */
function closeBackendBeforeQuit(event: Electron.Event): void {
  if (!backend || backendClosed) return;
  event.preventDefault();
  const closing = backend;
  backend = null;
  closing
    .close()
    .catch((error: unknown) => log.error('the backend did not close cleanly', { error: String(error) }))
    .finally(() => {
      backendClosed = true;
      app.quit();
    });
}

/** The consent page of "Sign in with Zoho" and demo terminals open in the system browser; nothing else does. */
function openIfAllowed(url: string): void {
  void (async () => {
    const info = backend ? await backend.call('app-info', {}) : null;
    const simulatorUrl = info?.ok ? info.value.simulatorUrl : null;
    if (isAllowedExternalUrl(url, { env: process.env, simulatorUrl })) await shell.openExternal(url);
    else log.warn('refused to open a link outside Counter', { origin: safeOrigin(url) });
  })().catch((error: unknown) => log.error('could not open the system browser', { error: String(error) }));
}

async function chooseFile(fileName: string, filter: Electron.FileFilter): Promise<string | null> {
  const options = { defaultPath: join(app.getPath('documents'), fileName), filters: [filter] };
  const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

function failToStart(error: unknown): void {
  log.error('Counter could not start', { error: error instanceof Error ? error.stack : String(error) });
  if (error instanceof DatabaseDamagedError) {
    offerRestore(error, { ask: (request) => dialog.showMessageBox(request).then((answer) => answer.response), now: Date.now }).then(
      (restored) => {
        if (restored) app.relaunch();
        app.exit(restored ? 0 : 1);
      },
      (restoreError: unknown) => {
        dialog.showErrorBox('Counter could not restore the backup', restoreError instanceof Error ? restoreError.message : String(restoreError));
        app.exit(1);
      },
    );
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Counter could not start', message);
  app.exit(1);
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'not a URL';
  }
}

function withIntegrationApi(setting: IntegrationApiSetting | null): { integrationApi?: IntegrationApiSetting } {
  return setting ? { integrationApi: setting } : {};
}
