// Fault injection: latency, server errors, dropped connections (before and after processing),
// malformed bodies, and how a plan is scoped and ends.
import { describe, expect, it } from 'vitest';
import { startHarness, VALID_CREATE } from './harness';

function createRequest(url: string, token: string): Promise<Response> {
  return fetch(`${url}/api/v1/terminal/paymentsessions?account_id=23137556`, {
    method: 'POST',
    headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(VALID_CREATE),
  });
}

describe('fault injection', () => {
  it('delays answers by latency_ms', async () => {
    const { api, sim } = await startHarness();
    sim.setFaults({ latency_ms: 300 });

    const started = performance.now();
    const answer = await api.retrieve(sim.issueAccessToken(), '1');

    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(404);
    expect(sim.requests()[0]).toMatchObject({ latency_ms: 300, status: 404 });
  });

  it('answers 500 without processing at error_rate 1', async () => {
    const { api, sim } = await startHarness();
    const set = await api.control('POST', '/_sim/faults', { error_rate: 1 });
    expect(set.status).toBe(200);

    const answer = await api.create(sim.issueAccessToken(), VALID_CREATE);

    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ code: 'error', message: 'An internal error occurred. Please refresh the page and try again.' });
    expect(sim.sessions()).toEqual([]);
  });

  it('can answer another 5xx status', async () => {
    const { api, sim } = await startHarness();
    sim.setFaults({ error_rate: 1, error_status: 503 });

    expect((await api.retrieve(sim.issueAccessToken(), '1')).status).toBe(503);
  });

  it('drops the connection before processing: no session exists', async () => {
    const { sim } = await startHarness();
    sim.setFaults({ drop_rate: 1 });

    await expect(createRequest(sim.url, sim.issueAccessToken())).rejects.toThrow();
    expect(sim.sessions()).toEqual([]);
    expect(sim.requests()).toEqual([expect.objectContaining({ method: 'POST', status: 0, fault: 'drop' })]);
  });

  it('drops the connection after processing: the session exists though nobody heard of it', async () => {
    const { sim } = await startHarness();
    sim.setFaults({ drop_rate: 1, drop_after_processing: true, scope: 'create' });

    await expect(createRequest(sim.url, sim.issueAccessToken())).rejects.toThrow();
    const [session] = sim.sessions();
    expect(session?.session_status).toBe('in_progress');
    expect(sim.requests()[0]).toMatchObject({ status: 0, fault: 'drop', session_id: session?.payments_session_id });
  });

  it('sends a truncated body at malformed_rate 1, after processing', async () => {
    const { sim } = await startHarness();
    sim.setFaults({ malformed_rate: 1 });

    const response = await createRequest(sim.url, sim.issueAccessToken());
    const text = await response.text();

    expect(response.status).toBe(201);
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(text.startsWith('{"code":0')).toBe(true);
    expect(sim.sessions()).toHaveLength(1);
  });

  it('rolls one die per request: the rates are consecutive bands', async () => {
    const rolls = [0.05, 0.25, 0.45, 0.9];
    const { api, sim } = await startHarness({ random: () => rolls.shift() ?? 0.99 });
    sim.setFaults({ drop_rate: 0.1, error_rate: 0.2, malformed_rate: 0.3, scope: 'retrieve' });
    const token = sim.issueAccessToken();
    const attempt = () =>
      api.retrieve(token, '1').then(
        (answer) => answer.status,
        (error: unknown) => (error instanceof SyntaxError ? 'malformed' : 'dropped'),
      );

    expect([await attempt(), await attempt(), await attempt(), await attempt()]).toEqual(['dropped', 500, 'malformed', 404]);
    expect(sim.stats().faults).toEqual({ delayed: 0, errored: 1, dropped: 1, malformed: 1 });
  });

  it('scope "token" affects only the token endpoint', async () => {
    const { api, sim } = await startHarness();
    sim.setFaults({ error_rate: 1, scope: 'token' });

    expect((await api.refreshGrant()).status).toBe(500);
    expect((await api.create(sim.issueAccessToken(), VALID_CREATE)).status).toBe(201);
  });

  it('scope "retrieve" leaves creates alone', async () => {
    const { api, sim } = await startHarness();
    sim.setFaults({ error_rate: 1, scope: 'retrieve' });
    const token = sim.issueAccessToken();

    const created = await api.createSession(token);
    expect((await api.retrieve(token, created.payments_session_id)).status).toBe(500);
  });

  it('ends after count affected requests', async () => {
    const { api, sim } = await startHarness();
    sim.setFaults({ error_rate: 1, count: 2 });
    const token = sim.issueAccessToken();

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await api.retrieve(token, '1')).status);
    expect(statuses).toEqual([500, 500, 404]);
    expect(sim.requests().map((entry) => entry.fault)).toEqual(['error', 'error', undefined]);
  });

  it('ends after duration_ms', async () => {
    const { api, sim, clock } = await startHarness();
    sim.setFaults({ error_rate: 1, duration_ms: 60_000 });
    const token = sim.issueAccessToken();

    expect((await api.retrieve(token, '1')).status).toBe(500);
    clock.advance(60_000);
    expect((await api.retrieve(token, '1')).status).toBe(404);
    expect((await api.control<{ faults: unknown }>('GET', '/_sim/faults')).body.faults).toBeNull();
  });

  it('GET shows the plan, DELETE clears it', async () => {
    const { api, sim } = await startHarness();
    await api.control('POST', '/_sim/faults', { latency_ms: 2000, error_rate: 0.3, drop_rate: 0.1, malformed_rate: 0.05, duration_ms: 60_000 });

    const shown = await api.control<{ faults: { plan: Record<string, unknown> } }>('GET', '/_sim/faults');
    expect(shown.body.faults.plan).toMatchObject({ scope: 'payments', latency_ms: 2000, error_rate: 0.3, drop_after_processing: false });

    expect((await api.control('DELETE', '/_sim/faults')).status).toBe(204);
    expect((await api.retrieve(sim.issueAccessToken(), '1')).status).toBe(404);
  });

  it.each([
    [{ error_rate: 0.6, drop_rate: 0.6 }],
    [{ error_rate: 2 }],
    [{ latency: 100 }],
    [{ scope: 'everything' }],
  ])('refuses the plan %j', async (plan) => {
    const { api } = await startHarness();
    const answer = await api.control('POST', '/_sim/faults', plan);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_request' });
  });

  it('stop() ends injected delays at once', async () => {
    const { sim } = await startHarness({ now: Date.now });
    sim.setFaults({ latency_ms: 60_000 });
    const pending = createRequest(sim.url, sim.issueAccessToken()).catch(() => 'dropped');

    const started = performance.now();
    await sim.stop();
    expect(await pending).toBe('dropped');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
