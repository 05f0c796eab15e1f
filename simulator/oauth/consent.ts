// GET shows the consent screen; POST (its Accept / Reject form) redirects back to the app with
// `code` and `state`, or `error=access_denied`.
import { formParams } from '../http/params';
import { htmlReply, redirectReply } from '../http/replies';
import type { Handler, SimReply, SimRequest } from '../http/types';
import { consentErrorPage, consentPage } from './consent-page';
import { parseConsentRequest } from './consent-request';
import type { TokenStore } from './token-store';

export interface ConsentDeps {
  store: TokenStore;
  accountId: string;
  /** Zoho adds `accounts-server` to the redirect: which data centre answered. */
  accountsServer: string;
}

export function createConsentHandlers(deps: ConsentDeps): { show: Handler; decide: Handler } {
  const lookup = { client: (clientId: string) => deps.store.client(clientId), accountId: deps.accountId };

  const show = (request: SimRequest): SimReply => {
    const parsed = parseConsentRequest(request.url.searchParams, lookup);
    if (!parsed.ok) return htmlReply(400, consentErrorPage(parsed.title, parsed.detail));
    return htmlReply(200, consentPage(parsed.request, deps.accountId));
  };

  const decide = (request: SimRequest): SimReply => {
    const params = formParams(request);
    const parsed = parseConsentRequest(params, lookup);
    // Never redirect to a URI that was not verified.
    if (!parsed.ok) return htmlReply(400, consentErrorPage(parsed.title, parsed.detail));
    const consent = parsed.request;
    const target = new URL(consent.redirectUri);
    if (params.get('decision') === 'accept') {
      const code = deps.store.issueCode({
        clientId: consent.client.clientId,
        redirectUri: consent.redirectUri,
        scopes: consent.scopes,
        offline: consent.offline,
        codeChallenge: consent.codeChallenge,
      });
      target.searchParams.set('code', code);
      target.searchParams.set('location', 'in');
      target.searchParams.set('accounts-server', deps.accountsServer);
    } else {
      target.searchParams.set('error', 'access_denied');
    }
    if (consent.state !== null) target.searchParams.set('state', consent.state);
    return redirectReply(target.toString());
  };

  return { show, decide };
}
