// Zoho allows 10 access-token requests per 10 minutes: count them from the simulator's request log.
import type { RequestLogEntry } from '../simulator/index';

/** Arrival times (ms) of every request to the token endpoint. */
export function tokenRequestTimes(log: readonly RequestLogEntry[]): number[] {
  return log.filter((entry) => entry.path === '/oauth/v2/token').map((entry) => entry.time);
}
