// Everything a test, benchmark or demo may tune, with the values Zoho documents as defaults.
import { resolveFixture, type SimulatorFixture } from './fixture';

/** Which spelling of the session type key the payments API writes: the seeds show both. */
export type SessionTypeKey = 'payments_session_type' | 'payment_session_type';

export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Merged over `defaultFixture()`. */
  fixture?: Partial<SimulatorFixture>;
  /** How long a pos_payment session may stay in_progress (default 180, Zoho's 3 minutes). */
  sessionValiditySeconds?: number;
  /** Access token lifetime (default 3600). */
  accessTokenTtlSeconds?: number;
  /** Authorisation code lifetime (default 120). */
  authorizationCodeTtlSeconds?: number;
  /** Payments API calls allowed per account in any 60 s (default 600). */
  rateLimitPerMinute?: number;
  /** Token requests allowed per client in `tokenRequestWindowSeconds` (default 10 in 600 s). */
  tokenRequestLimit?: number;
  tokenRequestWindowSeconds?: number;
  /**
   * The session type key in payments API answers: one spelling, or 'alternate' (default) to switch
   * on every answer so that clients are forced to accept both.
   */
  sessionTypeKey?: SessionTypeKey | 'alternate';
  /**
   * When a session expires unpaid, append a failed payment with failure_code "session_expired"
   * (default true). False leaves payments[] as it was: `failed` with no reason at all.
   */
  expiredSessionPayment?: boolean;
  /**
   * How long a refund stays `initiated` before it succeeds by itself (default 2); null: only the
   * control API moves it (`POST /_sim/refunds/{id}/status`).
   */
  refundSettleSeconds?: number | null;
  /** The clock, in milliseconds since the epoch (default Date.now). */
  now?: () => number;
  /** Source of randomness for fault injection, in [0, 1) (default Math.random). */
  random?: () => number;
}

export interface ResolvedOptions {
  port: number;
  fixture: SimulatorFixture;
  sessionValidityMs: number;
  accessTokenTtlMs: number;
  authorizationCodeTtlMs: number;
  rateLimitPerMinute: number;
  tokenRequestLimit: number;
  tokenRequestWindowMs: number;
  sessionTypeKey: SessionTypeKey | 'alternate';
  expiredSessionPayment: boolean;
  refundSettleMs: number | null;
  now: () => number;
  random: () => number;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, not ${value}`);
  return value;
}

function refundSettleMs(seconds: number | null | undefined): number | null {
  if (seconds === null) return null;
  const value = seconds ?? 2;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`refundSettleSeconds must be zero or more, not ${value}`);
  return value * 1000;
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`Not a TCP port: ${port}`);
  return {
    port,
    fixture: resolveFixture(options.fixture),
    sessionValidityMs: positive('sessionValiditySeconds', options.sessionValiditySeconds ?? 180) * 1000,
    accessTokenTtlMs: positive('accessTokenTtlSeconds', options.accessTokenTtlSeconds ?? 3600) * 1000,
    authorizationCodeTtlMs: positive('authorizationCodeTtlSeconds', options.authorizationCodeTtlSeconds ?? 120) * 1000,
    rateLimitPerMinute: positive('rateLimitPerMinute', options.rateLimitPerMinute ?? 600),
    tokenRequestLimit: positive('tokenRequestLimit', options.tokenRequestLimit ?? 10),
    tokenRequestWindowMs: positive('tokenRequestWindowSeconds', options.tokenRequestWindowSeconds ?? 600) * 1000,
    sessionTypeKey: options.sessionTypeKey ?? 'alternate',
    expiredSessionPayment: options.expiredSessionPayment ?? true,
    refundSettleMs: refundSettleMs(options.refundSettleSeconds),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}
