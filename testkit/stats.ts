// Figures over measured values: percentiles, counting events in sliding windows for rate limits
// (Zoho's calls a minute, token requests per 10 minutes), and the gaps between a session's checks.

/** The value at percentile `p` (0–100) of `values` by the nearest-rank method; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The most of `times` (ms, any order) that fall in any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** A request as the simulator's request log has it (only what the gaps need). */
export interface LoggedRequest {
  method: string;
  time: number;
  session_id?: string;
}

/**
 * The gaps between one session's checks, from its create to each retrieve (ms), for every session
 * in the log; `since` keeps only the gaps that start at or after it (e.g. after a start-up burst),
 * and `until` those that start before it.
 */
export function sessionPollGaps(log: readonly LoggedRequest[], since = Number.NEGATIVE_INFINITY, until = Number.POSITIVE_INFINITY): number[] {
  const polls = new Map<string, number[]>();
  for (const entry of log) {
    if (entry.method !== 'GET' || !entry.session_id) continue;
    polls.set(entry.session_id, [...(polls.get(entry.session_id) ?? []), entry.time]);
  }
  const creates = new Map(log.filter((e) => e.method === 'POST' && e.session_id).map((e) => [e.session_id ?? '', e.time]));
  const gaps: number[] = [];
  for (const [sessionId, times] of polls) {
    const all = [creates.get(sessionId) ?? times[0] ?? 0, ...times];
    for (let i = 1; i < all.length; i += 1) {
      const start = all[i - 1] ?? 0;
      if (start >= since && start < until) gaps.push((all[i] ?? 0) - start);
    }
  }
  return gaps;
}
