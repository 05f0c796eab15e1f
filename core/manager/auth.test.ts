import { describe, expect, it } from 'vitest';
import { hashPin, ManagerSessions, verifyPin } from './auth';

describe('manager PIN', () => {
  it('is kept as a salted hash that verifies only the right PIN', () => {
    const stored = hashPin('2468');
    expect(stored).not.toContain('2468');
    expect(hashPin('2468')).not.toBe(stored);
    expect(verifyPin('2468', stored)).toBe(true);
    expect(verifyPin('2469', stored)).toBe(false);
    expect(verifyPin('2468', 'plain:2468')).toBe(false);
  });

  it('locks PIN tries after 5 wrong ones, and each further lockout lasts twice as long', () => {
    let now = 0;
    const sessions = new ManagerSessions(() => now);
    const fiveWrong = () => {
      for (let i = 0; i < 5; i += 1) sessions.recordFailedTry();
    };
    fiveWrong();
    expect(sessions.lockoutRemainingMs()).toBe(60_000);
    now += 60_000;
    fiveWrong();
    expect(sessions.lockoutRemainingMs()).toBe(120_000);
    now += 120_000;
    fiveWrong();
    expect(sessions.lockoutRemainingMs()).toBe(240_000);
  });

  it('hands out unlocks that expire after 15 idle minutes and can be closed', () => {
    let now = 0;
    const sessions = new ManagerSessions(() => now);
    const { managerToken } = sessions.open();
    now += 14 * 60_000;
    expect(sessions.check(managerToken)).toBe(true);
    now += 14 * 60_000; // used at 14 min, so still within 15 idle minutes
    expect(sessions.check(managerToken)).toBe(true);
    now += 16 * 60_000;
    expect(sessions.check(managerToken)).toBe(false);
    const second = sessions.open().managerToken;
    sessions.close(second);
    expect(sessions.check(second)).toBe(false);
  });
});
