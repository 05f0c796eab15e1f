// The manager PIN: kept only as a salted scrypt hash; an unlock hands out a short-lived token that
// every manager-only call must carry. Tokens live in memory: a restart locks the manager screens.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const UNLOCK_MS = 15 * 60_000;
const MAX_FAILED_TRIES = 5;
/** The first lockout; each further one doubles, up to a day, so guessing a PIN takes years. */
const FIRST_LOCKOUT_MS = 60_000;
const MAX_LOCKOUT_MS = 24 * 60 * 60_000;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32);
  return `scrypt:${salt.toString('base64')}:${hash.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

export class ManagerSessions {
  private readonly tokens = new Map<string, number>();
  private failedTries = 0;
  private lockouts = 0;
  private lockedUntil = 0;

  constructor(private readonly now: () => number) {}

  open(): { managerToken: string; expiresAt: number } {
    const managerToken = randomBytes(24).toString('base64url');
    const expiresAt = this.now() + UNLOCK_MS;
    this.tokens.set(managerToken, expiresAt);
    this.failedTries = 0;
    this.lockouts = 0;
    return { managerToken, expiresAt };
  }

  /** True while the token is valid; each use extends it, so an active manager is not locked out. */
  check(token: string): boolean {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined || expiresAt <= this.now()) {
      this.tokens.delete(token);
      return false;
    }
    this.tokens.set(token, this.now() + UNLOCK_MS);
    return true;
  }

  close(token: string): void {
    this.tokens.delete(token);
  }

  /** Milliseconds until PIN tries are allowed again (0 = now). */
  lockoutRemainingMs(): number {
    return Math.max(0, this.lockedUntil - this.now());
  }

  recordFailedTry(): void {
    this.failedTries += 1;
    if (this.failedTries >= MAX_FAILED_TRIES) {
      this.lockedUntil = this.now() + Math.min(FIRST_LOCKOUT_MS * 2 ** this.lockouts, MAX_LOCKOUT_MS);
      this.lockouts += 1;
      this.failedTries = 0;
    }
  }
}
