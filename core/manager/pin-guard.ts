// How many PIN tries are allowed: 5, then a lockout of a minute, doubling with each further lockout
// up to a day (so guessing even a 4-digit PIN at the screen takes years). A try is counted when
// it starts, in the same step as the check that it may run, so a burst of tries sent at once gets
// exactly 5; a right PIN clears the count.

export const MAX_FAILED_TRIES = 5;
const FIRST_LOCKOUT_MS = 60_000;
const MAX_LOCKOUT_MS = 24 * 60 * 60_000;

export interface TryGuard {
  /** Tries since the last right PIN or lockout. */
  failedTries: number;
  /** Lockouts since the last right PIN: each one lasts twice as long as the one before. */
  lockouts: number;
  /** Unix ms until which no try is allowed (kept across restarts, so on the wall clock). */
  lockedUntil: number;
}

export const NO_WRONG_TRIES: TryGuard = { failedTries: 0, lockouts: 0, lockedUntil: 0 };

/** Milliseconds until a try is allowed (0 = now). */
export function lockoutRemainingMs(guard: TryGuard, now: number): number {
  return Math.max(0, guard.lockedUntil - now);
}

/** The guard once a try has started (call only when lockoutRemainingMs is 0); the 5th starts a lockout. */
export function countTry(guard: TryGuard, now: number): TryGuard {
  const failedTries = guard.failedTries + 1;
  if (failedTries < MAX_FAILED_TRIES) return { ...guard, failedTries };
  return { failedTries: 0, lockouts: guard.lockouts + 1, lockedUntil: now + Math.min(FIRST_LOCKOUT_MS * 2 ** guard.lockouts, MAX_LOCKOUT_MS) };
}

/** "45 seconds", "4 minutes", "3 hours": how long a person must wait. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds === 1) return '1 second';
  if (seconds < 120) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}
