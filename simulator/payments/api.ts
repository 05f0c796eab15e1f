// POST /api/v1/terminal/paymentsessions and GET /api/v1/terminal/paymentsessions/{id}.
// Every call passes the same gate: rate limit, then token, then account.
import type { SimulatorStats } from '../control/stats';
import { jsonBody } from '../http/params';
import { errorReply, jsonReply } from '../http/replies';
import type { Handler, SimReply, SimRequest } from '../http/types';
import type { SlidingWindowLimiter } from '../limits/sliding-window';
import { allowsPayments, type PaymentsPermission } from '../oauth/scopes';
import type { TokenStore } from '../oauth/token-store';
import type { SessionTypeKey } from '../options';
import { API_ERRORS, type ApiError } from './api-errors';
import { parseCreateRequest } from './create-request';
import type { SessionRecord } from './model';
import type { SessionStore } from './session-store';
import type { WireWriter } from './wire';

export interface PaymentsApiDeps {
  accountId: string;
  sessions: SessionStore;
  tokens: TokenStore;
  rateLimit: SlidingWindowLimiter;
  stats: SimulatorStats;
  wire: WireWriter;
  nextTypeKey: () => SessionTypeKey;
}

const TOKEN_PROBLEMS = {
  missing: "Send the access token in the Authorization header as 'Zoho-oauthtoken <access token>'.",
  unknown: 'The OAuth token is invalid.',
  expired: 'The OAuth token has expired. Generate a new access token using the refresh token.',
  revoked: 'The OAuth token has been revoked.',
} as const;

const AUTH_SCHEME = /^Zoho-oauthtoken\s+(\S+)$/;

function apiErrorReply(error: ApiError, headers: Record<string, string> = {}): SimReply {
  return errorReply(error.status, error.code, error.message, headers);
}

export function createPaymentsApi(deps: PaymentsApiDeps): { create: Handler; retrieve: Handler } {
  /** null when the call may proceed, else the refusal to send. */
  const gate = (request: SimRequest, permission: PaymentsPermission): SimReply | null => {
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
    if (!allowsPayments(check.scopes, permission)) {
      deps.stats.payments_requests.unauthorized += 1;
      return apiErrorReply(API_ERRORS.invalidScope());
    }
    if (accountId === '') return apiErrorReply(API_ERRORS.invalidParameter('account_id is required.'));
    if (accountId !== deps.accountId) return apiErrorReply(API_ERRORS.notAuthorised());
    return null;
  };

  const sessionReply = (status: number, session: SessionRecord): SimReply => ({
    ...jsonReply(status, { code: 0, message: 'success', payments_session: deps.wire.session(session, deps.nextTypeKey()) }),
    logDetails: { sessionId: session.sessionId },
  });

  const create = (request: SimRequest): SimReply => {
    deps.stats.payments_requests.create += 1;
    const refused = gate(request, 'CREATE');
    if (refused) return refused;
    const body = jsonBody(request);
    if (!body.ok) return apiErrorReply(API_ERRORS.invalidRequest('The request body is not valid JSON.'));
    const parsed = parseCreateRequest(body.value);
    if (!parsed.ok) return apiErrorReply(parsed.error);
    const created = deps.sessions.create(parsed.input);
    return created.ok ? sessionReply(201, created.session) : apiErrorReply(created.error);
  };

  const retrieve = (request: SimRequest): SimReply => {
    deps.stats.payments_requests.retrieve += 1;
    const refused = gate(request, 'READ');
    if (refused) return refused;
    const session = deps.sessions.get(request.params.id ?? '');
    return session ? sessionReply(200, session) : apiErrorReply(API_ERRORS.sessionNotFound());
  };

  return { create, retrieve };
}
