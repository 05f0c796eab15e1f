// What every payments-API call (sessions and refunds alike) passes first, in order: the account's
// rate limit, the access token, its scope, then the account id.
import type { SimulatorStats } from '../control/stats';
import { errorReply } from '../http/replies';
import type { SimReply, SimRequest } from '../http/types';
import type { SlidingWindowLimiter } from '../limits/sliding-window';
import { allowsScope, type ApiModule, type ApiPermission } from '../oauth/scopes';
import type { TokenStore } from '../oauth/token-store';
import { API_ERRORS, type ApiError } from './api-errors';

export interface GateDeps {
  accountId: string;
  tokens: TokenStore;
  rateLimit: SlidingWindowLimiter;
  stats: SimulatorStats;
}

const TOKEN_PROBLEMS = {
  missing: "Send the access token in the Authorization header as 'Zoho-oauthtoken <access token>'.",
  unknown: 'The OAuth token is invalid.',
  expired: 'The OAuth token has expired. Generate a new access token using the refresh token.',
  revoked: 'The OAuth token has been revoked.',
} as const;

const AUTH_SCHEME = /^Zoho-oauthtoken\s+(\S+)$/;

export function apiErrorReply(error: ApiError, headers: Record<string, string> = {}): SimReply {
  return errorReply(error.status, error.code, error.message, headers);
}

/** The gate: null when the call may proceed, else the refusal to send. */
export type Gate = (request: SimRequest, module: ApiModule, permission: ApiPermission) => SimReply | null;

export function createGate(deps: GateDeps): Gate {
  return (request, module, permission) => {
    const accountId = request.url.searchParams.get('account_id') ?? '';
    const admission = deps.rateLimit.tryAcquire(accountId);
    if (!admission.allowed) {
      deps.stats.payments_requests.rate_limited += 1;
      return apiErrorReply(API_ERRORS.rateLimited(), { 'retry-after': String(Math.max(1, Math.ceil(admission.retryAfterMs / 1000))) });
    }
    const token = AUTH_SCHEME.exec(request.headers.authorization ?? '')?.[1];
    const check = token === undefined ? ({ ok: false, reason: 'missing' } as const) : deps.tokens.checkAccessToken(token);
    if (!check.ok) {
      deps.stats.payments_requests.unauthorized += 1;
      return apiErrorReply(API_ERRORS.invalidToken(TOKEN_PROBLEMS[check.reason]));
    }
    if (!allowsScope(check.scopes, module, permission)) {
      deps.stats.payments_requests.unauthorized += 1;
      return apiErrorReply(API_ERRORS.invalidScope());
    }
    if (accountId === '') return apiErrorReply(API_ERRORS.invalidParameter('account_id is required.'));
    if (accountId !== deps.accountId) return apiErrorReply(API_ERRORS.notAuthorised());
    return null;
  };
}
