// The route table: Zoho's endpoints, the control API and the pages.
import { controlRoutes } from './control/control-api';
import type { SimulatorControl } from './control/operations';
import { errorReply, htmlReply } from './http/replies';
import type { Route } from './http/router';
import { createConsentHandlers } from './oauth/consent';
import { createTokenEndpoint } from './oauth/token-endpoint';
import { createPaymentsApi } from './payments/api';
import { createGate } from './payments/gate';
import { sessionTypeKeys } from './payments/wire';
import { createRefundsApi } from './refunds/api';
import type { SimulatorState } from './state';
import { homePage, terminalPage } from './terminal/terminal-page';

export function buildRoutes(state: SimulatorState, control: SimulatorControl, baseUrl: string): Route[] {
  const { options } = state;
  const accountId = options.fixture.accountId;
  const gate = createGate({ accountId, tokens: state.tokens, rateLimit: state.rateLimit, stats: state.stats });
  const payments = createPaymentsApi({
    gate,
    sessions: state.sessions,
    stats: state.stats,
    wire: state.wire,
    nextTypeKey: sessionTypeKeys(options.sessionTypeKey),
  });
  const refunds = createRefundsApi({ gate, refunds: state.refunds, stats: state.stats });
  const tokens = createTokenEndpoint({
    store: state.tokens,
    throttle: state.tokenThrottle,
    stats: state.stats,
    accessTokenTtlSeconds: Math.round(options.accessTokenTtlMs / 1000),
    apiDomain: baseUrl,
  });
  const consent = createConsentHandlers({ store: state.tokens, accountId, accountsServer: baseUrl });

  return [
    {
      pattern: '/api/v1/terminal/paymentsessions',
      area: 'payments',
      methods: { POST: { handle: payments.create, faultTarget: 'create' } },
    },
    {
      pattern: '/api/v1/terminal/paymentsessions/:id',
      area: 'payments',
      methods: { GET: { handle: payments.retrieve, faultTarget: 'retrieve' } },
    },
    {
      pattern: '/api/v1/payments/:payment/refunds',
      area: 'payments',
      methods: {
        POST: { handle: refunds.create, faultTarget: 'refund_create' },
        GET: { handle: refunds.listForPayment, faultTarget: 'refund_list' },
      },
    },
    {
      pattern: '/api/v1/refunds/:refund',
      area: 'payments',
      methods: { GET: { handle: refunds.retrieve, faultTarget: 'refund_retrieve' } },
    },
    { pattern: '/oauth/v2/token', area: 'oauth', methods: { POST: { handle: tokens.token, faultTarget: 'token' } } },
    { pattern: '/oauth/v2/token/revoke', area: 'oauth', methods: { POST: { handle: tokens.revoke } } },
    { pattern: '/oauth/v2/org/auth', area: 'oauth', methods: { GET: { handle: consent.show }, POST: { handle: consent.decide } } },
    ...controlRoutes(control),
    {
      pattern: '/terminal/:terminal',
      area: 'page',
      methods: {
        GET: {
          handle: (request) => {
            const terminalId = request.params.terminal ?? '';
            return state.sessions.terminalIds().includes(terminalId)
              ? htmlReply(200, terminalPage(terminalId, options.fixture.currency))
              : errorReply(404, 'terminal_not_found', `No terminal ${terminalId}.`);
          },
        },
      },
    },
    { pattern: '/', area: 'page', methods: { GET: { handle: () => htmlReply(200, homePage(state.sessions.terminalIds(), accountId)) } } },
  ];
}
