// A token bucket per key: a looping script is refused (429 with Retry-After) long before it could
// spend the Zoho budget that the screens share. The charge itself still draws from the poller's budget.
export interface RateLimit {
  /** Requests a key may make in a burst. */
  burst: number;
  /** Requests a minute a key may keep up. */
  perMinute: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 20, perMinute: 120 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number,
  ) {}

  /** Takes one request's token; when there is none, the seconds until there will be. */
  take(keyId: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    const perMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(keyId) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }
}
