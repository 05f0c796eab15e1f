// A support bundle: one zip a manager can send to whoever supports the shop. It holds the last days
// of logs, the app and schema versions, SQLite's integrity check, the attempts by state, the
// settings, the connection without its secrets, and the attempts needing review. Nothing secret:
// the logs are redacted when written, and every secret value Counter holds is scrubbed from every
// file here again, in case an older version or a message slipped one through.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import yazl from 'yazl';
import type { ChargeAttempt } from '../../contract/records';
import type { ConnectionStatus, Settings } from '../../contract/answers';
import { listAttemptsAwaitingReview } from '../../db/local/attempts';
import type { Db } from '../../db/local/database';
import { listEventsForAttempt } from '../../db/local/events';
import { ATTEMPTS_BY_STATE_SQL } from '../../db/local/ledger';
import { countLiveAttempts } from '../../db/local/live-attempts';
import { schemaVersion } from '../../db/local/migrate';
import { REDACTED } from '../logger';
import { listBackups } from './backups';
import { INTEGRITY_PRAGMA, integrityReport } from '../../db/local/integrity';
import { LOG_FILE_PATTERN } from './log-files';
import { readInWorker } from './sqlite-worker';

export const BUNDLE_LIMITS = {
  /** Log files written in the last this many days go in. */
  logDays: 3,
  /** At most this many bytes of logs, newest first. */
  logBytes: 30 * 1024 * 1024,
  /** At most this many attempts needing review, newest first. */
  reviewAttempts: 500,
} as const;

export interface BundleSources {
  now: number;
  version: string;
  mode: 'demo' | 'live';
  db: Db;
  dbFile: string;
  logsDir: string;
  backupsDir: string;
  settings: Settings;
  connection: ConnectionStatus;
  /** Every secret value Counter holds (client secret, tokens, the PIN's hash): scrubbed from the logs. */
  secrets: string[];
}

export async function buildSupportBundle(sources: BundleSources): Promise<{ fileName: string; zip: Buffer }> {
  const [integrityRows = [], stateRows = []] = await readInWorker(sources.dbFile, [
    INTEGRITY_PRAGMA.full,
    ATTEMPTS_BY_STATE_SQL,
  ]);
  const awaitingReview = listAttemptsAwaitingReview(sources.db, BUNDLE_LIMITS.reviewAttempts);
  const logs = recentLogs(sources.logsDir, sources.now);
  const scrub = scrubber(sources.secrets);

  const summary = {
    createdAt: new Date(sources.now).toISOString(),
    app: { version: sources.version, mode: sources.mode, platform: process.platform, arch: process.arch, versions: pickVersions() },
    database: {
      file: basename(sources.dbFile),
      schemaVersion: schemaVersion(sources.db),
      integrityCheck: integrityReport(integrityRows).findings,
      attemptsByState: Object.fromEntries(stateRows.map((row) => [String(row.state), Number(row.attempts)])),
      liveNow: countLiveAttempts(sources.db),
      awaitingReview: awaitingReview.length,
    },
    settings: sources.settings,
    connection: {
      state: sources.connection.state,
      edition: sources.connection.edition,
      accountId: sources.connection.accountId,
      clientId: sources.connection.clientId,
      degraded: sources.connection.degraded,
      message: sources.connection.message,
    },
    backups: listBackups(sources.backupsDir, basename(sources.dbFile, '.db')).map((b) => ({ fileName: b.fileName, takenAt: new Date(b.takenAt).toISOString() })),
    logFiles: logs.map((log) => log.name),
  };

  const zip = new yazl.ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(scrub(text), 'utf8'), name, { mtime: new Date(sources.now) });
  add('README.txt', README);
  add('summary.json', json(summary));
  add('attempts-needing-review.json', json(awaitingReview.map((attempt) => withEvents(sources.db, attempt))));
  for (const log of logs) add(`logs/${log.name}`, readFileSync(log.path, 'utf8'));
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return { fileName: `counter-support-${stamp(sources.now)}.zip`, zip: Buffer.concat(chunks) };
}

const README = `Counter support bundle

summary.json                   app and schema versions, SQLite's integrity check, attempts by state,
                               settings, the Zoho connection (without secrets), the backups
attempts-needing-review.json   payments with no final answer that no manager has checked yet
logs/                          the last ${BUNDLE_LIMITS.logDays} days of Counter's log

No tokens, client secret, PIN or PIN hash are included.
`;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function withEvents(db: Db, attempt: ChargeAttempt) {
  return { ...attempt, events: listEventsForAttempt(db, attempt.id) };
}

function pickVersions(): Record<string, string> {
  const { node, electron, chrome, sqlite } = process.versions as Record<string, string | undefined>;
  return Object.fromEntries(Object.entries({ node, electron, chrome, sqlite }).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The log files written in the last days, newest first, within the byte limit. */
function recentLogs(dir: string, now: number): { name: string; path: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => LOG_FILE_PATTERN.test(name));
  } catch {
    return [];
  }
  const since = now - BUNDLE_LIMITS.logDays * 86_400_000;
  const files = names
    .map((name) => ({ name, path: join(dir, name), stats: statSync(join(dir, name)) }))
    .filter((file) => file.stats.mtimeMs >= since)
    .sort((a, b) => b.stats.mtimeMs - a.stats.mtimeMs);
  const kept: { name: string; path: string }[] = [];
  let bytes = 0;
  for (const file of files) {
    if (bytes + file.stats.size > BUNDLE_LIMITS.logBytes) break;
    bytes += file.stats.size;
    kept.push({ name: file.name, path: file.path });
  }
  return kept;
}

/**
 * Replaces each secret value with [redacted]: as it is, as it reads inside a JSON string, and each
 * part of a PIN hash ("scrypt$<cost>$<salt>$<hash>", or an older "scrypt:<salt>:<hash>"): its salt and hash.
 */
function scrubber(secrets: string[]): (text: string) => string {
  const forms = secrets.flatMap((secret) => [secret, ...secret.split(/[:$]/)]).flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]);
  const values = [...new Set(forms)].filter((value) => value.length >= 8).sort((a, b) => b.length - a.length);
  return (text) => values.reduce((scrubbed, value) => scrubbed.split(value).join(REDACTED), text);
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
