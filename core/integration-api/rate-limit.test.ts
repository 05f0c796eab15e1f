import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('lets a burst through, then refuses with the wait until the next token, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 60 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').ok).toBe(true);
    now += 1000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('refills no more than the burst', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perMinute: 600 }, () => now);
    now += 3_600_000;
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, false]);
  });
});
