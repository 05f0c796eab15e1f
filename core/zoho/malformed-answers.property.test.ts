// Whatever Zoho sends back, the app stays standing: the payments client turns any answer into a
// session that fits the schema or a typed ZohoError (never a TypeError, a ZodError, a RangeError…),
// and the poller keeps polling through garbage without ever taking a final state from it.
// Answers come over real HTTP from a small local server replaying fast-check's bodies, and from the
// simulator's own malformed-answer fault.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { MemorySecretStore } from '../secrets/secret-store';
import { AnswerServer, type Answer } from '../../testkit/answer-server';
import { Rig } from '../../testkit/rig';
import { sleep } from '../../testkit/time';
import { ZohoError } from './errors';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from './http';
import { PaymentsClient } from './payments-client';
import { sessionEnvelope } from './schemas';
import { TokenManager } from './token-manager';
import { TokenRequestLog } from './token-request-log';
import { ConnectionVault, type StoredConnection } from './vault';

// ---------------------------------------------------------------------------------------------
// Bodies: arbitrary JSON, non-JSON, truncated, and near-valid sessions with random damage.

const SESSION_KEYS = ['payments_session_id', 'currency', 'amount', 'session_status', 'created_time', 'terminal_id', 'payments_session_type', 'payment_session_type', 'invoice_number', 'description', 'payments', 'meta_data'] as const;
const PAYMENT_KEYS = ['payment_id', 'amount', 'status', 'date', 'failure_code', 'payment_method'] as const;

function goodSession(status: string): Record<string, unknown> {
  return {
    payments_session_id: '2160000000001',
    currency: 'INR',
    amount: '10.00',
    session_status: status,
    created_time: 1_763_800_000,
    terminal_id: 'TRM001',
    payments_session_type: 'pos_payment',
    invoice_number: 'C1-0001',
    description: 'Invoice C1-0001',
    payments: [{ payment_id: '1730000000001', amount: '10.00', status: 'failed', date: 1_763_800_010, failure_code: 'card_declined', payment_method: { type: 'card', type_formatted: 'Card' } }],
  };
}

const DELETE = Symbol('delete');
const damageValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(DELETE),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, '', 0, -1, 1e308, '10.005', 'NaN', [], {}, true, 'succeeded', 'SUCCEEDED', 'expired', '  in_progress'),
);

/** A session answer with 1–4 of its fields (or its payment's fields) removed or replaced. */
const damagedSession: fc.Arbitrary<unknown> = fc
  .record({
    status: fc.constantFrom('in_progress', 'succeeded', 'failed'),
    code: fc.oneof(fc.constant<unknown>(0), fc.constant<unknown>('0'), damageValue),
    damage: fc.array(fc.tuple(fc.constantFrom<string>(...SESSION_KEYS, ...PAYMENT_KEYS.map((k) => `payments.0.${k}`), 'payments.0', 'payments_session'), damageValue), { minLength: 1, maxLength: 4 }),
  })
  .map(({ status, code, damage }) => {
    const envelope: Record<string, unknown> = { code, message: 'success', payments_session: goodSession(status) };
    for (const [path, value] of damage) {
      const parts = path === 'payments_session' ? [] : path.split('.');
      let target = envelope.payments_session as Record<string, unknown>;
      let key = parts.length === 0 ? 'payments_session' : (parts.at(-1) ?? '');
      if (parts.length === 0) target = envelope;
      for (const part of parts.slice(0, -1)) {
        const next = target?.[part];
        if (next === null || typeof next !== 'object') {
          key = '';
          break;
        }
        target = next as Record<string, unknown>;
      }
      if (key === '' || target === null || typeof target !== 'object') continue;
      if (value === DELETE) delete target[key];
      else target[key] = value;
    }
    return envelope;
  });

