// The control API and the pages: request log, sessions, stats, terminals.
import { describe, expect, it } from 'vitest';
import type { RequestLogEntry, SimulatorStats, TerminalInfo, WireSession } from '../index';
import { startHarness, VALID_CREATE } from './harness';

describe('request log', () => {
  it('records Zoho-facing calls as {method, path, time, status, session_id}, never secrets', async () => {
    const { api, sim, clock } = await startHarness();
    const token = await api.accessToken();
    const created = await api.createSession(token);
    await api.retrieve(token, created.payments_session_id);
    await api.control('POST', '/_sim/terminals/TRM001/fetch');

    const log = await api.control<RequestLogEntry[]>('GET', '/_sim/requests');

    expect(log.body).toEqual([
      { method: 'POST', path: '/oauth/v2/token', time: clock.time, status: 200, grant_type: 'refresh_token' },
      { method: 'POST', path: '/api/v1/terminal/paymentsessions', time: clock.time, status: 201, session_id: created.payments_session_id },
      {
        method: 'GET',
        path: `/api/v1/terminal/paymentsessions/${created.payments_session_id}`,
        time: clock.time,
        status: 200,
        session_id: created.payments_session_id,
      },
    ]);
    const text = JSON.stringify(log.body);
    for (const secret of [token, sim.fixture.client_secret, sim.fixture.refresh_token, 'Zoho-oauthtoken', 'account_id']) {
      expect(text).not.toContain(secret);
    }
  });

  it('records refused calls and unknown URLs too', async () => {
    const { api, sim } = await startHarness();
    await api.create('1000.bad.token', VALID_CREATE);
    await fetch(`${sim.url}/api/v2/nothing`);

    expect(sim.requests().map((entry) => [entry.path, entry.status])).toEqual([
      ['/api/v1/terminal/paymentsessions', 401],
      ['/api/v2/nothing', 404],
    ]);
  });

  it('leaves out the control API, the pages and stray browser requests', async () => {
    const { api, sim } = await startHarness();
    await fetch(`${sim.url}/terminal/TRM001`);
    await fetch(`${sim.url}/favicon.ico`);
    await api.control('GET', '/_sim/stats');

    expect(sim.requests()).toEqual([]);
  });

  it('answers 413 to a body over 1 MB', async () => {
    const { api, sim } = await startHarness();
    const answer = await api.create(sim.issueAccessToken(), 'x'.repeat(1024 * 1024 + 1));

    expect(answer.status).toBe(413);
    expect(sim.sessions()).toEqual([]);
  });

  it('DELETE clears it', async () => {
    const { api, sim } = await startHarness();
    await api.retrieve(sim.issueAccessToken(), '1');

    expect((await api.control('DELETE', '/_sim/requests')).status).toBe(204);
    expect(sim.requests()).toEqual([]);
  });
});

