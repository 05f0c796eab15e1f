// The parameters of Zoho's organisation consent URL (/oauth/v2/org/auth), checked the way the
// accounts server checks them before it shows anything.
import type { OAuthClientFixture } from '../fixture';
import { redirectUriAllowed } from './redirect-uri';
import { parseScopes } from './scopes';

export interface ConsentRequest {
  client: OAuthClientFixture;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  offline: boolean;
  codeChallenge: string | null;
  /** The original query, carried through the consent form unchanged. */
  params: URLSearchParams;
}

export type ConsentParse = { ok: true; request: ConsentRequest } | { ok: false; title: string; detail: string };

function refuse(title: string, detail: string): ConsentParse {
  return { ok: false, title, detail };
}

export function parseConsentRequest(
  params: URLSearchParams,
  lookup: { client(clientId: string): OAuthClientFixture | undefined; accountId: string },
): ConsentParse {
  if (params.get('response_type') !== 'code') return refuse('Unsupported response type', 'response_type must be "code".');
  const client = lookup.client(params.get('client_id') ?? '');
  if (!client) return refuse('Invalid Client', 'No client is registered with this client_id.');
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!redirectUriAllowed(client.redirectUris, redirectUri)) {
    return refuse('Invalid Redirect Uri', 'The redirect_uri does not match the one registered for this client.');
  }
  const scopes = parseScopes(params.get('scope') ?? '');
  if (!scopes) return refuse('Invalid OAuth Scope', 'Ask for Zoho Payments scopes such as ZohoPay.payments.CREATE.');
  const soid = params.get('soid') ?? '';
  if (soid !== `zohopay.${lookup.accountId}` && soid !== `zohopaysandbox.${lookup.accountId}`) {
    return refuse('Invalid organization', `soid must name this Zoho Payments account: zohopay.${lookup.accountId}.`);
  }
  const codeChallenge = params.get('code_challenge');
  if (codeChallenge !== null && params.get('code_challenge_method') !== 'S256') {
    return refuse('Invalid code challenge', 'Only code_challenge_method=S256 is supported.');
  }
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      scopes,
      state: params.get('state'),
      offline: params.get('access_type') === 'offline',
      codeChallenge,
      params,
    },
  };
}
