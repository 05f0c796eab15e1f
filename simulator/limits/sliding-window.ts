// "At most `limit` in any `windowMs`", per key: the payments rate limit and the token throttle.

export type Admission = { allowed: true } | { allowed: false; retryAfterMs: number };

export class SlidingWindowLimiter {
  private readonly admitted = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Admits and counts the request, or refuses it (refusals are not counted). */
  tryAcquire(key: string): Admission {
    const now = this.now();
    const times = (this.admitted.get(key) ?? []).filter((time) => now - time < this.windowMs);
    this.admitted.set(key, times);
    const oldest = times[0];
    if (times.length >= this.limit && oldest !== undefined) {
      return { allowed: false, retryAfterMs: oldest + this.windowMs - now };
    }
    times.push(now);
    return { allowed: true };
  }
}
