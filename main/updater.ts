// The desktop app's updater: electron-updater on the generic HTTPS feed that electron-builder.yml
// names (baked into the package as app-update.yml). It downloads a newer version in the background
// and installs it when the manager asks (the backend first checks no payment is live:
// core/maintenance/update-policy.ts) or, failing that, when Counter is next closed.
//
// What is verified: every platform checks the download's sha512 against the feed's latest*.yml
// before the update counts as downloaded. On top of that, Windows (NSIS) checks that the new
// installer is Authenticode-signed by the same publisher as the running app, and macOS
// (Squirrel.Mac) that the new app's code signature satisfies the running app's designated
// requirement; Linux AppImage and deb updates have the sha512 check only, so the feed must be HTTPS.
import type { AppUpdater } from 'electron-updater';
import type { Logger } from '../core/logger';
import type { Updater, UpdaterState } from '../core/maintenance/update-policy';

export function desktopUpdater(updater: AppUpdater, log: Logger, now: () => number = Date.now): Updater {
  let state: UpdaterState = { kind: 'idle' };
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.logger = {
    info: (message?: unknown) => log.info('updater', { detail: String(message) }),
    warn: (message?: unknown) => log.warn('updater', { detail: String(message) }),
    error: (message?: unknown) => log.error('updater', { detail: String(message) }),
  };
  updater.on('checking-for-update', () => (state = { kind: 'checking' }));
  updater.on('update-not-available', () => (state = { kind: 'current', checkedAt: now() }));
  updater.on('update-available', (info) => (state = { kind: 'downloading', version: info.version, percent: 0 }));
  updater.on('download-progress', (progress) => {
    if (state.kind === 'downloading') state = { ...state, percent: Math.floor(progress.percent) };
  });
  updater.on('update-downloaded', (event) => (state = { kind: 'ready', version: event.version }));
  updater.on('error', (error) => {
    // A failure after the download (installing) leaves the downloaded update ready to try again.
    if (state.kind !== 'ready') state = { kind: 'failed', message: updateFailureMessage(error), at: now() };
  });

  return {
    state: () => state,
    async check() {
      const result = await updater.checkForUpdates();
      // The download runs on; its failure arrives as the 'error' event above.
      result?.downloadPromise?.catch(() => undefined);
    },
    install: () => updater.quitAndInstall(false, true),
  };
}

/** Plain words for the manager; the details go to the log. */
export function updateFailureMessage(error: Error & { code?: string }): string {
  if (error.code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/i.test(error.message)) {
    return 'The downloaded update did not match its published checksum, so it was thrown away.';
  }
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|net::ERR_/.test(`${error.code ?? ''} ${error.message}`)) {
    return 'Counter could not reach the update server.';
  }
  return 'The update could not be checked or downloaded.';
}
