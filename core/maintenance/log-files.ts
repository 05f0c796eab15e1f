// The log on disk: the data folder's logs/, one file a day (and a new one past 10 MB), the newest
// 14 kept besides the one being written. pino-roll rotates and prunes, in-process (no worker
// thread, so Electron's bundle needs nothing extra). Every line is written before the call that
// logged it returns (sync), so a crash keeps its last lines. Files 0600, folder 0700.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import buildRollingFile from 'pino-roll';
import { streamLogger, type Logger } from '../logger';

export const LOG_ROTATION = {
  /** A file is closed and a new one started past this size (pino-roll's units: k, m, g). */
  maxSize: '10m',
  /** Files kept besides the one being written; older ones are deleted at each rotation. */
  keep: 14,
} as const;

const LOG_FILE_NAME = 'counter';
/** Rotated files are named counter.<day>.<n>.log (pino-roll's "extension last" format). */
export const LOG_FILE_PATTERN = /^counter\.\d{4}-\d{2}-\d{2}\.\d+\.log$/;

export function logsDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

export interface LogFiles {
  /** Writes each entry to the current log file (and to stderr). */
  logger: Logger;
  dir: string;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export interface LogFileOptions {
  maxSize?: string;
  keep?: number;
  /** Also write to stderr (default true; the tests keep their output clean). */
  stderr?: boolean;
}

export async function openLogFiles(dataDir: string, options: LogFileOptions = {}): Promise<LogFiles> {
  const dir = logsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = await buildRollingFile({
    file: join(dir, LOG_FILE_NAME),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: options.maxSize ?? LOG_ROTATION.maxSize,
    limit: { count: options.keep ?? LOG_ROTATION.keep, removeOtherLogFiles: true },
    mode: 0o600,
    sync: true,
  });
  const streams = options.stderr === false ? [{ stream: file }] : [{ stream: file }, { stream: pino.destination({ dest: 2, sync: true }) }];
  const logger = streamLogger(pino.multistream(streams));
  return {
    logger,
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        file.once('close', () => resolve());
        file.end();
      }),
  };
}
