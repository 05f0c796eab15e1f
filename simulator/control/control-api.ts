// /_sim/*: the control API. JSON in, JSON out; errors as `{code, message}`.
import { jsonBody } from '../http/params';
import { emptyReply, errorReply, jsonReply } from '../http/replies';
import type { Route } from '../http/router';
import type { SimReply, SimRequest } from '../http/types';
import type { Outcome, SimulatorControl } from './operations';

function reply<T>(outcome: Outcome<T>, status = 200): SimReply {
  return outcome.ok ? jsonReply(status, outcome.value) : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
}

/** Runs `use` on the parsed JSON body, or refuses a body that is not JSON. */
function withBody(request: SimRequest, use: (body: unknown) => SimReply): SimReply {
  const body = jsonBody(request);
  return body.ok ? use(body.value) : errorReply(400, 'invalid_request', 'The request body is not valid JSON.');
}

export function controlRoutes(control: SimulatorControl): Route[] {
  const terminalId = (request: SimRequest) => request.params.terminal ?? '';
  return [
    { pattern: '/_sim/terminals', area: 'control', methods: { GET: { handle: () => jsonReply(200, control.terminals()) } } },
    {
      pattern: '/_sim/terminals/:terminal',
      area: 'control',
      methods: {
        POST: {
          handle: (request) => {
            const added = control.addTerminal(terminalId(request));
            return reply(added, added.ok && added.value.created ? 201 : 200);
          },
        },
      },
    },
    {
      pattern: '/_sim/terminals/:terminal/fetch',
      area: 'control',
      methods: { POST: { handle: (request) => reply(control.fetch(terminalId(request))) } },
    },
    {
      pattern: '/_sim/terminals/:terminal/pay',
      area: 'control',
      methods: {
        POST: { handle: (request) => withBody(request, (body) => reply(control.pay(terminalId(request), body))) },
      },
    },
    { pattern: '/_sim/sessions', area: 'control', methods: { GET: { handle: () => jsonReply(200, control.sessions()) } } },
    {
      pattern: '/_sim/sessions/:id/expire',
      area: 'control',
      methods: { POST: { handle: (request) => reply(control.expireSession(request.params.id ?? '')) } },
    },
    {
      pattern: '/_sim/sessions/:id/tamper',
      area: 'control',
      methods: { POST: { handle: (request) => withBody(request, (body) => reply(control.tamperSession(request.params.id ?? '', body))) } },
    },
    { pattern: '/_sim/refunds', area: 'control', methods: { GET: { handle: () => jsonReply(200, control.refunds()) } } },
    {
      pattern: '/_sim/refunds/:id/status',
      area: 'control',
      methods: { POST: { handle: (request) => withBody(request, (body) => reply(control.setRefundStatus(request.params.id ?? '', body))) } },
    },
    {
      pattern: '/_sim/faults',
      area: 'control',
      methods: {
        GET: { handle: () => jsonReply(200, { faults: control.faults() }) },
        POST: { handle: (request) => withBody(request, (body) => reply(control.setFaults(body))) },
        DELETE: {
          handle: () => {
            control.clearFaults();
            return emptyReply();
          },
        },
      },
    },
    {
      pattern: '/_sim/tokens/expire',
      area: 'control',
      methods: { POST: { handle: () => jsonReply(200, { expired: control.expireAccessTokens() }) } },
    },
    {
      pattern: '/_sim/oauth/codes',
      area: 'control',
      methods: {
        POST: { handle: (request) => withBody(request, (body) => reply(control.issueAuthorizationCode(body), 201)) },
      },
    },
    {
      pattern: '/_sim/requests',
      area: 'control',
      methods: {
        GET: { handle: () => jsonReply(200, control.requests()) },
        DELETE: {
          handle: () => {
            control.clearRequests();
            return emptyReply();
          },
        },
      },
    },
    { pattern: '/_sim/stats', area: 'control', methods: { GET: { handle: () => jsonReply(200, control.stats()) } } },
  ];
}