const bodyText: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 3 }),
  damagedSession.map((v) => JSON.stringify(v)),
  damagedSession.chain((v) => {
    const text = JSON.stringify(v);
    return fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
  }),
  fc.record({ code: fc.jsonValue({ maxDepth: 1 }), message: fc.jsonValue({ maxDepth: 1 }) }).map((v) => JSON.stringify(v)),
  fc.record({ error: fc.jsonValue({ maxDepth: 1 }), error_description: fc.jsonValue({ maxDepth: 1 }) }).map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', ' ', 'null', '[]', '{}', '<html>502 Bad Gateway</html>', '{"code":', '\u0000\u0001', '{"code":0}', '{"code":0,"payments_session":null}'),
  fc.integer({ min: 1_000, max: 50_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1_000, max: 50_000 }).map((depth) => `{"code":0,"payments_session":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
);

const statusCode = fc.oneof(
  fc.constantFrom(200, 201, 202, 204, 301, 302, 400, 401, 403, 404, 405, 409, 422, 429, 500, 502, 503, 504),
  fc.integer({ min: 200, max: 599 }),
);

const headers: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.constant({}),
  fc.record({ 'retry-after': fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.string({ maxLength: 30 }), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), fc.constantFrom('-5', '1e9', 'Infinity')) }),
  fc.record({ location: fc.constantFrom('http://127.0.0.1:1/elsewhere', '/api/v1/terminal/paymentsessions/2', 'not a url') }),
  fc.record({ 'content-type': fc.constantFrom('text/html', 'application/octet-stream', 'application/json; charset=latin1') }),
);

const answer: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ status: statusCode, body: bodyText, headers }) },
  { weight: 1, arbitrary: fc.constant({ status: 200, body: '', hangUp: true }) },
);

// ---------------------------------------------------------------------------------------------

function storedConnection(): StoredConnection {
  return {
    edition: 'in',
    accountId: '23137556',
    clientId: '1000.CLIENT',
    clientSecret: 'secret',
    refreshToken: 'refresh',
    accessToken: 'fresh-access-token',
    accessTokenExpiresAt: Date.now() + 3_600_000,
    reconnectReason: null,
    accountsServer: null,
  };
}

function clientFor(server: AnswerServer): PaymentsClient {
  const vault = new ConnectionVault(new MemorySecretStore(JSON.stringify(storedConnection())));
  // A 401 makes the client refresh the token: the same server answers that too, with the same garbage.
  const tokens = new TokenManager({
    vault,
    requests: new TokenRequestLog(new MemorySecretStore()),
    accountsUrl: server.url,
    log: silentLogger,
    now: Date.now,
    onStateChange: () => undefined,
    timeoutMs: 2_000,
  });
  return new PaymentsClient({ paymentsUrl: server.url, accountId: '23137556', tokens, log: silentLogger, now: Date.now, timeoutMs: 2_000 });
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };
async function settle(promise: Promise<unknown>): Promise<Settled> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

function expectSessionOrZohoError(outcome: Settled, shown: string): void {
  if (outcome.ok) {
    // Accepted: it must be a whole session, as the schema describes it.
    expect(sessionEnvelope.safeParse({ code: 0, payments_session: outcome.value }).success, shown).toBe(true);
    return;
  }
  const error = outcome.error;
  expect(error, `${shown} threw ${String(error)}`).toBeInstanceOf(ZohoError);
  if (error instanceof ZohoError) {
    expect(['validation', 'auth', 'rate_limited', 'not_found', 'server', 'network', 'malformed', 'not_connected']).toContain(error.kind);
    expect(error.message.trim()).not.toBe('');
    if (error.kind === 'rate_limited') expect(Number.isFinite(error.details.retryAfterMs ?? 0) && (error.details.retryAfterMs ?? 0) >= 0, shown).toBe(true);
  }
}

describe('the payments client, given any answer', () => {
  let server: AnswerServer;
  beforeAll(async () => {
    server = await AnswerServer.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('returns a session that fits the schema or throws a typed ZohoError: retrieve', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (reply) => {
        server.responder = () => reply;
        const outcome = await settle(clientFor(server).retrieveSession('2160000000001'));
        expectSessionOrZohoError(outcome, JSON.stringify(reply).slice(0, 300));
      }),
      { numRuns: 300 },
    );
  });

  it('returns a session that fits the schema or throws a typed ZohoError: create', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (reply) => {
        server.responder = () => reply;
        const created = clientFor(server).createSession({ amount: 10, currency: 'INR', terminalId: 'TRM001', invoiceNumber: 'C1-0001', description: 'x', metaData: [], method: 'card' });
        expectSessionOrZohoError(await settle(created), JSON.stringify(reply).slice(0, 300));
      }),
      { numRuns: 200 },
    );
  });

  it('any Retry-After (seconds, dates, garbage) gives a wait from 0 to MAX_RETRY_AFTER_MS', () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.double().map(String), fc.nat().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), fc.constantFrom('1e9', '86400', '-1', 'Infinity', '1e400'));
    fc.assert(
      fc.property(value, fc.nat({ max: 120_000 }), (header, fallback) => {
        const wait = retryAfterMs(new Headers({ 'retry-after': header }), fallback, Date.now());
        return Number.isFinite(wait) && wait >= 0 && wait <= MAX_RETRY_AFTER_MS;
      }),
      { numRuns: 500 },
    );
  });

  it('a valid answer is read as the session it describes (the parser is not simply refusing everything)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('in_progress', 'succeeded', 'failed'), fc.constantFrom(0, '0'), fc.constantFrom(200, 201), async (status, code, httpStatus) => {
        server.responder = () => ({ status: httpStatus, body: JSON.stringify({ code, message: 'success', payments_session: goodSession(status) }) });
        const session = await clientFor(server).retrieveSession('2160000000001');
        expect(session.session_status).toBe(status);
        expect(session.payments_session_id).toBe('2160000000001');
      }),
      { numRuns: 12 },
    );
  });
});

describe('the poller, given garbage for its retrieve calls', () => {
  let server: AnswerServer;
  let rig: Rig;
  const errors: string[] = [];
  const capture: Logger = { info: () => undefined, warn: () => undefined, error: (message, fields) => errors.push(`${message} ${JSON.stringify(fields)}`) };
  const sessionsById = new Map<string, Record<string, unknown>>();
  let garbage: Answer[] = [];
  let finalStatus: 'in_progress' | 'succeeded' = 'in_progress';
  let served = 0;
  let unreadableCreates = 0;

  beforeAll(async () => {
    server = await AnswerServer.start();
    let next = 1;
    server.responder = (request) => {
      if (request.method === 'POST') {
        // A faithful create: the session says exactly what was asked.
        const asked = JSON.parse(request.body) as { amount: number; currency: string; terminal_id: string; invoice_number: string };
        const session = { ...goodSession('in_progress'), payments_session_id: `G${next++}`, amount: asked.amount.toFixed(2), currency: asked.currency, terminal_id: asked.terminal_id, invoice_number: asked.invoice_number, payments: [] };
        sessionsById.set(session.payments_session_id, session);
        if (unreadableCreates > 0) {
          unreadableCreates -= 1;
          // Whole JSON, and the session's id, but the rest not as Zoho documents it.
          const { amount: _amount, ...damaged } = session;
          return { status: 201, body: JSON.stringify({ code: 0, message: 'success', payments_session: { ...damaged, session_status: 'pending', created_time: 'yesterday' } }) };
        }
        return { status: 201, body: JSON.stringify({ code: 0, message: 'success', payments_session: session }) };
      }
      served += 1;
      const queued = garbage.shift();
      if (queued) return queued;
      const session = sessionsById.get(request.path.split('/').at(-1) ?? '') ?? {};
      const payments = finalStatus === 'succeeded' ? [{ payment_id: '1730000000009', amount: session.amount, status: 'succeeded', date: 1_763_800_020, payment_method: { type: 'card' } }] : [];
      return { status: 200, body: JSON.stringify({ code: 0, message: 'success', payments_session: { ...session, session_status: finalStatus, payments } }) };
    };
    rig = await Rig.start({ paymentsUrl: server.url, counters: 1, tuning: { log: capture, pollIntervalMs: 15, budgetPerMinute: 1_000_000 } });
  });
  afterAll(async () => {
    await rig.close();
    await server.stop();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  // 401s (a token refresh each, against Zoho's 10 per 10 minutes) and 429s (a pause of every check)
  // are garbage with consequences of their own, tested on their own: not here.
  it('never takes a final state from garbage, never crashes, and still lands the real outcome', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer.filter((a) => a.status !== 401 && a.status !== 429 && !a.body.includes('succeeded') && !a.body.includes('"failed"')), { minLength: 1, maxLength: 8 }), async (answers) => {
        finalStatus = 'in_progress';
        garbage = [];
        const attempt = await rig.charge(1_000 + answers.length);
        expect(attempt.state).toBe('in_progress');
        const before = served;
        garbage = [...answers];
        const deadline = Date.now() + 10_000;
        while (garbage.length > 0 && Date.now() < deadline) await sleep(5);
        // A few more polls after the garbage: the poller is still alive.
        const after = served;
        while (served < after + 2 && Date.now() < deadline) await sleep(5);
        expect(served - before).toBeGreaterThanOrEqual(answers.length + 2);
        const during = rig.attempt(attempt.id);
        // Garbage can at most make a person look (a session that disagrees with the charge).
        expect(['in_progress', 'unresolved']).toContain(during.state);
        if (during.state === 'unresolved') expect(during.mismatch).not.toBeNull();
        finalStatus = 'succeeded';
        const settled = await rig.waitFor(attempt.id, (a) => a.state !== 'in_progress', 10_000);
        expect(settled.state === 'succeeded' || (settled.state === 'unresolved' && settled.mismatch !== null)).toBe(true);
        if (settled.state === 'unresolved') {
          // Hand the terminal back: a person re-checks it and Zoho's answer settles it.
          await rig.call('charge-recheck', { attemptId: attempt.id });
          expect(rig.attempt(attempt.id).state).toBe('succeeded');
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('a create whose answer cannot be read but names its session is followed by that id, not left unknown', async () => {
    finalStatus = 'in_progress';
    garbage = [];
    unreadableCreates = 1;
    const attempt = await rig.charge(2_468);
    expect(attempt.state).toBe('in_progress');
    expect(attempt.paymentsSessionId).toMatch(/^G\d+$/);
    expect(attempt.mismatch).toBeNull();
    finalStatus = 'succeeded';
    const settled = await rig.waitFor(attempt.id, (a) => a.state !== 'in_progress', 10_000);
    expect(settled).toMatchObject({ state: 'succeeded', paymentId: '1730000000009' });
  });

  // Last in this block: it leaves the poller paused.
  it('a 429 asking to wait for ever pauses polling, and does not spin it', async () => {
    finalStatus = 'in_progress';
    garbage = [];
    await rig.charge(4_321);
    garbage = [{ status: 429, body: '{"code":"too_many_requests","message":"slow down"}', headers: { 'retry-after': '1e9' } }];
    const deadline = Date.now() + 5_000;
    while (garbage.length > 0 && Date.now() < deadline) await sleep(5);
    const after = served;
    await sleep(1_000);
    // Paused (for at most MAX_RETRY_AFTER_MS): not one request a millisecond, as an overflowing timer would make it.
    expect(served - after).toBeLessThanOrEqual(1);
  });
});

describe('the simulator answering every retrieve with a truncated body', () => {
  it('the payment stays in progress, polling goes on, and the outcome lands once answers are whole again', async () => {
    const rig = await Rig.start({ counters: 1 });
    try {
      const attempt = await rig.charge(2_500);
      await rig.control.faults({ scope: 'retrieve', malformed_rate: 1 });
      await rig.control.pay('TRM001', { outcome: 'succeeded' });
      const retrieves = async () => Promise.resolve(rig.sim.requests().filter((r) => r.method === 'GET' && r.fault === 'malformed').length);
      await sleep(1_000);
      const first = await retrieves();
      await sleep(1_000);
      const second = await retrieves();
      expect(first).toBeGreaterThanOrEqual(2);
      expect(second).toBeGreaterThan(first);
      expect(rig.attempt(attempt.id).state).toBe('in_progress');
      const rechecked = await rig.call('charge-recheck', { attemptId: attempt.id });
      expect(rechecked.state).toBe('in_progress');
      const status = await rig.call('connection-status', {});
      expect(status.degraded).toBe(true);
      await rig.control.clearFaults();
      expect((await rig.waitFor(attempt.id, (a) => a.state !== 'in_progress')).state).toBe('succeeded');
    } finally {
      await rig.close();
    }
  });
});
