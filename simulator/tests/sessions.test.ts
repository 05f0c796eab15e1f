// The POS session API: create and retrieve, terminal outcomes, one active session per terminal,
// the 3-minute validity, authentication and the account rate limit.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SESSION_EXPIRED } from '../index';
import { startHarness, VALID_CREATE } from './harness';

describe('create and retrieve', () => {
  it('retrieves what was created', async () => {
    const { api, sim } = await startHarness({ sessionTypeKey: 'payments_session_type' });
    const token = sim.issueAccessToken();
    const created = await api.createSession(token);

    const answer = await api.retrieve(token, created.payments_session_id);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ code: 0, message: 'success', payments_session: created });
  });

  it('answers 404 resource_does_not_exist for an unknown session', async () => {
    const { api, sim } = await startHarness();
    const answer = await api.retrieve(sim.issueAccessToken(), '216000000000001');

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: 'resource_does_not_exist', message: expect.any(String) as string });
  });

  it('answers 405 for a method the API does not support, 404 for an unknown URL', async () => {
    const { sim } = await startHarness();
    const headers = { authorization: `Zoho-oauthtoken ${sim.issueAccessToken()}` };
    const base = `${sim.url}/api/v1/terminal/paymentsessions`;

    const put = await fetch(`${base}/1?account_id=23137556`, { method: 'PUT', headers });
    const list = await fetch(`${base}?account_id=23137556`, { headers });
    const unknown = await fetch(`${sim.url}/api/v1/paymentsessions?account_id=23137556`, { headers });

    expect(put.status).toBe(405);
    expect(await put.json()).toMatchObject({ code: 'method_not_allowed' });
    expect(list.status).toBe(405);
    expect(unknown.status).toBe(404);
  });

  it('alternates payments_session_type and payment_session_type by default', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const created = await api.createSession(token);
    const retrieved = (await api.retrieve(token, created.payments_session_id)).body.payments_session;

    expect(created.payments_session_type).toBe('pos_payment');
    expect(created).not.toHaveProperty('payment_session_type');
    expect(retrieved?.payment_session_type).toBe('pos_payment');
    expect(retrieved).not.toHaveProperty('payments_session_type');
  });
});

describe('terminal outcomes', () => {
  it('fetch answers 404 when the terminal has nothing to pull', async () => {
    const { api } = await startHarness();
    const answer = await api.control('POST', '/_sim/terminals/TRM001/fetch');

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'no_active_session' });
  });

  it('pay needs Fetch Payments first', async () => {
    const { api, sim } = await startHarness();
    await api.createSession(sim.issueAccessToken());

    const answer = await api.control('POST', '/_sim/terminals/TRM001/pay', { outcome: 'succeeded' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'not_fetched' });
  });

  it('a declined attempt keeps the session in progress; a later success ends it', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const created = await api.createSession(token);
    const fetched = await api.control<{ payments_session: { payments_session_id: string }; expires_in_seconds: number }>(
      'POST',
      '/_sim/terminals/TRM001/fetch',
    );
    expect(fetched.body.payments_session.payments_session_id).toBe(created.payments_session_id);
    expect(fetched.body.expires_in_seconds).toBe(180);

    await api.control('POST', '/_sim/terminals/TRM001/pay', { outcome: 'declined_attempt', failure_code: 'incorrect_pin' });
    const during = (await api.retrieve(token, created.payments_session_id)).body.payments_session;
    await api.control('POST', '/_sim/terminals/TRM001/pay', { outcome: 'succeeded' });
    const after = (await api.retrieve(token, created.payments_session_id)).body.payments_session;

    expect(during?.session_status).toBe('in_progress');
    expect(during?.payments).toEqual([expect.objectContaining({ status: 'failed', failure_code: 'incorrect_pin' })]);
    expect(after?.session_status).toBe('succeeded');
    expect(after?.payments?.map((payment) => payment.status)).toEqual(['failed', 'succeeded']);
    expect(after?.payments?.[1]).toMatchObject({ amount: '100.50', payment_method: { type: 'card', type_formatted: 'Card' } });
    expect(after?.payments?.[1]).not.toHaveProperty('failure_code');
  });

  it('a failed outcome is final and carries its failure_code', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const created = await api.createSession(token, { payment_method_details: { type: 'upi' } });
    sim.fetchOnTerminal('TRM001');
    sim.pay('TRM001', { outcome: 'failed', failure_code: 'upi_timeout' });

    const session = (await api.retrieve(token, created.payments_session_id)).body.payments_session;

    expect(session?.session_status).toBe('failed');
    expect(session?.payments?.[0]).toMatchObject({ status: 'failed', failure_code: 'upi_timeout', payment_method: { type: 'upi', type_formatted: 'UPI' } });
  });

  it('refuses to pay by another method than the session asked for', async () => {
    const { api, sim } = await startHarness();
    await api.createSession(sim.issueAccessToken(), { payment_method_details: { type: 'upi' } });
    sim.fetchOnTerminal('TRM001');

    const answer = await api.control('POST', '/_sim/terminals/TRM001/pay', { outcome: 'succeeded', method: 'card' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'method_mismatch' });
  });

  it.each([
    [{ outcome: 'won' }],
    [{ outcome: 'failed' }],
    [{ outcome: 'failed', failure_code: 'Not A Code' }],
    [{ outcome: 'succeeded', method: 'cash' }],
  ])('refuses a malformed report %j', async (body) => {
    const { api, sim } = await startHarness();
    await api.createSession(sim.issueAccessToken());
    sim.fetchOnTerminal('TRM001');

    const answer = await api.control('POST', '/_sim/terminals/TRM001/pay', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_request' });
  });
});

