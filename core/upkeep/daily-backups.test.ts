import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countLiveAttempts } from '../../db/live-attempts';
import { silentLogger } from '../log';
import { makeCounter, makeInvoice, makePaidSales, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';
import { listBackups } from './backups';
import { BACKUP_PACE, startDailyBackups, type DailyBackupOptions } from './daily-backups';

const temp = tempDatabaseEachTest();
const DAY_MS = 86_400_000;

function schedule(overrides: Partial<DailyBackupOptions> & { clock: { now: number } }) {
  const { clock, ...rest } = overrides;
  return startDailyBackups({
    db: temp.db,
    database: 'counter',
    dir: join(dirname(temp.filePath), 'backups'),
    now: () => clock.now,
    log: silentLogger,
    keepDays: () => 2,
    livePayments: () => countLiveAttempts(temp.db),
    // The timer never fires during these tests: they call runIfDue as the timer would.
    timing: { firstCheckMs: 3_600_000 },
    ...rest,
  });
}

const backupsDir = () => join(dirname(temp.filePath), 'backups');

describe('the daily backup', () => {
  it('is taken once a day, and only the kept days remain', async () => {
    const clock = { now: new Date(2026, 10, 27, 23, 59, 0).getTime() };
    const daily = schedule({ clock });
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
    const attempt = markInProgress(temp.db, startAttempt(temp.db, makeInvoice(temp.db, makeCounter(temp.db))));
    const daily = schedule({ clock });
    try {
      expect(await daily.runIfDue()).toBeNull();
      expect(listBackups(backupsDir(), 'counter')).toEqual([]);
      succeedAttempt(temp.db, attempt);
      expect(await daily.runIfDue()).toMatchObject({ database: 'counter' });
    } finally {
      await daily.stop();
    }
  });

  it('copies in small steps once a charge starts during the copy', async () => {
    makePaidSales(temp.db, 2000);
    const clock = { now: Date.now() };
    let live = 0;
    const steps: number[] = [];
    const daily = schedule({
      clock,
      livePayments: () => {
        steps.push(live);
        return live;
      },
    });
    try {
      const pages = temp.db.pragma('page_count', { simple: true }) as number;
      const running = daily.runIfDue();
      live = 1; // a charge starts as the copy begins
      expect(await running).not.toBeNull();
      expect(steps[0]).toBe(0);
      // One step per 16 pages from then on, not per 128.
      expect(steps.length).toBeGreaterThan(pages / BACKUP_PACE.busyPages);
    } finally {
      await daily.stop();
    }
  });

  it('stopping abandons a backup under way and leaves no half-made file', async () => {
    makePaidSales(temp.db, 2000);
    const daily = schedule({ clock: { now: Date.now() } });
    const running = daily.runIfDue();
    await daily.stop();
    expect(await running).toBeNull();
    expect(readdirSync(backupsDir())).toEqual([]);
    expect(await daily.runIfDue()).toBeNull();
  });
});
