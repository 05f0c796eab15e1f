import { describe, expect, it } from 'vitest';
import { ManagerSessions } from './auth';

describe('manager unlocks', () => {
  it('expire after 15 idle minutes and can be closed', () => {
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
