import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { startUpdateChecks } from './update-checks';
import { UPDATE_TIMING, type Updater, type UpdaterState } from './update-policy';

describe('update checks', () => {
  it('ask the feed when a look is due, and not while a payment is live', async () => {
    const clock = { now: 1_800_000_000_000 };
    let live = 0;
    let checks = 0;
    let state: UpdaterState = { kind: 'idle' };
    const updater: Updater = {
      state: () => state,
      check: () => {
        checks += 1;
        state = { kind: 'current', checkedAt: clock.now };
        return Promise.resolve();
      },
      install: () => undefined,
    };
    const timer = startUpdateChecks({ updater, livePayments: () => live, now: () => clock.now, log: silentLogger, tickMs: 3_600_000 });
    try {
      await timer.tick();
      expect(checks).toBe(0);
      clock.now += UPDATE_TIMING.firstCheckMs;
      live = 1;
      await timer.tick();
      expect(checks).toBe(0);
      live = 0;
      await timer.tick();
      expect(checks).toBe(1);
      clock.now += UPDATE_TIMING.checkEveryMs - 1;
      await timer.tick();
      expect(checks).toBe(1);
      clock.now += 1;
      await timer.tick();
      expect(checks).toBe(2);
    } finally {
      timer.stop();
    }
  });
});
