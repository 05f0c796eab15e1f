// Zoho limits token requests per account (10 in 10 minutes; docs/ARCHITECTURE.md). Each PC keeps
// its own count; the PCs of a store (and of every store on the account: a chain) also book each
// request in the store's database before sending it, so together they stay inside the limit. A PC
// cut off from the store books locally against a safe share of the limit: the limit split over the
// PCs it last knew of.
import type pg from 'pg';
import { ZohoError } from '../zoho/errors';
import { bookAccountTokenRequest } from '../../db/store/token-requests';

export interface TokenLimit {
  count: number;
  windowMs: number;
}

/** Zoho's documented limit on token requests (the TokenManager's default). */
export const ZOHO_TOKEN_LIMIT: TokenLimit = { count: 10, windowMs: 10 * 60_000 };

function refusal(retryAfterMs: number): ZohoError {
  return new ZohoError('not_connected', 'Zoho sign-in requests are paused to stay within Zoho’s limit, which this store’s PCs share.', {
    retryAfterMs: Math.max(1_000, retryAfterMs),
  });
}

/** Books one token request for the account in the store's database, or refuses when the account has used its limit. */
export async function bookTokenRequest(pool: pg.Pool, accountKey: string, limit: TokenLimit = ZOHO_TOKEN_LIMIT): Promise<void> {
  const booked = await bookAccountTokenRequest(pool, accountKey, limit);
  if (!booked.booked) throw refusal(booked.retryAfterMs);
}

/** While cut off: this PC's own bookings, against its safe share of the limit. */
export class LocalTokenBookings {
  private readonly times: number[] = [];

  constructor(private readonly now: () => number) {}

  book(stations: number, limit: TokenLimit = ZOHO_TOKEN_LIMIT): void {
    const now = this.now();
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - limit.windowMs) this.times.shift();
    const share = Math.max(1, Math.floor(limit.count / Math.max(1, stations)));
    if (this.times.length >= share) throw refusal((this.times[this.times.length - share] ?? now) + limit.windowMs - now);
    this.times.push(now);
  }
}
