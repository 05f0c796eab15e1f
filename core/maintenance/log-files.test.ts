import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep } from '../../testkit/time';
import { LOG_FILE_PATTERN, logsDir, openLogFiles, type LogFiles } from './log-files';

let dataDir: string;
let logs: LogFiles | null;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'counter-logs-'));
  logs = null;
});

afterEach(async () => {
  await logs?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const logFiles = () => readdirSync(logsDir(dataDir)).filter((name) => LOG_FILE_PATTERN.test(name)).sort(byNumber);
const readAll = () => logFiles().map((name) => readFileSync(join(logsDir(dataDir), name), 'utf8')).join('');

function byNumber(a: string, b: string): number {
  return Number(a.split('.')[2]) - Number(b.split('.')[2]);
}

describe('the log file', () => {
  it('writes one JSON line per entry, at once, into a 0600 file in a 0700 folder', async () => {
    logs = await openLogFiles(dataDir, { stderr: false });
    logs.logger.info('charge created', { attemptId: 'a-1', amountMinor: 4500 });
    logs.logger.error('payment check crashed', { attemptId: 'a-1', error: 'boom' });

    const lines = readAll().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toMatchObject([
      { level: 'info', message: 'charge created', attemptId: 'a-1', amountMinor: 4500 },
      { level: 'error', message: 'payment check crashed', error: 'boom' },
    ]);
    expect(new Date(String(lines[0]?.time)).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(statSync(logsDir(dataDir)).mode & 0o777).toBe(0o700);
    for (const name of logFiles()) expect(statSync(join(logsDir(dataDir), name)).mode & 0o777).toBe(0o600);
  });

  it('rotates past its size and keeps only the newest files, across restarts too', async () => {
    // A file left by an earlier run of the same day counts against the limit.
    logs = await openLogFiles(dataDir, { stderr: false, maxSize: '2k', keep: 3 });
    for (let i = 0; i < 400; i += 1) {
      logs.logger.info('poll', { attemptId: `attempt-${i}`, padding: 'x'.repeat(60) });
      if (i % 20 === 0) await sleep(1); // lets each rotation (on drain) and its pruning run
    }
    await sleep(100);
    const names = logFiles();
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names.length).toBeLessThanOrEqual(4);
    // The newest entries are there; the oldest went with the deleted files.
    const text = readAll();
    expect(text).toContain('"attemptId":"attempt-399"');
    expect(text).not.toContain('"attemptId":"attempt-0"');
    for (const name of names) expect(statSync(join(logsDir(dataDir), name)).size).toBeLessThan(4 * 1024);
    await logs.close();

    // The next run continues the numbering and applies the same limit to what the last run left.
    writeFileSync(join(logsDir(dataDir), 'notes.txt'), 'not a log file');
    logs = await openLogFiles(dataDir, { stderr: false, maxSize: '2k', keep: 3 });
    for (let i = 0; i < 200; i += 1) {
      logs.logger.info('second run', { n: i, padding: 'y'.repeat(60) });
      if (i % 20 === 0) await sleep(1);
    }
    await sleep(100);
    expect(logFiles().length).toBeLessThanOrEqual(4);
    expect(readAll()).toContain('"n":199');
    expect(readdirSync(logsDir(dataDir))).toContain('notes.txt');
  });

  it('redacts every secret-looking field, at any depth, before it reaches the disk', async () => {
    logs = await openLogFiles(dataDir, { stderr: false });
    const planted = {
      accessToken: '1000.planted-access-token.abc',
      refresh_token: '1000.planted-refresh-token.def',
      clientSecret: 'planted-client-secret-ghi',
      authorization: 'Zoho-oauthtoken planted-header-jkl',
      pin: '864209',
      pinHash: 'scrypt$planted-pin-hash-mno',
      code: '1000.planted-grant-code.pqr',
      code_verifier: 'planted-verifier-stu',
      password: 'planted-password-vwx',
    };
    logs.logger.info('top level', planted);
    logs.logger.warn('nested', { request: { headers: { ...planted } }, tries: [{ token: planted.accessToken }] });
    logs.logger.error('a list', { connections: [planted, planted] });

    const text = readAll();
    for (const value of Object.values(planted)) expect(text).not.toContain(value);
    expect(text.match(/\[redacted\]/g)?.length).toBe(9 + 10 + 18);
    // What is not secret stays readable.
    expect(JSON.parse(text.split('\n')[1] ?? '{}')).toMatchObject({ message: 'nested', request: { headers: { pin: '[redacted]' } } });
  });
});
