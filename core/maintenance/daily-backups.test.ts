import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/local/database';
import { countLiveAttempts } from '../../db/local/live-attempts';
import { makeCounter, makeInvoice, makePaidSales, markInProgress, startAttempt, succeedAttempt } from '../../testkit/db';
import { silentLogger } from '../logger';
import { listBackups } from './backups';
import { startDailyBackups, type DailyBackupOptions } from './daily-backups';

const DAY_MS = 86_400_000;
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'counter-daily-'));
  db = openDatabase(join(dir, 'counter.db'));
});

afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const backupsDir = () => join(dir, 'backups');

function schedule(clock: { now: number }, overrides: Partial<DailyBackupOptions> = {}) {
  return startDailyBackups({
    file: join(dir, 'counter.db'),
    dir: backupsDir(),
    now: () => clock.now,
    log: silentLogger,
    keepDays: () => 2,
    livePayments: () => countLiveAttempts(db),
    // The timer never fires during these tests: they call runIfDue as the timer would.
    timing: { firstCheckMs: 3_600_000 },
    ...overrides,
  });
}

describe('the daily backup', () => {
  it('is taken once a day, and only the kept days remain', async () => {
    const clock = { now: new Date(2026, 10, 27, 23, 59, 0).getTime() };
    const daily = schedule(clock);
    try {
      expect(await daily.runIfDue()).toMatchObject({ fileName: 'counter-20261127-235900.db' });
      clock.now += 30_000;
      expect(await daily.runIfDue()).toBeNull();
      clock.now += 60_000; // past midnight: a new day
      expect(await daily.runIfDue()).toMatchObject({ fileName: 'counter-20261128-000030.db' });
      clock.now += DAY_MS;
      expect(await daily.runIfDue()).toMatchObject({ fileName: 'counter-20261129-000030.db' });
      expect(listBackups(backupsDir(), 'counter').map((b) => b.fileName)).toEqual(['counter-20261129-000030.db', 'counter-20261128-000030.db']);
    } finally {
      await daily.stop();
    }
  });

  it('waits while a payment is live and goes at the next quiet moment', async () => {
    const clock = { now: new Date(2026, 10, 27, 12, 0, 0).getTime() };
    const attempt = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    const daily = schedule(clock);
    try {
      expect(await daily.runIfDue()).toBeNull();
      expect(listBackups(backupsDir(), 'counter')).toEqual([]);
      succeedAttempt(db, attempt);
      expect(await daily.runIfDue()).toMatchObject({ database: 'counter' });
    } finally {
      await daily.stop();
    }
  });

  it('stopping abandons a backup under way and leaves no half-made file', async () => {
    makePaidSales(db, 2000);
    const daily = schedule({ now: Date.now() });
    const running = daily.runIfDue();
    await daily.stop();
    expect(await running).toBeNull();
    expect(readdirSync(backupsDir())).toEqual([]);
    expect(await daily.runIfDue()).toBeNull();
  });
});