describe('one active session per terminal', () => {
  it('refuses a second session on a busy terminal, and allows it once the first is final', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const first = await api.createSession(token);

    const busy = await api.create(token, VALID_CREATE);
    const elsewhere = await api.create(token, { ...VALID_CREATE, terminal_id: 'TRM002' });
    sim.fetchOnTerminal('TRM001');
    sim.pay('TRM001', { outcome: 'succeeded' });
    const again = await api.create(token, VALID_CREATE);

    expect(busy.status).toBe(400);
    expect(busy.body).toEqual({ code: 'terminal_busy', message: expect.stringContaining(first.payments_session_id) as string });
    expect(elsewhere.status).toBe(201);
    expect(again.status).toBe(201);
  });
});

describe('3-minute validity', () => {
  it('an unpaid session becomes failed with a session_expired payment, and frees its terminal', async () => {
    const { api, sim, clock } = await startHarness();
    const token = sim.issueAccessToken();
    const created = await api.createSession(token);

    clock.advance(179_999);
    expect((await api.retrieve(token, created.payments_session_id)).body.payments_session?.session_status).toBe('in_progress');
    clock.advance(1);
    const expired = (await api.retrieve(token, created.payments_session_id)).body.payments_session;

    expect(expired?.session_status).toBe('failed');
    expect(expired?.payments).toEqual([
      expect.objectContaining({ status: 'failed', failure_code: SESSION_EXPIRED, date: Math.floor((created.created_time * 1000 + 180_000) / 1000) }),
    ]);
    expect((await api.create(token, VALID_CREATE)).status).toBe(201);
    expect((await api.control('POST', '/_sim/terminals/TRM001/pay', { outcome: 'succeeded' })).status).toBe(409);
  });

  it('an expired session that was never fetched cannot be paid on the terminal', async () => {
    const { api, sim, clock } = await startHarness({ sessionValiditySeconds: 10 });
    await api.createSession(sim.issueAccessToken());
    clock.advance(10_000);

    const answer = await api.control('POST', '/_sim/terminals/TRM001/fetch');
    expect(answer.status).toBe(404);
  });

  it('with expiredSessionPayment false, an expired session is failed with no payment at all', async () => {
    const { api, sim, clock } = await startHarness({ expiredSessionPayment: false });
    const token = sim.issueAccessToken();
    const created = await api.createSession(token);
    clock.advance(180_000);

    const session = (await api.retrieve(token, created.payments_session_id)).body.payments_session;
    expect(session?.session_status).toBe('failed');
    expect(session).not.toHaveProperty('payments');
  });

  it('keeps the declined attempts of an expired session', async () => {
    const { api, sim, clock } = await startHarness();
    const token = sim.issueAccessToken();
    const created = await api.createSession(token);
    sim.fetchOnTerminal('TRM001');
    sim.pay('TRM001', { outcome: 'declined_attempt', failure_code: 'card_declined' });
    clock.advance(180_000);

    const session = (await api.retrieve(token, created.payments_session_id)).body.payments_session;
    expect(session?.payments?.map((payment) => payment.failure_code)).toEqual(['card_declined', SESSION_EXPIRED]);
  });

  it('expires sessions on a timer too, without anyone reading them', async () => {
    const { api, sim } = await startHarness({ now: Date.now, sessionValiditySeconds: 1 });
    await api.createSession(sim.issueAccessToken());

    await sleep(2100);
    expect(sim.stats().sessions).toEqual({ created: 1, succeeded: 0, failed: 1, expired: 1 });
  });

  it('POST /_sim/sessions/{id}/expire ends one now', async () => {
    const { api, sim } = await startHarness();
    const created = await api.createSession(sim.issueAccessToken());

    const answer = await api.control<{ session_status: string }>('POST', `/_sim/sessions/${created.payments_session_id}/expire`);
    expect(answer.body.session_status).toBe('failed');
    expect((await api.control('POST', '/_sim/sessions/1/expire')).status).toBe(404);
  });
});

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['the Bearer scheme', 'Bearer TOKEN'],
    ['an unknown token', 'Zoho-oauthtoken 1000.unknown.token'],
  ])('answers 401 invalid_oauthtoken for %s', async (_name, header) => {
    const { sim } = await startHarness();
    const response = await fetch(`${sim.url}/api/v1/terminal/paymentsessions?account_id=23137556`, {
      method: 'POST',
      headers: header === undefined ? {} : { authorization: header.replace('TOKEN', sim.issueAccessToken()) },
      body: JSON.stringify(VALID_CREATE),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'invalid_oauthtoken', message: expect.any(String) as string });
    expect(sim.sessions()).toEqual([]);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-minute limit, counting creates and retrieves', async () => {
    const { api, sim, clock } = await startHarness({ rateLimitPerMinute: 3 });
    const token = sim.issueAccessToken();
    const created = await api.createSession(token);
    await api.retrieve(token, created.payments_session_id);
    clock.advance(20_000);
    await api.retrieve(token, created.payments_session_id);

    const limited = await api.retrieve(token, created.payments_session_id);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 'rate_limit_exceeded', message: expect.any(String) as string });
    expect(limited.headers.get('retry-after')).toBe('40');

    clock.advance(40_000);
    expect((await api.retrieve(token, created.payments_session_id)).status).toBe(200);
    expect(sim.stats().payments_requests.rate_limited).toBe(1);
  });

  it('defaults to 600 a minute', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const answers = await Promise.all(Array.from({ length: 601 }, () => api.retrieve(token, '1')));

    expect(answers.filter((answer) => answer.status === 404)).toHaveLength(600);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(1);
  });
});
