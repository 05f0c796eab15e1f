// Zoho allows 10 access-token requests per 10 minutes: count them from the simulator's request log.
import type { RequestLogEntry } from '../../simulator/index';

/** Arrival times (ms) of every request to the token endpoint. */
export function tokenRequestTimes(log: readonly RequestLogEntry[]): number[] {
  return log.filter((entry) => entry.path === '/oauth/v2/token').map((entry) => entry.time).sort((a, b) => a - b);
}

/** The most requests in any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
