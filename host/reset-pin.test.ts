// `npm run reset-pin` as a person runs it on the computer: a real process on a real data folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAccessEvents } from '../db/local/access-events';
import { closeDatabase, openDatabase } from '../db/local/database';
import { lockDataFolder } from '../core/data-folder/lock';
import { PIN_FILE } from '../core/manager/pin-file';
import { runScript } from '../testkit/script-run';

const resetPin = (dataDir: string) => runScript(['host/reset-pin.ts', '--data-dir', dataDir]);

describe('npm run reset-pin', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'counter-reset-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resets a damaged PIN, recording who did it in the audit trail of the live database', async () => {
    closeDatabase(openDatabase(join(dataDir, 'counter.db')));
    writeFileSync(join(dataDir, PIN_FILE), 'damaged');

    const run = await resetPin(dataDir);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const by = `${userInfo().username} on ${hostname()}`;
    expect(run.stdout).toContain(`The manager PIN of ${dataDir} is reset (by ${by}).`);
    expect(run.stdout).toContain('Recorded in the audit trail of counter.db.');
    expect(JSON.parse(readFileSync(join(dataDir, PIN_FILE), 'utf8'))).toMatchObject({ reset: { by } });
    const db = openDatabase(join(dataDir, 'counter.db'));
    try {
      expect(listAccessEvents(db).map((e) => [e.kind, e.actor])).toEqual([['pin_reset', by]]);
    } finally {
      closeDatabase(db);
    }
  }, 30_000);

  it('refuses while Counter runs on the folder, and changes nothing', async () => {
    writeFileSync(join(dataDir, PIN_FILE), 'damaged');
    const running = lockDataFolder(dataDir, 'the browser host');
    try {
      const run = await resetPin(dataDir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Counter is already running on the data folder ${dataDir}: the browser host (process ${process.pid}`);
      expect(readFileSync(join(dataDir, PIN_FILE), 'utf8')).toBe('damaged');
    } finally {
      running.release();
    }
  }, 30_000);

  it('refuses a folder that holds no Counter data', async () => {
    const run = await resetPin(join(dataDir, 'typo'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`There is no Counter data in ${join(dataDir, 'typo')}`);
  }, 30_000);
});
