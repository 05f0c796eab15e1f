// The accounts server: token grants, PKCE, single-use codes, revocation, expiry and the throttle.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultFixture } from '../index';
import { startHarness, VALID_CREATE, type Harness } from './harness';

const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function consentQuery(harness: Harness, overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: harness.sim.fixture.client_id,
    scope: 'ZohoPay.payments.CREATE,ZohoPay.payments.READ',
    redirect_uri: REDIRECT_URI,
    access_type: 'offline',
    prompt: 'consent',
    soid: `zohopay.${harness.sim.fixture.account_id}`,
    state: 'state-123',
    ...overrides,
  });
}

/** Submits the consent form as the browser would and returns the redirect it answers with. */
async function decide(harness: Harness, query: URLSearchParams, decision: 'accept' | 'reject'): Promise<URL> {
  const form = new URLSearchParams(query);
  form.set('decision', decision);
  const response = await fetch(`${harness.sim.url}/oauth/v2/org/auth`, { method: 'POST', body: form, redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

async function consentCode(harness: Harness, overrides: Record<string, string> = {}): Promise<string> {
  const redirect = await decide(harness, consentQuery(harness, overrides), 'accept');
  return redirect.searchParams.get('code') ?? '';
}

function exchange(harness: Harness, code: string, extra: Record<string, string> = {}) {
  const { fixture } = harness.sim;
  return harness.api.token({
    grant_type: 'authorization_code',
    client_id: fixture.client_id,
    client_secret: fixture.client_secret,
    code,
    redirect_uri: REDIRECT_URI,
    ...extra,
  });
}

describe('refresh_token grant', () => {
  it('returns a new access token and no refresh token', async () => {
    const harness = await startHarness();
    const answer = await harness.api.refreshGrant();

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/) as string,
      scope: 'ZohoPay.payments.CREATE ZohoPay.payments.READ ZohoPay.refunds.CREATE ZohoPay.refunds.READ',
      api_domain: harness.sim.url,
      token_type: 'Bearer',
      expires_in: 3600,
    });
  });

  it('accepts the parameters in the query string, as Zoho does', async () => {
    const { sim } = await startHarness();
    const { fixture } = sim;
    const query = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: fixture.client_id,
      client_secret: fixture.client_secret,
      refresh_token: fixture.refresh_token,
    });
    const response = await fetch(`${sim.url}/oauth/v2/token?${query.toString()}`, { method: 'POST' });

    expect(await response.json()).toHaveProperty('access_token');
  });

  it.each([
    ['a wrong client secret', { client_secret: 'nope' }, 'invalid_client'],
    ['an unknown client', { client_id: '1000.UNKNOWN' }, 'invalid_client'],
    ['an unknown refresh token', { refresh_token: '1000.x.y' }, 'invalid_code'],
    ['an unknown grant type', { grant_type: 'password' }, 'unsupported_grant_type'],
  ])('refuses %s with HTTP 200 and an error key', async (_name, overrides, error) => {
    const harness = await startHarness();
    const answer = await harness.api.refreshGrant(overrides);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ error });
  });
});

describe('access tokens', () => {
  it('expire after expires_in seconds', async () => {
    const harness = await startHarness({ accessTokenTtlSeconds: 60 });
    const token = await harness.api.accessToken();
    expect((await harness.api.create(token, VALID_CREATE)).status).toBe(201);

    harness.clock.advance(60_000);
    const answer = await harness.api.retrieve(token, '1');

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ code: 'invalid_oauthtoken', message: expect.stringContaining('expired') as string });
  });

  it('all expire at once through POST /_sim/tokens/expire, and refreshing gives a working one', async () => {
    const harness = await startHarness();
    const token = await harness.api.accessToken();

    const expired = await harness.api.control<{ expired: number }>('POST', '/_sim/tokens/expire');
    expect(expired.body.expired).toBe(1);
    expect((await harness.api.create(token, VALID_CREATE)).status).toBe(401);

    const fresh = await harness.api.accessToken();
    expect((await harness.api.create(fresh, VALID_CREATE)).status).toBe(201);
  });

  it('at most 10 live per refresh token: the 11th ends the oldest', async () => {
    const harness = await startHarness({ tokenRequestLimit: 100 });
    const tokens: string[] = [];
    for (let i = 0; i < 11; i += 1) tokens.push(await harness.api.accessToken());

    expect((await harness.api.retrieve(tokens[0] ?? '', '1')).status).toBe(401);
    expect((await harness.api.retrieve(tokens[1] ?? '', '1')).status).toBe(404);
  });
});

