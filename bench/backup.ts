// The daily backup's cost to a shop: charge-create times while the backup of a 256 MB database runs
// (its copy in small steps, then its integrity check in a worker thread) against the same number after it;
// how long the backup takes; and what the damage check adds to every start-up (quick_check on the
// main thread, before the database opens).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkIntegrityNow } from '../db/local/integrity';
import { closeDatabase, openDatabase } from '../db/local/database';
import { chargesDuringBackup, padDatabase } from '../testkit/charges-during-backup';
import { goal, ms, spread, timeRuns, verdicts, type BenchResult } from './lib';

const DATABASE_MB = 256;
const CHARGES = 30;

export async function backupBench(): Promise<BenchResult> {
  const measured = await chargesDuringBackup({ databaseMb: DATABASE_MB, charges: CHARGES });
  const during = spread(measured.during);
  const after = spread(measured.after);

  const dir = mkdtempSync(join(tmpdir(), 'counter-bench-backup-'));
  let quickCheck = spread([Number.NaN]);
  try {
    const file = join(dir, 'counter.db');
    closeDatabase(openDatabase(file));
    padDatabase(file, DATABASE_MB);
    quickCheck = spread(await timeRuns(3, () => checkIntegrityNow(file, 'quick'), 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const goals = [
    goal('charge during a backup, p50 slower than after it by', '< 10 ms', ms(during.p50 - after.p50), during.p50 - after.p50 < 10),
    goal('slowest charge during a backup', '< 100 ms', ms(during.max), during.max < 100),
  ];
  const line =
    `${CHARGES} charges during the backup of a ${DATABASE_MB} MB database (copy + check ${(measured.backupMs / 1000).toFixed(1)} s${measured.overlapped ? '' : ', ended before the last charge'}): ` +
    `charge-create p50/p99/max ${during.p50}/${during.p99}/${during.max} ms, after it ${after.p50}/${after.p99}/${after.max} ms; ` +
    `start-up damage check (quick_check) of ${DATABASE_MB} MB ${quickCheck.p50} ms — ${verdicts(goals)}`;
  return { name: 'backup', line, goals, figures: { databaseMb: DATABASE_MB, charges: CHARGES, during, after, backupMs: Math.round(measured.backupMs), overlapped: measured.overlapped, quickCheckMs: quickCheck } };
}
