// Demo mode, and connecting a Zoho account (the simulator stands in for Zoho): consent page with
// PKCE, Self Client code, disconnect, and a revoked sign-in.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BillingEvent } from '../../contract/events';
import type { HandlerName, HandlerOutput } from '../../contract/handlers';
import { startSimulator, type RunningSimulator } from '../../simulator/index';
import { startBackend, type Backend } from '../backend';
import { silentLogger } from '../logger';
import { MemorySecretStore } from '../secrets/secret-store';
import { answerConsent } from '../../testkit/consent-browser';
import { sleep } from '../../testkit/time';

interface Setup {
  zoho: RunningSimulator;
  backend: Backend;
  secrets: MemorySecretStore;
  events: BillingEvent[];
  dataDir: string;
  call<K extends HandlerName>(name: K, input: unknown): Promise<HandlerOutput<K>>;
  managerToken: string;
}

let setup: Setup | null = null;
afterEach(async () => {
  if (!setup) return;
  await setup.backend.close();
  await setup.zoho.stop();
  rmSync(setup.dataDir, { recursive: true, force: true });
  setup = null;
});

async function startInDemoMode(): Promise<Setup> {
  const zoho = await startSimulator();
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-connect-'));
  const secrets = new MemorySecretStore();
  const backend = await startBackend({
    dataDir,
    secretStore: secrets,
    startDemoZoho: startSimulator,
    env: { ZOHO_PAYMENTS_URL: zoho.url, ZOHO_ACCOUNTS_URL: zoho.url },
    tuning: { log: silentLogger, pollIntervalMs: 250, consentPort: 0 },
  });
  const events: BillingEvent[] = [];
  backend.subscribe((event) => events.push(event));
  const call = async <K extends HandlerName>(name: K, input: unknown) => {
    const result = await backend.call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
  const { managerToken } = await call('manager-set-pin', { pin: '1357' });
  setup = { zoho, backend, secrets, events, dataDir, call, managerToken };
  return setup;
}

async function configure(s: Setup): Promise<void> {
  await s.call('connection-configure', {
    managerToken: s.managerToken,
    edition: 'in',
    accountId: s.zoho.fixture.account_id,
    clientId: s.zoho.fixture.client_id,
    clientSecret: s.zoho.fixture.client_secret,
  });
}

async function waitForMode(s: Setup, mode: 'demo' | 'live'): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await s.call('app-info', {})).mode !== mode) {
    if (Date.now() > deadline) throw new Error(`never reached ${mode} mode`);
    await sleep(50);
  }
}

