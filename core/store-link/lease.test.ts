import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/local/migrate';
import { MIGRATIONS } from '../../db/local/migrations/index';
import { memoryDatabaseEachTest } from '../../testkit/db';
import { ClaimLease } from './lease';

const memory = memoryDatabaseEachTest();
const LEASE = 120_000;

/** A lease on clocks the test moves: `mono` (monotonic) and `wall` (unix ms). */
function lease(start: { mono: number; wall: number }) {
  const clocks = { ...start };
  return { clocks, lease: new ClaimLease({ clock: () => clocks.mono, now: () => clocks.wall, claimLeaseMs: LEASE }) };
}

describe('this PC’s lease on its counters', () => {
  it('holds for the lease from the heartbeat’s sending, on the monotonic clock: a wall clock set back or forward changes nothing', () => {
    const { clocks, lease: held } = lease({ mono: 1_000, wall: 1_700_000_000_000 });
    expect(held.lapsedSince()).toBe(0);
    held.renew(1_000, null, 's1');
    clocks.mono += LEASE - 1;
    clocks.wall -= 3_600_000;
    expect(held.lapsedSince()).toBeNull();
    clocks.mono += 1;
    clocks.wall += 7_200_000;
    expect(held.lapsedSince()).toBe(clocks.wall - LEASE);
  });

  it('a restart goes on with the renewal kept on disk (never a fresh lease), as old as the wall clock says', () => {
    migrate(memory.db, MIGRATIONS);
    const first = lease({ mono: 5_000, wall: 1_700_000_000_000 });
    first.lease.renew(5_000, memory.db, 's1');
    const restarted = lease({ mono: 10, wall: 1_700_000_000_000 + LEASE / 2 });
    restarted.lease.resume(memory.db, 's1');
    expect(restarted.lease.lapsedSince()).toBeNull();
    restarted.clocks.mono += LEASE / 2;
    restarted.clocks.wall += LEASE / 2;
    expect(restarted.lease.lapsedSince()).toBe(1_700_000_000_000);
    const other = lease({ mono: 10, wall: 1_700_000_000_000 });
    other.lease.resume(memory.db, 's2');
    expect(other.lease.lapsedSince()).toBe(0);
  });
});
