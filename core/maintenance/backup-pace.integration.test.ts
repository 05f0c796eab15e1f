// A charge during the daily backup is not slowed beyond a bound: the copy goes in small steps
// between the event loop's other work (16 pages a step while a payment is live) and the check runs
// in a worker thread. docs/BENCHMARKS.md has the figures (`npm run bench -- backup`); copied in one
// step instead, the slowest charge here took 2 s. The bounds are wide because this machine's other
// work moves single charges by 100 ms and more; they still catch a copy or a check that holds the
// event loop.
import { describe, expect, it } from 'vitest';
import { chargesDuringBackup } from '../../testkit/charges-during-backup';
import { percentile } from '../../testkit/stats';

const BOUND = { medianSlowerByMs: 100, slowestMs: 800 } as const;

describe('a charge during the daily backup', () => {
  it(`is at most ${BOUND.medianSlowerByMs} ms slower at the median than after it, and never takes ${BOUND.slowestMs} ms`, async () => {
    // 256 MB: with the copy taken from one snapshot (no restart at each charge) and flushed step by
    // step, 128 MB was copied and checked in about 6 s, before the 12th charge.
    const measured = await chargesDuringBackup({ databaseMb: 256, charges: 12 });
    const figures = JSON.stringify(measured);
    expect(measured.overlapped, `the backup was still running after the last charge: ${figures}`).toBe(true);
    expect(percentile(measured.during, 50) - percentile(measured.after, 50), figures).toBeLessThan(BOUND.medianSlowerByMs);
    expect(Math.max(...measured.during), figures).toBeLessThan(BOUND.slowestMs);
  }, 180_000);
});
