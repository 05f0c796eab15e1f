// The manager's Help tab: where Counter keeps its files, its versions and updates, installing a
// downloaded update (never while a payment is live), and the support bundle.
import type { ConnectionStatus } from '../../contract/answers';
import { countLiveAttempts } from '../../db/local/live-attempts';
import { schemaVersion } from '../../db/local/migrate';
import { HandlerFailure } from '../failure';
import type { ManagerPinFile } from '../manager/pin-file';
import type { RunningMode } from '../mode';
import { backupsDir, listBackups } from '../maintenance/backups';
import { logsDir } from '../maintenance/log-files';
import { databaseName } from '../maintenance/open-checked';
import { buildSupportBundle } from '../maintenance/support-bundle';
import { installDecision, NO_UPDATER_MESSAGE, updateStatus, type Updater } from '../maintenance/update-policy';
import type { ConnectionVault } from '../zoho/vault';
import { readSettings } from './settings';
import type { Handlers } from './types';

export interface SupportContext {
  dataDir: string;
  version: string;
  now: () => number;
  /** The desktop app's updater; null where Counter does not update itself. */
  updater: Updater | null;
  mode: () => RunningMode;
  vault: ConnectionVault;
  pinFile: ManagerPinFile;
  connectionStatus: () => Promise<ConnectionStatus>;
  /** The password of this PC's own store login, while joined (scrubbed like the other secrets). */
  storePassword: () => string | null;
}

export function supportHandlers(ctx: SupportContext): Handlers<'support-info' | 'support-bundle' | 'update-install'> {
  return {
    'support-info': () => {
      const mode = ctx.mode();
      const backups = backupsDir(ctx.dataDir);
      const newest = listBackups(backups, databaseName(mode.dbFile))[0];
      return {
        version: ctx.version,
        schemaVersion: schemaVersion(mode.db),
        dataDir: ctx.dataDir,
        logsDir: logsDir(ctx.dataDir),
        backupsDir: backups,
        newestBackup: newest ? { fileName: newest.fileName, takenAt: newest.takenAt } : null,
        updates: updateStatus(ctx.updater, countLiveAttempts(mode.db)),
      };
    },
    'support-bundle': async () => {
      const mode = ctx.mode();
      const { fileName, zip } = await buildSupportBundle({
        now: ctx.now(),
        version: ctx.version,
        mode: mode.kind,
        db: mode.db,
        dbFile: mode.dbFile,
        logsDir: logsDir(ctx.dataDir),
        backupsDir: backupsDir(ctx.dataDir),
        settings: readSettings(mode.db),
        connection: await ctx.connectionStatus(),
        secrets: await secretValues(ctx, mode),
      });
      return { fileName, zipBase64: zip.toString('base64') };
    },
    'update-install': () => {
      if (!ctx.updater) throw new HandlerFailure('conflict', NO_UPDATER_MESSAGE);
      const decision = installDecision(ctx.updater.state(), countLiveAttempts(ctx.mode().db));
      if (!decision.install) throw new HandlerFailure('conflict', decision.reason);
      ctx.updater.install();
      return { installing: true };
    },
  };
}

/** Every secret value Counter holds: the Zoho connection's (and the demo simulator's) and the PIN's hash. */
async function secretValues(ctx: SupportContext, mode: RunningMode): Promise<string[]> {
  const stored = await ctx.vault.read();
  const demo = mode.simulator?.fixture;
  const pin = await ctx.pinFile.read();
  const pinHash = pin.kind === 'set' ? pin.hash : null;
  return [stored?.clientSecret, stored?.refreshToken, stored?.accessToken, demo?.client_secret, demo?.refresh_token, pinHash, ctx.storePassword()].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}
