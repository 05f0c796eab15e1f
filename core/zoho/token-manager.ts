// Keeps one valid access token for the whole app. Zoho allows at most 10 token requests per 10
// minutes (code exchanges included: TokenRequestLog counts them all), so: the token is cached (and
// persisted, so restarts spend none) until 2 minutes before it expires; one refresh runs at a time
// and every waiting caller shares it; a throttled answer backs off instead of retrying; a refused
// refresh token means a person must reconnect. Every request goes to the accounts server of the
// connection's data centre, and a new sign-in revokes the refresh token it replaces.
import type { Logger } from '../logger';
import { grantsRefunds } from './editions';
import { ZohoError } from './errors';
import { requestJson } from './http';
import { tokenAnswer, tokenErrorAnswer } from './schemas';
import type { TokenRequestLog } from './token-request-log';
import type { ConnectionVault, StoredConnection } from './vault';

export type TokenState =
  | { kind: 'not_configured' }
  | { kind: 'ready' }
  | { kind: 'reconnect_required'; reason: string }
  | { kind: 'throttled'; retryAt: number };

export interface TokenManagerOptions {
  vault: ConnectionVault;
  /** The edition's accounts server, for a connection that has not recorded its own data centre's. */
  accountsUrl: string;
  /** Every token request of the account, shared by all its token managers. */
  requests: TokenRequestLog;
  log: Logger;
  now: () => number;
  onStateChange: (state: TokenState) => void;
  /**
   * Books a token request with whoever else spends the account's limit (a store's other PCs), before
   * it is sent; throws a ZohoError (not_connected, with retryAfterMs) when the account has none left.
   */
  reserveRequest?: () => Promise<void>;
  refreshBeforeExpiryMs?: number;
  throttleBackoffMs?: number;
  timeoutMs?: number;
}

const REFUSED_GRANT_ERRORS = new Set(['invalid_code', 'invalid_grant', 'access_denied', 'invalid_token']);