describe('sessions, stats and terminals', () => {
  it('GET /_sim/sessions lists every session in the API shape', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const first = await api.createSession(token);
    const second = await api.createSession(token, { terminal_id: 'TRM002', amount: 5 });

    const sessions = await api.control<WireSession[]>('GET', '/_sim/sessions');

    expect(sessions.body.map((session) => [session.payments_session_id, session.terminal_id, session.amount, session.session_status])).toEqual([
      [first.payments_session_id, 'TRM001', '100.50', 'in_progress'],
      [second.payments_session_id, 'TRM002', '5.00', 'in_progress'],
    ]);
  });

  it('GET /_sim/stats counts token requests by grant, payments calls and outcomes', async () => {
    const { api, sim } = await startHarness();
    const token = await api.accessToken();
    await api.createSession(token);
    await api.create(token, VALID_CREATE);
    await api.retrieve('nope', '1');
    sim.fetchOnTerminal('TRM001');
    sim.pay('TRM001', { outcome: 'failed', failure_code: 'expired_card' });

    const stats = await api.control<SimulatorStats>('GET', '/_sim/stats');

    expect(stats.body).toEqual({
      token_requests: { authorization_code: 0, refresh_token: 1, other: 0, throttled: 0 },
      token_revocations: 0,
      access_tokens_issued: 1,
      payments_requests: { create: 2, retrieve: 1, rate_limited: 0, unauthorized: 1 },
      refunds_requests: { create: 0, retrieve: 0 },
      sessions: { created: 1, succeeded: 0, failed: 1, expired: 0 },
      refunds: { created: 0, succeeded: 0, failed: 0, canceled: 0 },
      faults: { delayed: 0, errored: 0, dropped: 0, malformed: 0 },
    });
  });

  it('POST /_sim/terminals/{id} adds a terminal that sessions can use at once', async () => {
    const { api, sim } = await startHarness();
    const added = await api.control('POST', '/_sim/terminals/TRM004');
    const again = await api.control('POST', '/_sim/terminals/TRM004');

    expect(added.status).toBe(201);
    expect(again.status).toBe(200);
    expect(await sim.addTerminal('TRM005')).toBe('TRM005');
    await api.createSession(sim.issueAccessToken(), { terminal_id: 'TRM004' });
    const terminals = await api.control<TerminalInfo[]>('GET', '/_sim/terminals');
    expect(terminals.body.map((terminal) => terminal.terminal_id)).toEqual(['TRM001', 'TRM002', 'TRM003', 'TRM004', 'TRM005']);
    expect(terminals.body[3]?.active_session_id).toMatch(/^\d{15}$/);
    expect((await api.control('POST', '/_sim/terminals/bad%20id')).status).toBe(400);
  });

  it('the fixture summary is what the CLI prints', async () => {
    const { sim } = await startHarness();

    expect(Object.keys(sim.fixture)).toEqual(['account_id', 'client_id', 'client_secret', 'refresh_token', 'terminals']);
    expect(sim.fixture).toMatchObject({ account_id: '23137556', terminals: ['TRM001', 'TRM002', 'TRM003'] });
  });
});

describe('pages', () => {
  it('serves a self-contained terminal page per terminal, and 404 for an unknown one', async () => {
    const { sim } = await startHarness();
    const page = await fetch(`${sim.url}/terminal/TRM001`);
    const html = await page.text();
    const unknown = await fetch(`${sim.url}/terminal/NOPE`);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('Fetch Payments');
    expect(html).toContain('data-terminal="TRM001"');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(unknown.status).toBe(404);
  });

  it('refuses terminal ids that could break a page', async () => {
    const { sim } = await startHarness();

    await expect(sim.addTerminal('T<1>')).rejects.toThrow('invalid_request');
    expect((await fetch(`${sim.url}/terminal/${encodeURIComponent('T<1>')}`)).status).toBe(404);
  });

  it('escapes request values it prints on the consent page', async () => {
    const { sim } = await startHarness();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: sim.fixture.client_id,
      scope: 'ZohoPay.payments.READ',
      redirect_uri: 'http://127.0.0.1:1/callback',
      soid: `zohopay.${sim.fixture.account_id}`,
      state: '"><script>alert(1)</script>',
    });
    const html = await (await fetch(`${sim.url}/oauth/v2/org/auth?${query.toString()}`)).text();

    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('serves a home page that links every terminal', async () => {
    const { sim } = await startHarness();
    const html = await (await fetch(`${sim.url}/`)).text();

    for (const terminal of sim.fixture.terminals) expect(html).toContain(`href="/terminal/${terminal}"`);
  });
});

describe('tamper', () => {
  it('makes later answers disagree with the create request, and refuses bad values', async () => {
    const { api } = await startHarness();
    const token = await api.accessToken();
    const created = await api.createSession(token);
    const tampered = await api.control<WireSession>('POST', `/_sim/sessions/${created.payments_session_id}/tamper`, { amount: '5.00', invoice_number: 'OTHER-1' });
    expect(tampered.status).toBe(200);
    const read = await api.retrieve(token, created.payments_session_id);
    expect(read.body).toMatchObject({ payments_session: { amount: '5.00', invoice_number: 'OTHER-1' } });
    expect((await api.control('POST', `/_sim/sessions/${created.payments_session_id}/tamper`, { amount: '5' })).status).toBe(400);
    expect((await api.control('POST', '/_sim/sessions/404/tamper', { amount: '5.00' })).status).toBe(404);
  });
});
