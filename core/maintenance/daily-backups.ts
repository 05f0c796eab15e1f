// The daily backup of a running mode's database: once per local day, started only at a moment when
// no payment is live (looked for every few minutes), copied in a worker thread that sleeps while a
// payment is live, checked, and then the backups older than the kept days are deleted.
import type { Logger } from '../logger';
import { BackupAbandonedError, listBackups, pruneBackups, takeBackup, type BackupFile } from './backups';
import { databaseName } from './open-checked';

export interface DailyBackupTiming {
  /** The first look after the mode starts, so start-up is not slowed. */
  firstCheckMs: number;
  /** How often it looks again for a quiet moment. */
  checkEveryMs: number;
}

export const DAILY_BACKUP_TIMING: DailyBackupTiming = { firstCheckMs: 60_000, checkEveryMs: 5 * 60_000 };

export interface DailyBackupOptions {
  /** The mode's database file. */
  file: string;
  dir: string;
  now: () => number;
  log: Logger;
  /** The manager's preference: backups of this many days are kept. */
  keepDays: () => number;
  /** Payments live now (creating or in progress): a backup starts only at zero. */
  livePayments: () => number;
  timing?: Partial<DailyBackupTiming>;
}

export interface DailyBackups {
  /** Takes today's backup if none is taken yet and no payment is live; resolves with it (or null). */
  runIfDue(): Promise<BackupFile | null>;
  /** Stops the timer and abandons a backup under way (its copy or its check). */
  stop(): Promise<void>;
}

export function startDailyBackups(options: DailyBackupOptions): DailyBackups {
  const timing = { ...DAILY_BACKUP_TIMING, ...options.timing };
  const database = databaseName(options.file);
  let running: Promise<BackupFile | null> | null = null;
  const stopping = new AbortController();

  const takenToday = () => {
    const newest = listBackups(options.dir, database)[0];
    return newest !== undefined && new Date(newest.takenAt).toDateString() === new Date(options.now()).toDateString();
  };

  const backUp = async (): Promise<BackupFile | null> => {
    try {
      const started = performance.now();
      const backup = await takeBackup(options.file, { dir: options.dir, database, at: options.now(), waitForQuiet: true, signal: stopping.signal });
      const removed = pruneBackups(options.dir, database, options.keepDays());
      options.log.info('daily backup taken and checked', { backup: backup.fileName, ms: Math.round(performance.now() - started), removed });
      return backup;
    } catch (error) {
      if (!(error instanceof BackupAbandonedError)) options.log.error('daily backup failed', { database, error: String(error) });
      return null;
    }
  };

  const runIfDue = (): Promise<BackupFile | null> => {
    if (running) return running;
    if (stopping.signal.aborted || options.livePayments() > 0 || takenToday()) return Promise.resolve(null);
    running = backUp().finally(() => (running = null));
    return running;
  };

  const tick = () => void runIfDue();
  let interval: NodeJS.Timeout | null = null;
  const first = setTimeout(() => {
    tick();
    interval = setInterval(tick, timing.checkEveryMs);
    interval.unref();
  }, timing.firstCheckMs);
  first.unref();

  return {
    runIfDue,
    async stop() {
      stopping.abort();
      clearTimeout(first);
      if (interval) clearInterval(interval);
      await running;
    },
  };
}
