// Counters for assertions such as "the app refreshed its token exactly once".

export interface SimulatorStats {
  token_requests: { authorization_code: number; refresh_token: number; other: number; throttled: number };
  token_revocations: number;
  access_tokens_issued: number;
  /** Calls to the payments API, sessions and refunds alike (rate_limited and unauthorized count both). */
  payments_requests: { create: number; retrieve: number; rate_limited: number; unauthorized: number };
  /** Refund creates, and refund retrieves and lists. */
  refunds_requests: { create: number; retrieve: number };
  sessions: { created: number; succeeded: number; failed: number; expired: number };
  refunds: { created: number; succeeded: number; failed: number; canceled: number };
  faults: { delayed: number; errored: number; dropped: number; malformed: number };
}

export function emptyStats(): SimulatorStats {
  return {
    token_requests: { authorization_code: 0, refresh_token: 0, other: 0, throttled: 0 },
    token_revocations: 0,
    access_tokens_issued: 0,
    payments_requests: { create: 0, retrieve: 0, rate_limited: 0, unauthorized: 0 },
    refunds_requests: { create: 0, retrieve: 0 },
    sessions: { created: 0, succeeded: 0, failed: 0, expired: 0 },
    refunds: { created: 0, succeeded: 0, failed: 0, canceled: 0 },
    faults: { delayed: 0, errored: 0, dropped: 0, malformed: 0 },
  };
}

export function copyStats(stats: SimulatorStats): SimulatorStats {
  return structuredClone(stats);
}
