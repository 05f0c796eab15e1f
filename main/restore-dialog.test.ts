import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger';
import { takeBackup } from '../core/maintenance/backups';
import { DatabaseDamagedError } from '../core/maintenance/damaged-database';
import { openCheckedDatabase } from '../core/maintenance/open-checked';
import { closeDatabase, openDatabase } from '../db/local/database';
import { damagePages } from '../testkit/damage';
import { makePaidSales } from '../testkit/db';
import { offerRestore, RESTORE_BUTTON, type MessageBoxRequest } from './restore-dialog';

let dataDir: string;
const file = () => join(dataDir, 'counter.db');

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'counter-restore-dialog-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** counter.db with 1,500 sales, backed up, then damaged: what the desktop app meets at start-up. */
async function damagedWithBackup(): Promise<DatabaseDamagedError> {
  const db = openDatabase(file());
  makePaidSales(db, 1500);
  await takeBackup(file(), { dir: join(dataDir, 'backups'), database: 'counter', at: Date.now() });
  closeDatabase(db);
  damagePages(file());
  const refused = await openCheckedDatabase(file(), { now: Date.now, log: silentLogger }).catch((error: unknown) => error);
  if (!(refused instanceof DatabaseDamagedError)) throw new Error('the damaged file was not refused');
  return refused;
}

describe('the desktop app on a damaged database', () => {
  it('offers the newest backup by name and restores it when the manager chooses it', async () => {
    const error = await damagedWithBackup();
    const asked: MessageBoxRequest[] = [];
    const restored = await offerRestore(error, { ask: (request) => (asked.push(request), Promise.resolve(0)), now: Date.now });

    expect(restored).toBe(true);
    expect(asked[0]?.buttons).toEqual([RESTORE_BUTTON, 'Quit']);
    expect(asked[0]?.detail).toContain(`The newest good backup is ${error.backup?.fileName}`);
    expect(asked[0]?.detail).toContain('Choose "Restore this backup" to put it back and start Counter again.');
    expect(asked[0]?.detail).not.toContain('npm run');
    const reopened = await openCheckedDatabase(file(), { now: Date.now, log: silentLogger });
    expect(reopened.prepare('SELECT count(*) FROM charge_attempts').pluck().get()).toBe(1500);
    closeDatabase(reopened);
    // The damaged file is kept for support (with SQLite's side files, if any).
    expect(readdirSync(join(dataDir, 'damaged')).filter((name) => !/-(wal|shm)$/.test(name))).toHaveLength(1);
  });

  it('changes nothing when the manager quits', async () => {
    const error = await damagedWithBackup();
    expect(await offerRestore(error, { ask: () => Promise.resolve(1), now: Date.now })).toBe(false);
    expect(existsSync(join(dataDir, 'damaged'))).toBe(false);
    await expect(openCheckedDatabase(file(), { now: Date.now, log: silentLogger })).rejects.toBeInstanceOf(DatabaseDamagedError);
  });
});
