// Every piece of simulator state, built once from the resolved options and shared by the Zoho-facing
// handlers, the control API and the in-process helpers.
import { RequestLog } from './control/request-log';
import { emptyStats, type SimulatorStats } from './control/stats';
import { FaultInjector } from './faults/fault-plan';
import { SlidingWindowLimiter } from './limits/sliding-window';
import { TokenStore } from './oauth/token-store';
import type { ResolvedOptions } from './options';
import { SessionStore } from './payments/session-store';
import { RefundStore } from './refunds/refund-store';
import { WireWriter } from './payments/wire';

export interface SimulatorState {
  options: ResolvedOptions;
  stats: SimulatorStats;
  log: RequestLog;
  faults: FaultInjector;
  tokens: TokenStore;
  tokenThrottle: SlidingWindowLimiter;
  sessions: SessionStore;
  refunds: RefundStore;
  rateLimit: SlidingWindowLimiter;
  wire: WireWriter;
}

export function createSimulatorState(options: ResolvedOptions): SimulatorState {
  const { fixture, now } = options;
  const stats = emptyStats();
  const sessions = new SessionStore({
    accountCurrency: fixture.currency,
    terminals: fixture.terminals,
    sessionValidityMs: options.sessionValidityMs,
    expiredSessionPayment: options.expiredSessionPayment,
    now,
    stats: stats.sessions,
  });
  return {
    options,
    stats,
    log: new RequestLog(),
    faults: new FaultInjector(now, options.random),
    tokens: new TokenStore({
      clients: fixture.clients,
      accessTokenTtlMs: options.accessTokenTtlMs,
      authorizationCodeTtlMs: options.authorizationCodeTtlMs,
      now,
      onAccessTokenIssued: () => {
        stats.access_tokens_issued += 1;
      },
    }),
    tokenThrottle: new SlidingWindowLimiter(options.tokenRequestLimit, options.tokenRequestWindowMs, now),
    sessions,
    refunds: new RefundStore({ sessions, settleMs: options.refundSettleMs, now, stats: stats.refunds }),
    rateLimit: new SlidingWindowLimiter(options.rateLimitPerMinute, 60_000, now),
    wire: new WireWriter(fixture.timeZone),
  };
}
