// POST /api/v1/terminal/paymentsessions and GET /api/v1/terminal/paymentsessions/{id}.
// Every call passes the gate first (gate.ts): rate limit, token, scope, account.
import type { SimulatorStats } from '../control/stats';
import { jsonBody } from '../http/params';
import { jsonReply } from '../http/replies';
import type { Handler, SimReply, SimRequest } from '../http/types';
import type { SessionTypeKey } from '../options';
import { API_ERRORS } from './api-errors';
import { parseCreateRequest } from './create-request';
import { apiErrorReply, type Gate } from './gate';
import type { SessionRecord } from './model';
import type { SessionStore } from './session-store';
import type { WireWriter } from './wire';

export interface PaymentsApiDeps {
  gate: Gate;
  sessions: SessionStore;
  stats: SimulatorStats;
  wire: WireWriter;
  nextTypeKey: () => SessionTypeKey;
}

export function createPaymentsApi(deps: PaymentsApiDeps): { create: Handler; retrieve: Handler } {
  const sessionReply = (status: number, session: SessionRecord): SimReply => ({
    ...jsonReply(status, { code: 0, message: 'success', payments_session: deps.wire.session(session, deps.nextTypeKey()) }),
    logDetails: { sessionId: session.sessionId },
  });

  const create = (request: SimRequest): SimReply => {
    deps.stats.payments_requests.create += 1;
    const refused = deps.gate(request, 'payments', 'CREATE');
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
    const refused = deps.gate(request, 'payments', 'READ');
    if (refused) return refused;
    const session = deps.sessions.get(request.params.id ?? '');
    return session ? sessionReply(200, session) : apiErrorReply(API_ERRORS.sessionNotFound());
  };

  return { create, retrieve };
}