describe('throttle', () => {
  it('refuses the 11th token request within 10 minutes, then admits again once the window slides', async () => {
    const harness = await startHarness();
    for (let i = 0; i < 10; i += 1) {
      harness.clock.advance(30_000);
      expect((await harness.api.refreshGrant()).body).toHaveProperty('access_token');
    }

    const eleventh = await harness.api.refreshGrant();
    expect(eleventh.status).toBe(400);
    expect(eleventh.body).toEqual({
      error: 'Access Denied',
      error_description: 'You have made too many requests continuously. Please try again after some time.',
    });

    // Ten minutes after the first request (made 270 s before the tenth), one slot is free again.
    harness.clock.advance(600_000 - 270_001);
    expect((await harness.api.refreshGrant()).status).toBe(400);
    harness.clock.advance(1);
    expect((await harness.api.refreshGrant()).body).toHaveProperty('access_token');
    expect(harness.sim.stats().token_requests).toEqual({ authorization_code: 0, refresh_token: 13, other: 0, throttled: 2 });
  });

  it('counts per client', async () => {
    const second = { ...defaultFixture().clients[0]!, clientId: '1000.SECOND', refreshTokens: ['1000.second.refresh'] };
    const harness = await startHarness({ fixture: { clients: [defaultFixture().clients[0]!, second] }, tokenRequestLimit: 2 });
    await harness.api.refreshGrant();
    await harness.api.refreshGrant();

    expect((await harness.api.refreshGrant()).status).toBe(400);
    const other = await harness.api.refreshGrant({ client_id: second.clientId, refresh_token: '1000.second.refresh' });
    expect(other.body).toHaveProperty('access_token');
  });
});

