// POST /oauth/v2/token and /oauth/v2/token/revoke, answering as accounts.zoho.in does: errors come
// back with HTTP 200 and an `error` key, except the throttle.
import type { SimulatorStats } from '../control/stats';
import { formParams } from '../http/params';
import { jsonReply } from '../http/replies';
import type { Handler, SimReply, SimRequest } from '../http/types';
import type { SlidingWindowLimiter } from '../limits/sliding-window';
import type { TokenGrantResult, TokenStore } from './token-store';

export interface TokenEndpointDeps {
  store: TokenStore;
  throttle: SlidingWindowLimiter;
  stats: SimulatorStats;
  accessTokenTtlSeconds: number;
  /** What the answers give as `api_domain`: the simulator itself. */
  apiDomain: string;
}

/** Zoho's answer once a client asks for tokens too often (HTTP 400: Zoho's status is not documented). */
const THROTTLED = {
  error: 'Access Denied',
  error_description: 'You have made too many requests continuously. Please try again after some time.',
};

function tokenError(error: string): SimReply {
  return jsonReply(200, { error });
}

export function createTokenEndpoint(deps: TokenEndpointDeps): { token: Handler; revoke: Handler } {
  const granted = (result: TokenGrantResult): SimReply => {
    if (!result.ok) return tokenError(result.error);
    return jsonReply(200, {
      access_token: result.accessToken,
      ...(result.refreshToken === null ? {} : { refresh_token: result.refreshToken }),
      scope: result.scopes.join(' '),
      api_domain: deps.apiDomain,
      token_type: 'Bearer',
      expires_in: deps.accessTokenTtlSeconds,
    });
  };

  const answer = (params: URLSearchParams, grantType: string): SimReply => {
    const clientId = params.get('client_id') ?? '';
    if (!deps.throttle.tryAcquire(clientId).allowed) {
      deps.stats.token_requests.throttled += 1;
      return jsonReply(400, THROTTLED);
    }
    if (!deps.store.authenticate(clientId, params.get('client_secret') ?? '')) return tokenError('invalid_client');
    switch (grantType) {
      case 'authorization_code':
        return granted(
          deps.store.redeemCode({
            clientId,
            code: params.get('code') ?? '',
            redirectUri: params.get('redirect_uri'),
            codeVerifier: params.get('code_verifier'),
          }),
        );
      case 'refresh_token':
        return granted(deps.store.refresh({ clientId, refreshToken: params.get('refresh_token') ?? '' }));
      default:
        return tokenError('unsupported_grant_type');
    }
  };

  const token = (request: SimRequest): SimReply => {
    const params = formParams(request);
    const grantType = params.get('grant_type') ?? '';
    const counted = grantType === 'authorization_code' || grantType === 'refresh_token' ? grantType : 'other';
    deps.stats.token_requests[counted] += 1;
    return { ...answer(params, grantType), logDetails: { grantType: grantType || 'none' } };
  };

  const revoke = (request: SimRequest): SimReply => {
    deps.stats.token_revocations += 1;
    // Unknown tokens are not an error either: revoking is idempotent (RFC 7009 §2.2).
    deps.store.revoke(formParams(request).get('token') ?? '');
    return jsonReply(200, { status: 'success' });
  };

  return { token, revoke };
}
