import { describe, expect, it } from 'vitest';
import { countTry, lockoutRemainingMs, NO_WRONG_TRIES, waitText, type TryGuard } from './pin-guard';

describe('PIN tries', () => {
  it('the 5th try starts a lockout, and each further lockout lasts twice as long, up to a day', () => {
    let now = 0;
    let guard: TryGuard = NO_WRONG_TRIES;
    const lockoutsAfter = (rounds: number) => {
      const lengths: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        for (let i = 0; i < 5; i += 1) {
          expect(lockoutRemainingMs(guard, now)).toBe(0);
          guard = countTry(guard, now);
        }
        lengths.push(lockoutRemainingMs(guard, now));
        now = guard.lockedUntil;
      }
      return lengths;
    };
    expect(lockoutsAfter(3)).toEqual([60_000, 120_000, 240_000]);
    expect(lockoutsAfter(10).at(-1)).toBe(24 * 60 * 60_000);
  });

  it('says the wait in words a person reads', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(60_000)).toBe('60 seconds');
    expect(waitText(240_000)).toBe('4 minutes');
    expect(waitText(24 * 60 * 60_000)).toBe('24 hours');
  });
});