export class TokenManager {
  private refreshing: Promise<string> | null = null;
  private readonly skewMs: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: TokenManagerOptions) {
    this.skewMs = options.refreshBeforeExpiryMs ?? 2 * 60_000;
    this.backoffMs = options.throttleBackoffMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async state(): Promise<TokenState> {
    const stored = await this.options.vault.read();
    if (!stored) return { kind: 'not_configured' };
    if (stored.reconnectReason) return { kind: 'reconnect_required', reason: stored.reconnectReason };
    const retryAt = await this.retryAt(stored);
    if (retryAt > this.options.now()) return { kind: 'throttled', retryAt };
    return { kind: 'ready' };
  }

  /** A usable access token: the cached one while it is fresh, else one shared refresh. */
  async accessToken(): Promise<string> {
    const stored = await this.requireUsable();
    if (stored.accessToken && stored.accessTokenExpiresAt && stored.accessTokenExpiresAt - this.skewMs > this.options.now()) {
      return stored.accessToken;
    }
    return this.refreshOnce();
  }

  /** Zoho said 401 to `rejectedToken`: refresh, unless another caller already replaced it. */
  async replaceRejected(rejectedToken: string): Promise<string> {
    const stored = await this.requireUsable();
    if (stored.accessToken && stored.accessToken !== rejectedToken) return stored.accessToken;
    if (!this.refreshing) {
      await this.options.vault.update((current) => current && { ...current, accessToken: null, accessTokenExpiresAt: null });
    }
    return this.refreshOnce();
  }

  /**
   * Exchanges an authorisation code (consent redirect or Self Client) for tokens, at
   * `accountsServer` (the data centre the consent redirect named) or the connection's own, and
   * then revokes the refresh token the new one replaces (Zoho keeps at most 20 per user).
   */
  async exchangeCode(code: string, extra: { redirectUri?: string; codeVerifier?: string; accountsServer?: string } = {}): Promise<void> {
    const stored = await this.options.vault.read();
    if (!stored) throw new ZohoError('not_connected', 'Enter the account ID, client ID and client secret first.');
    const accountsServer = extra.accountsServer ?? this.accountsServer(stored);
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      client_id: stored.clientId,
      client_secret: stored.clientSecret,
      code,
    };
    if (extra.redirectUri) form.redirect_uri = extra.redirectUri;
    if (extra.codeVerifier) form.code_verifier = extra.codeVerifier;
    const answer = await this.tokenRequest(accountsServer, form, 'exchange');
    if (!answer.refresh_token) {
      throw new ZohoError('malformed', 'Zoho did not send a refresh token. Ask for offline access and try again.');
    }
    const replaced = await this.options.vault.read();
    await this.options.vault.update((current) =>
      current && {
        ...current,
        accountsServer,
        refreshToken: answer.refresh_token ?? null,
        accessToken: answer.access_token,
        accessTokenExpiresAt: this.options.now() + answer.expiresInMs,
        reconnectReason: null,
        refundScopeMissing: !grantsRefunds(answer.scope),
      },
    );
    this.options.onStateChange({ kind: 'ready' });
    if (replaced?.refreshToken && replaced.refreshToken !== answer.refresh_token) {
      await this.revokeToken(replaced.refreshToken, this.accountsServer(replaced));
    }
  }

  /** Whether the connection may refund: not once Zoho said its scope lacks the refund scopes. */
  async refundsAllowed(): Promise<boolean> {
    return (await this.options.vault.read())?.refundScopeMissing !== true;
  }

  /** Zoho refused a refund call for its scope: refunds are off until a manager signs in again. */
  async markRefundScopeMissing(): Promise<void> {
    const before = await this.options.vault.read();
    if (!before || before.refundScopeMissing === true) return;
    await this.options.vault.update((current) => current && { ...current, refundScopeMissing: true });
    this.options.onStateChange(await this.state());
  }

  /** Revokes the refresh token at Zoho (best effort: a failure is logged, not raised). */
  async revoke(): Promise<void> {
    const stored = await this.options.vault.read();
    if (!stored?.refreshToken) return;
    await this.revokeToken(stored.refreshToken, this.accountsServer(stored));
  }

  private async revokeToken(refreshToken: string, accountsServer: string): Promise<void> {
    const url = `${accountsServer}/oauth/v2/token/revoke?token=${encodeURIComponent(refreshToken)}`;
    try {
      await requestJson({ method: 'POST', url, timeoutMs: this.timeoutMs }, this.options.log);
    } catch (error) {
      this.options.log.warn('revoking the refresh token failed', { error: String(error) });
    }
  }

  private accountsServer(stored: StoredConnection): string {
    return stored.accountsServer ?? this.options.accountsUrl;
  }

  private refreshOnce(): Promise<string> {
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const stored = await this.requireUsable();
    if (!stored.refreshToken) {
      await this.requireReconnect('Zoho has not been signed in to yet.');
      throw new ZohoError('not_connected', 'Sign in with Zoho to connect.');
    }
    const answer = await this.tokenRequest(
      this.accountsServer(stored),
      {
        grant_type: 'refresh_token',
        client_id: stored.clientId,
        client_secret: stored.clientSecret,
        refresh_token: stored.refreshToken,
      },
      'refresh',
    );
    await this.options.vault.update((current) =>
      current && { ...current, accessToken: answer.access_token, accessTokenExpiresAt: this.options.now() + answer.expiresInMs },
    );
    return answer.access_token;
  }

  /** One request to the token endpoint, counted against the limit before it is sent (never sent over it). */
  private async tokenRequest(
    accountsServer: string,
    form: Record<string, string>,
    purpose: 'exchange' | 'refresh',
  ): Promise<{ access_token: string; refresh_token?: string; scope?: string; expiresInMs: number }> {
    const now = this.options.now();
    const retryAt = await this.options.requests.take(now);
    if (retryAt > 0) {
      throw new ZohoError('not_connected', 'Zoho sign-in requests are paused to stay within Zoho’s limit.', { retryAfterMs: retryAt - now });
    }
    // This PC's own log is within the limit; the store's other PCs spend the same account's.
    await this.options.reserveRequest?.();
    const answer = await requestJson(
      {
        method: 'POST',
        url: `${accountsServer}/oauth/v2/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        timeoutMs: this.timeoutMs,
      },
      this.options.log,
    );
    const refused = tokenErrorAnswer.safeParse(answer.body);
    if (refused.success) await this.handleRefusal(refused.data.error, refused.data.error_description, purpose);
    const parsed = tokenAnswer.safeParse(answer.body);
    if (!parsed.success) {
      if (answer.status >= 500) throw new ZohoError('server', `Zoho's sign-in service failed (HTTP ${answer.status})`, { status: answer.status });
      throw new ZohoError('malformed', 'Zoho sent a token answer we cannot read', { status: answer.status });
    }
    const expiresInSeconds = parsed.data.expires_in_sec ?? parsed.data.expires_in ?? 3600;
    // Some Zoho answers give expires_in in milliseconds; a value above a day cannot be seconds.
    const expiresInMs = expiresInSeconds > 86_400 ? expiresInSeconds : expiresInSeconds * 1000;
    return { ...parsed.data, expiresInMs };
  }

  private async handleRefusal(error: string, description: string | undefined, purpose: 'exchange' | 'refresh'): Promise<never> {
    if (/too many requests/i.test(description ?? '') || error === 'Access Denied') {
      const retryAt = this.options.now() + this.backoffMs;
      await this.options.requests.pause(retryAt);
      this.options.onStateChange({ kind: 'throttled', retryAt });
      throw new ZohoError('not_connected', 'Zoho is limiting sign-in requests. The app will try again in a minute.', {
        zohoCode: error,
        retryAfterMs: this.backoffMs,
      });
    }
    if (purpose === 'exchange') {
      // A refused code or client during sign-in says nothing about a saved connection: just report it.
      const text =
        error === 'invalid_client'
          ? 'Zoho does not recognise the client ID or client secret.'
          : 'Zoho refused the code: codes last 2 minutes and work once. Get a new one and try again.';
      throw new ZohoError('validation', text, { zohoCode: error });
    }
    if (error === 'invalid_client') {
      await this.requireReconnect('Zoho does not recognise the client ID or client secret.');
      throw new ZohoError('not_connected', 'Zoho does not recognise the client ID or client secret.', { zohoCode: error });
    }
    if (REFUSED_GRANT_ERRORS.has(error)) {
      const reason = 'Zoho refused the saved sign-in (it was revoked or has expired). A manager must sign in with Zoho again.';
      await this.requireReconnect(reason);
      throw new ZohoError('not_connected', reason, { zohoCode: error });
    }
    throw new ZohoError('validation', `Zoho refused the token request: ${error}`, { zohoCode: error });
  }

  private async requireReconnect(reason: string): Promise<void> {
    await this.options.vault.update((current) => current && { ...current, reconnectReason: reason, accessToken: null, accessTokenExpiresAt: null });
    this.options.onStateChange({ kind: 'reconnect_required', reason });
  }

  private async requireUsable(): Promise<StoredConnection> {
    const stored = await this.options.vault.read();
    if (!stored) throw new ZohoError('not_connected', 'No Zoho account is connected.');
    if (stored.reconnectReason) throw new ZohoError('not_connected', stored.reconnectReason);
    return stored;
  }

  /**
   * When the payments will next be able to get a token (0 = now), from our own count and Zoho's
   * throttle: while the cached token is fresh, our count does not hold them up.
   */
  private async retryAt(stored: StoredConnection): Promise<number> {
    const { limitedUntil, pausedUntil } = await this.options.requests.window(this.options.now());
    const fresh = stored.accessToken && stored.accessTokenExpiresAt && stored.accessTokenExpiresAt - this.skewMs > this.options.now();
    return Math.max(fresh ? 0 : limitedUntil, pausedUntil);
  }
}