describe('demo mode', () => {
  it('starts with simulated terminals and three demo counters', async () => {
    const s = await startInDemoMode();
    const info = await s.call('app-info', {});
    expect(info.mode).toBe('demo');
    expect(info.currency).toBe('INR');
    expect(info.simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.simulatorUrl).not.toBe(s.zoho.url);
    const counters = await s.call('counters-list', {});
    expect(counters.map((c) => c.terminalId)).toEqual(['TRM001', 'TRM002', 'TRM003']);
    expect((await s.call('connection-status', {})).state).toBe('demo');
  });

  it('does not start (and never falls back to the demo) when the saved connection is damaged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-connect-'));
    try {
      const starting = startBackend({
        dataDir,
        secretStore: new MemorySecretStore('{"edition":"in","accountId":'),
        startDemoZoho: startSimulator,
        env: { ZOHO_PAYMENTS_URL: 'http://127.0.0.1:9', ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:9' },
        tuning: { log: silentLogger, consentPort: 0 },
      });
      await expect(starting).rejects.toThrow(/saved Zoho connection is damaged/);
      expect(existsSync(join(dataDir, 'demo.db'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('connecting a Zoho account', () => {
  it('through the consent page: PKCE code exchanged, live mode with its own database', async () => {
    const s = await startInDemoMode();
    await configure(s);
    const { authUrl } = await s.call('connection-signin-start', { managerToken: s.managerToken });
    const url = new URL(authUrl);
    expect(url.origin).toBe(s.zoho.url);
    expect(url.pathname).toBe('/oauth/v2/org/auth');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('soid')).toBe(`zohopay.${s.zoho.fixture.account_id}`);
    expect(url.searchParams.get('access_type')).toBe('offline');

    const landing = await answerConsent(authUrl, 'accept');
    expect(await landing.text()).toMatch(/connected/i);
    await waitForMode(s, 'live');
    const status = await s.call('connection-status', {});
    expect(status.state).toBe('connected');
    expect(JSON.stringify(status)).not.toContain(s.zoho.fixture.client_secret);
    // Live data starts empty: the demo counters stay in the demo database.
    expect(await s.call('counters-list', {})).toEqual([]);
    expect(s.zoho.stats().token_requests.authorization_code).toBe(1);
    expect(s.events.some((e) => e.type === 'app-changed' && e.app.mode === 'live')).toBe(true);
  });

  it('a rejected consent leaves the app in demo mode and says why', async () => {
    const s = await startInDemoMode();
    await configure(s);
    const { authUrl } = await s.call('connection-signin-start', { managerToken: s.managerToken });
    await answerConsent(authUrl, 'reject');
    await sleep(200);
    expect((await s.call('app-info', {})).mode).toBe('demo');
    const last = s.events.filter((e) => e.type === 'connection-changed').at(-1);
    expect(last?.type === 'connection-changed' && last.connection.message).toMatch(/access_denied|did not/i);
  });

  it('with a Self Client code, then a charge goes to the connected account', async () => {
    const s = await startInDemoMode();
    await configure(s);
    const status = await s.call('connection-code-submit', { managerToken: s.managerToken, code: s.zoho.issueAuthorizationCode() });
    expect(status.state).toBe('connected');
    expect((await s.call('app-info', {})).mode).toBe('live');
    const counter = await s.call('counter-create', { managerToken: s.managerToken, name: 'Front', terminalId: 'TRM002' });
    const invoice = await s.call('invoice-create', { counterId: counter.id, lines: [{ description: 'Shoes', quantity: 1, unitPriceMinor: 249_900 }] });
    await s.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' });
    expect(s.zoho.sessions().map((x) => x.amount)).toEqual(['2499.00']);
  });

  it('refuses a bad code with a clear message and stays in demo mode', async () => {
    const s = await startInDemoMode();
    await configure(s);
    const result = await s.backend.call('connection-code-submit', { managerToken: s.managerToken, code: '1000.bogus.code' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/refused the code/);
    expect((await s.call('app-info', {})).mode).toBe('demo');
  });

  it('disconnecting revokes the sign-in and returns to demo mode', async () => {
    const s = await startInDemoMode();
    await configure(s);
    await s.call('connection-code-submit', { managerToken: s.managerToken, code: s.zoho.issueAuthorizationCode() });
    const status = await s.call('connection-disconnect', { managerToken: s.managerToken });
    expect(status.state).toBe('demo');
    expect(s.zoho.stats().token_revocations).toBe(1);
    expect(await s.secrets.read()).toBeNull();
  });

  it('a revoked refresh token puts the connection in "reconnect required"', async () => {
    const s = await startInDemoMode();
    await configure(s);
    await s.call('connection-code-submit', { managerToken: s.managerToken, code: s.zoho.issueAuthorizationCode() });
    const stored = JSON.parse((await s.secrets.read()) ?? '{}') as { refreshToken: string };
    await fetch(`${s.zoho.url}/oauth/v2/token/revoke?token=${encodeURIComponent(stored.refreshToken)}`, { method: 'POST' });
    s.zoho.expireAccessTokens();
    const counter = await s.call('counter-create', { managerToken: s.managerToken, name: 'Front', terminalId: 'TRM001' });
    const invoice = await s.call('invoice-create', { counterId: counter.id, lines: [{ description: 'Pen', quantity: 1, unitPriceMinor: 1_000 }] });
    const attempt = await s.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' });
    expect(attempt.state).toBe('rejected');
    const status = await s.call('connection-status', {});
    expect(status.state).toBe('reconnect_required');
    expect(status.message).toMatch(/sign in with Zoho again/);
    expect((await s.call('app-info', {})).mode).toBe('live');
  });

  it('signing in again while payments run (reconnect required) keeps them and checks them again', async () => {
    const s = await startInDemoMode();
    await configure(s);
    await s.call('connection-code-submit', { managerToken: s.managerToken, code: s.zoho.issueAuthorizationCode() });
    const counter = await s.call('counter-create', { managerToken: s.managerToken, name: 'Front', terminalId: 'TRM001' });
    const invoice = await s.call('invoice-create', { counterId: counter.id, lines: [{ description: 'Pen', quantity: 1, unitPriceMinor: 1_000 }] });
    const attempt = await s.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' });
    const stored = JSON.parse((await s.secrets.read()) ?? '{}') as { refreshToken: string };
    await fetch(`${s.zoho.url}/oauth/v2/token/revoke?token=${encodeURIComponent(stored.refreshToken)}`, { method: 'POST' });
    s.zoho.expireAccessTokens();
    await sleep(700);
    expect((await s.call('connection-status', {})).state).toBe('reconnect_required');

    const status = await s.call('connection-code-submit', { managerToken: s.managerToken, code: s.zoho.issueAuthorizationCode() });
    expect(status.state).toBe('connected');
    s.zoho.fetchOnTerminal('TRM001');
    s.zoho.pay('TRM001', { outcome: 'succeeded' });
    const deadline = Date.now() + 5_000;
    let state = '';
    while (Date.now() < deadline && state !== 'succeeded') {
      state = (await s.call('invoice-get', { invoiceId: invoice.id })).attempts.find((a) => a.id === attempt.id)?.state ?? '';
      await sleep(100);
    }
    expect(state).toBe('succeeded');
  });
});

describe('data centres, replaced sign-ins and the token limit', () => {
  let other: RunningSimulator | null = null;
  afterEach(async () => {
    await other?.stop();
    other = null;
  });

  it('a consent redirect naming an accounts server that is not Zoho’s is refused: the code goes nowhere, and the manager is told', async () => {
    const s = await startInDemoMode();
    other = await startSimulator();
    await configure(s);
    const { authUrl } = await s.call('connection-signin-start', { managerToken: s.managerToken });
    const foreign = other.url;
    await answerConsent(authUrl, 'accept', (redirect) => redirect.searchParams.set('accounts-server', foreign));
    await sleep(300);

    expect(other.stats().token_requests).toMatchObject({ authorization_code: 0, refresh_token: 0 });
    expect(s.zoho.stats().token_requests.authorization_code).toBe(0);
    expect((await s.call('app-info', {})).mode).toBe('demo');
    const last = s.events.filter((e) => e.type === 'connection-changed').at(-1);
    expect(last?.type === 'connection-changed' && last.connection.message).toMatch(/named an accounts server that is not Zoho’s .*did not send the code there/);
  });

  it('a second sign-in revokes the refresh token it replaces', async () => {
    const s = await startInDemoMode();
    await configure(s);
    await s.call('connection-code-submit', { managerToken: s.managerToken, code: s.zoho.issueAuthorizationCode() });
    const first = JSON.parse((await s.secrets.read()) ?? '{}') as { refreshToken: string };
    await s.call('connection-code-submit', { managerToken: s.managerToken, code: s.zoho.issueAuthorizationCode() });
    const second = JSON.parse((await s.secrets.read()) ?? '{}') as { refreshToken: string };

    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(s.zoho.stats().token_revocations).toBe(1);
    const refresh = (refreshToken: string) =>
      fetch(`${s.zoho.url}/oauth/v2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: s.zoho.fixture.client_id, client_secret: s.zoho.fixture.client_secret, refresh_token: refreshToken }),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(await refresh(first.refreshToken)).toMatchObject({ error: 'invalid_code' });
    expect(await refresh(second.refreshToken)).toHaveProperty('access_token');
  });

  it('code exchanges count toward Zoho’s 10 token requests in 10 minutes, and a disconnect does not reset the count', async () => {
    const s = await startInDemoMode();
    await configure(s);
    const signIn = () => s.backend.call('connection-code-submit', { managerToken: s.managerToken, code: s.zoho.issueAuthorizationCode() });
    for (let i = 0; i < 4; i += 1) expect((await signIn()).ok).toBe(true);
    await s.call('connection-disconnect', { managerToken: s.managerToken });
    await configure(s);
    for (let i = 0; i < 6; i += 1) expect((await signIn()).ok).toBe(true);

    const eleventh = await signIn();
    expect(eleventh).toMatchObject({ ok: false, error: { code: 'not_connected', message: /paused to stay within Zoho’s limit/ } });
    expect(s.zoho.stats().token_requests).toMatchObject({ authorization_code: 10, throttled: 0 });
  });
});

