// The token manager against the simulator's accounts server: Zoho allows 10 token requests per
// 10 minutes, so every wasted request matters.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/index';
import { silentLogger } from '../logger';
import { connectionToSimulator } from '../mode';
import { MemorySecretStore } from '../secrets/secret-store';
import { Rig } from '../../testkit/rig';
import { PaymentsClient } from './payments-client';
import { TokenManager, type TokenState } from './token-manager';
import { TokenRequestLog } from './token-request-log';
import { ConnectionVault, type StoredConnection } from './vault';

let sim: RunningSimulator | null = null;
let rig: Rig | null = null;
afterEach(async () => {
  await sim?.stop();
  await rig?.close();
  sim = null;
  rig = null;
});

function connectionFor(s: RunningSimulator, overrides: Partial<StoredConnection> = {}): StoredConnection {
  return { ...connectionToSimulator(s.fixture), ...overrides };
}

function tokenManagerFor(s: RunningSimulator, stored: StoredConnection, states: TokenState[] = [], requests = new TokenRequestLog(new MemorySecretStore())) {
  const vault = new ConnectionVault(new MemorySecretStore(JSON.stringify(stored)));
  const tokens = new TokenManager({ vault, requests, accountsUrl: s.url, log: silentLogger, now: Date.now, onStateChange: (state) => states.push(state) });
  const payments = new PaymentsClient({ paymentsUrl: s.url, accountId: s.fixture.account_id, tokens, log: silentLogger, now: Date.now });
  return { vault, tokens, payments };
}

describe('token manager', () => {
  it('50 concurrent calls on an expired token cause exactly one refresh', async () => {
    sim = await startSimulator();
    const { payments } = tokenManagerFor(sim, connectionFor(sim, { accessToken: 'expired-long-ago', accessTokenExpiresAt: Date.now() + 3_600_000 }));
    const created = await Promise.all(
      ['TRM001', 'TRM002', 'TRM003'].map((terminalId, i) =>
        payments.createSession({ amount: 10 + i, currency: 'INR', terminalId, invoiceNumber: `T-${i}`, description: 'x', metaData: [], method: 'card' }),
      ),
    );
    expect(sim.stats().token_requests.refresh_token).toBe(1);
    const ids = created.map((c) => c.payments_session_id);
    sim.expireAccessTokens();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => payments.retrieveSession(ids[i % 3] ?? '')));
    expect(answers).toHaveLength(50);
    expect(sim.stats().token_requests.refresh_token).toBe(2);
  });

  it('a restart with a valid stored token spends no token request', async () => {
    rig = await Rig.start();
    await rig.charge(999, { counter: 1 });
    const before = rig.sim.stats().token_requests;
    expect(before.refresh_token).toBe(1);
    await rig.restart();
    const attempt = await rig.charge(1_234);
    expect(attempt.state).toBe('in_progress');
    expect(rig.sim.stats().token_requests).toEqual(before);
  });

  it('caches the access token until 2 minutes before it expires', async () => {
    sim = await startSimulator({ accessTokenTtlSeconds: 121 });
    const { tokens } = tokenManagerFor(sim, connectionFor(sim));
    const first = await tokens.accessToken();
    expect(await tokens.accessToken()).toBe(first);
    expect(sim.stats().token_requests.refresh_token).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await tokens.accessToken()).not.toBe(first);
    expect(sim.stats().token_requests.refresh_token).toBe(2);
  });

  it('never sends an 11th token request within 10 minutes', async () => {
    sim = await startSimulator({ accessTokenTtlSeconds: 60 });
    const recent = Array.from({ length: 10 }, (_, i) => Date.now() - 60_000 + i);
    const states: TokenState[] = [];
    const requests = new TokenRequestLog(new MemorySecretStore(JSON.stringify({ times: recent, pausedUntil: 0 })));
    const { tokens } = tokenManagerFor(sim, connectionFor(sim), states, requests);
    await expect(tokens.accessToken()).rejects.toThrow(/paused/);
    expect(sim.stats().token_requests.refresh_token).toBe(0);
    expect((await tokens.state()).kind).toBe('throttled');
  });

  it('an invalid client puts the connection in reconnect required, and stops asking', async () => {
    sim = await startSimulator();
    const states: TokenState[] = [];
    const { tokens } = tokenManagerFor(sim, connectionFor(sim, { clientSecret: 'wrong' }), states);
    await expect(tokens.accessToken()).rejects.toThrow(/client ID or client secret/);
    await expect(tokens.accessToken()).rejects.toThrow();
    expect(sim.stats().token_requests.refresh_token + sim.stats().token_requests.other).toBeLessThanOrEqual(1);
    expect(states.at(-1)?.kind).toBe('reconnect_required');
  });

  it('a sign-in answered by another data centre is exchanged there, refreshed there, and revokes the token it replaced where that one was issued', async () => {
    sim = await startSimulator();
    const otherCentre = await startSimulator();
    try {
      const { tokens, vault } = tokenManagerFor(sim, connectionFor(sim));
      const replaced = (await vault.read())?.refreshToken;
      await tokens.exchangeCode(otherCentre.issueAuthorizationCode(), { accountsServer: otherCentre.url });
      expect(otherCentre.stats().token_requests.authorization_code).toBe(1);
      expect(sim.stats().token_requests.authorization_code).toBe(0);
      expect((await vault.read())?.accountsServer).toBe(otherCentre.url);
      expect(sim.stats().token_revocations).toBe(1);
      expect(otherCentre.stats().token_revocations).toBe(0);
      expect(replaced).toBe(sim.fixture.refresh_token);

      otherCentre.expireAccessTokens();
      await vault.update((current) => current && { ...current, accessToken: null, accessTokenExpiresAt: null });
      await tokens.accessToken();
      expect(otherCentre.stats().token_requests.refresh_token).toBe(1);
      expect(sim.stats().token_requests.refresh_token).toBe(0);
    } finally {
      await otherCentre.stop();
    }
  });
});
