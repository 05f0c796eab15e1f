// OAuth state: clients, authorisation codes, refresh tokens and access tokens, with Zoho's rules
// (codes single-use and short-lived, refresh tokens until revoked, at most 10 live access tokens
// per refresh token).
import type { OAuthClientFixture } from '../fixture';
import { zohoSecret } from '../ids';
import { verifyS256 } from './pkce';
import { DEFAULT_SCOPE, parseScopes } from './scopes';

/** Zoho: "a refresh token can have at most 10 active access tokens"; the oldest one dies. */
const MAX_LIVE_ACCESS_TOKENS = 10;

export interface CodeGrant {
  clientId: string;
  /** The redirect_uri the code was issued for; null for a Self Client code. */
  redirectUri: string | null;
  scopes: string[];
  /** access_type=offline: the exchange also returns a refresh token. */
  offline: boolean;
  codeChallenge: string | null;
}

interface CodeRecord extends CodeGrant {
  expiresAt: number;
  used: boolean;
}

interface RefreshTokenRecord {
  clientId: string;
  scopes: string[];
  revoked: boolean;
  /** Access tokens minted from it, oldest first. */
  accessTokens: string[];
}

interface AccessTokenRecord {
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

/** Zoho's token error words, sent as `{"error": ...}`. */
export type TokenError = 'invalid_client' | 'invalid_code' | 'invalid_redirect_uri';

export type TokenGrantResult =
  | { ok: true; accessToken: string; refreshToken: string | null; scopes: string[] }
  | { ok: false; error: TokenError };

export type AccessCheck =
  | { ok: true; scopes: readonly string[] }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

export interface TokenStoreOptions {
  clients: readonly OAuthClientFixture[];
  accessTokenTtlMs: number;
  authorizationCodeTtlMs: number;
  now: () => number;
  onAccessTokenIssued: () => void;
}

export class TokenStore {
  private readonly clients = new Map<string, OAuthClientFixture>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();

  constructor(private readonly options: TokenStoreOptions) {
    const scopes = parseScopes(DEFAULT_SCOPE) ?? [];
    for (const client of options.clients) {
      this.clients.set(client.clientId, client);
      for (const token of client.refreshTokens) {
        this.refreshTokens.set(token, { clientId: client.clientId, scopes, revoked: false, accessTokens: [] });
      }
    }
  }

  client(clientId: string): OAuthClientFixture | undefined {
    return this.clients.get(clientId);
  }

  authenticate(clientId: string, clientSecret: string): boolean {
    return this.clients.get(clientId)?.clientSecret === clientSecret;
  }

  issueCode(grant: CodeGrant): string {
    const now = this.options.now();
    for (const [code, record] of this.codes) if (record.expiresAt <= now) this.codes.delete(code);
    const code = zohoSecret();
    this.codes.set(code, { ...grant, expiresAt: now + this.options.authorizationCodeTtlMs, used: false });
    return code;
  }

  /** The client must already be authenticated. A code is spent by any attempt to redeem it. */
  redeemCode(request: { clientId: string; code: string; redirectUri: string | null; codeVerifier: string | null }): TokenGrantResult {
    const record = this.codes.get(request.code);
    if (!record || record.used || record.expiresAt <= this.options.now() || record.clientId !== request.clientId) {
      return { ok: false, error: 'invalid_code' };
    }
    record.used = true;
    if (record.redirectUri !== null && record.redirectUri !== request.redirectUri) {
      return { ok: false, error: 'invalid_redirect_uri' };
    }
    if (record.codeChallenge !== null && !(request.codeVerifier && verifyS256(request.codeVerifier, record.codeChallenge))) {
      return { ok: false, error: 'invalid_code' };
    }
    const refreshToken = record.offline ? this.addRefreshToken(record.clientId, record.scopes) : null;
    const accessToken = this.mintAccessToken(record.scopes, refreshToken);
    return { ok: true, accessToken, refreshToken, scopes: record.scopes };
  }

  /** A new access token from a refresh token; no new refresh token, as with Zoho. */
  refresh(request: { clientId: string; refreshToken: string }): TokenGrantResult {
    const record = this.refreshTokens.get(request.refreshToken);
    if (!record || record.revoked || record.clientId !== request.clientId) return { ok: false, error: 'invalid_code' };
    const accessToken = this.mintAccessToken(record.scopes, request.refreshToken);
    return { ok: true, accessToken, refreshToken: null, scopes: record.scopes };
  }

  /** Revokes a refresh token with every access token minted from it, or a single access token. */
  revoke(token: string): boolean {
    const refresh = this.refreshTokens.get(token);
    if (refresh) {
      refresh.revoked = true;
      for (const accessToken of refresh.accessTokens) this.revokeAccessToken(accessToken);
      return true;
    }
    return this.revokeAccessToken(token);
  }

  checkAccessToken(token: string): AccessCheck {
    const record = this.accessTokens.get(token);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.revoked) return { ok: false, reason: 'revoked' };
    if (record.expiresAt <= this.options.now()) return { ok: false, reason: 'expired' };
    return { ok: true, scopes: record.scopes };
  }

  /** Ends every access token now; returns how many were still live. */
  expireAccessTokens(): number {
    const now = this.options.now();
    let live = 0;
    for (const record of this.accessTokens.values()) {
      if (record.revoked || record.expiresAt <= now) continue;
      record.expiresAt = now;
      live += 1;
    }
    return live;
  }

  /** A live access token for the fixture's first client, bypassing the token endpoint (tests). */
  issueAccessToken(scopes: string[] = parseScopes(DEFAULT_SCOPE) ?? []): string {
    return this.mintAccessToken(scopes, null);
  }

  private addRefreshToken(clientId: string, scopes: string[]): string {
    const token = zohoSecret();
    this.refreshTokens.set(token, { clientId, scopes, revoked: false, accessTokens: [] });
    return token;
  }

  private mintAccessToken(scopes: string[], refreshToken: string | null): string {
    const token = zohoSecret();
    this.accessTokens.set(token, { scopes, expiresAt: this.options.now() + this.options.accessTokenTtlMs, revoked: false });
    const parent = refreshToken === null ? undefined : this.refreshTokens.get(refreshToken);
    if (parent) {
      parent.accessTokens = parent.accessTokens.filter((live) => this.checkAccessToken(live).ok);
      parent.accessTokens.push(token);
      while (parent.accessTokens.length > MAX_LIVE_ACCESS_TOKENS) {
        const oldest = parent.accessTokens.shift();
        if (oldest) this.revokeAccessToken(oldest);
      }
    }
    this.options.onAccessTokenIssued();
    return token;
  }

  private revokeAccessToken(token: string): boolean {
    const record = this.accessTokens.get(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }
}