describe('consent page and authorization_code grant', () => {
  it('shows a Zoho-like consent page with the app, its scopes, Accept and Reject', async () => {
    const harness = await startHarness();
    const response = await fetch(`${harness.sim.url}/oauth/v2/org/auth?${consentQuery(harness).toString()}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<strong>Counter</strong> would like to access');
    expect(html).toContain('ZohoPay.payments.CREATE');
    expect(html).toMatch(/<button[^>]*value="accept"[^>]*>Accept<\/button>/);
    expect(html).toMatch(/<button[^>]*value="reject"[^>]*>Reject<\/button>/);
  });

  it('Accept redirects with code and state; the code gives access and refresh tokens (PKCE S256)', async () => {
    const harness = await startHarness();
    const { verifier, challenge } = pkcePair();
    const redirect = await decide(harness, consentQuery(harness, { code_challenge: challenge, code_challenge_method: 'S256' }), 'accept');

    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.get('accounts-server')).toBe(harness.sim.url);
    const answer = await exchange(harness, redirect.searchParams.get('code') ?? '', { code_verifier: verifier });

    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, api_domain: harness.sim.url });
    const refreshToken = String(answer.body.refresh_token);
    const refreshed = await harness.api.refreshGrant({ refresh_token: refreshToken });
    expect((await harness.api.create(String(refreshed.body.access_token), VALID_CREATE)).status).toBe(201);
  });

  it('Reject redirects with error=access_denied', async () => {
    const harness = await startHarness();
    const redirect = await decide(harness, consentQuery(harness), 'reject');

    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('a code works once', async () => {
    const harness = await startHarness();
    const code = await consentCode(harness);

    expect((await exchange(harness, code)).body).toHaveProperty('access_token');
    expect((await exchange(harness, code)).body).toEqual({ error: 'invalid_code' });
  });

  it('a code lives 2 minutes', async () => {
    const harness = await startHarness();
    const code = await consentCode(harness);
    harness.clock.advance(120_000);

    expect((await exchange(harness, code)).body).toEqual({ error: 'invalid_code' });
  });

  it.each([
    ['a wrong code_verifier', { code_verifier: randomBytes(32).toString('base64url') }],
    ['no code_verifier', {}],
  ])('PKCE: refuses %s, and the code is spent', async (_name, extra) => {
    const harness = await startHarness();
    const { verifier, challenge } = pkcePair();
    const code = await consentCode(harness, { code_challenge: challenge, code_challenge_method: 'S256' });

    expect((await exchange(harness, code, extra)).body).toEqual({ error: 'invalid_code' });
    expect((await exchange(harness, code, { code_verifier: verifier })).body).toEqual({ error: 'invalid_code' });
  });

  it('refuses a redirect_uri other than the one the code was issued for', async () => {
    const harness = await startHarness();
    const code = await consentCode(harness);

    expect((await exchange(harness, code, { redirect_uri: 'http://127.0.0.1:1/callback' })).body).toEqual({
      error: 'invalid_redirect_uri',
    });
  });

  it('refuses a wrong client secret on the exchange', async () => {
    const harness = await startHarness();
    const code = await consentCode(harness);

    expect((await exchange(harness, code, { client_secret: 'wrong' })).body).toEqual({ error: 'invalid_client' });
  });

  it('gives no refresh token without access_type=offline', async () => {
    const harness = await startHarness();
    const code = await consentCode(harness, { access_type: 'online' });

    const answer = await exchange(harness, code);
    expect(answer.body).toHaveProperty('access_token');
    expect(answer.body).not.toHaveProperty('refresh_token');
  });

  it.each([
    ['an unknown client', { client_id: '1000.NOPE' }, 'Invalid Client'],
    ['an unregistered redirect_uri', { redirect_uri: 'https://evil.example/callback' }, 'Invalid Redirect Uri'],
    ['another path on loopback', { redirect_uri: 'http://127.0.0.1:5000/other' }, 'Invalid Redirect Uri'],
    ['a scope Zoho Payments lacks', { scope: 'ZohoCRM.modules.ALL' }, 'Invalid OAuth Scope'],
    ['another organisation', { soid: 'zohopay.1' }, 'Invalid organization'],
    ['a plain PKCE challenge', { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }, 'Invalid code challenge'],
    ['response_type=token', { response_type: 'token' }, 'Unsupported response type'],
  ])('shows an error page, never a redirect, for %s', async (_name, overrides, title) => {
    const harness = await startHarness();
    const query = consentQuery(harness, overrides);
    const shown = await fetch(`${harness.sim.url}/oauth/v2/org/auth?${query.toString()}`);
    const decided = await fetch(`${harness.sim.url}/oauth/v2/org/auth`, {
      method: 'POST',
      body: new URLSearchParams([...query, ['decision', 'accept']]),
      redirect: 'manual',
    });

    expect(shown.status).toBe(400);
    expect(await shown.text()).toContain(title);
    expect(decided.status).toBe(400);
  });

  it('issues Self Client codes through the control API (no redirect_uri needed)', async () => {
    const harness = await startHarness();
    const issued = await harness.api.control<{ code: string; expires_in: number }>('POST', '/_sim/oauth/codes', {});
    const { fixture } = harness.sim;

    expect(issued.status).toBe(201);
    expect(issued.body.expires_in).toBe(120);
    const answer = await harness.api.token({
      grant_type: 'authorization_code',
      client_id: fixture.client_id,
      client_secret: fixture.client_secret,
      code: issued.body.code,
    });
    expect(answer.body).toHaveProperty('refresh_token');
  });

  it('a token limited to READ cannot create (401 invalid_oauthscope)', async () => {
    const harness = await startHarness();
    const code = harness.sim.issueAuthorizationCode({ scope: 'ZohoPay.payments.READ' });
    const { fixture } = harness.sim;
    const answer = await harness.api.token({ grant_type: 'authorization_code', client_id: fixture.client_id, client_secret: fixture.client_secret, code });
    const token = String(answer.body.access_token);

    const created = await harness.api.create(token, VALID_CREATE);
    expect(created.status).toBe(401);
    expect(created.body.code).toBe('invalid_oauthscope');
    expect((await harness.api.retrieve(token, '1')).status).toBe(404);
  });
});

describe('revoke', () => {
  it('ends the refresh token and every access token minted from it', async () => {
    const harness = await startHarness();
    const access = await harness.api.accessToken();
    const { fixture } = harness.sim;

    const response = await fetch(`${harness.sim.url}/oauth/v2/token/revoke?token=${fixture.refresh_token}`, { method: 'POST' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'success' });
    expect((await harness.api.refreshGrant()).body).toEqual({ error: 'invalid_code' });
    const refused = await harness.api.create(access, VALID_CREATE);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('revoked');
  });

  it('only accepts POST', async () => {
    const harness = await startHarness();
    const response = await fetch(`${harness.sim.url}/oauth/v2/token/revoke?token=x`);

    expect(response.status).toBe(405);
  });
});
