// Manager unlocks: a right PIN hands out a short-lived token that every manager-only call must
// carry. Tokens live in memory: a restart locks the manager screens.
import { randomBytes } from 'node:crypto';

const UNLOCK_MS = 15 * 60_000;

export class ManagerSessions {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  open(): { managerToken: string; expiresAt: number } {
    const managerToken = randomBytes(24).toString('base64url');
    const expiresAt = this.now() + UNLOCK_MS;
    this.tokens.set(managerToken, expiresAt);
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

  /** Whether any manager session is still open. */
  anyOpen(): boolean {
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt > now) return true;
      this.tokens.delete(token);
    }
    return false;
  }

  close(token: string): void {
    this.tokens.delete(token);
  }
}
