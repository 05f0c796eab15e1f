// The integration API over real HTTP, on a live backend against the simulator: a billing program's
// charge paid, retried, lost, refused and rate-limited.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationScope } from '../../contract/vocabulary';
import { callIntegrationApi, type ApiRequest } from '../../testkit/integration-client';
import { Rig } from '../../testkit/rig';

let rig: Rig;
afterEach(async () => {
  await rig?.close();
});

async function start(rateLimit = { burst: 50, perMinute: 6000 }): Promise<{ api: (path: string, request?: ApiRequest) => ReturnType<typeof callIntegrationApi>; url: string }> {
  rig = await Rig.start({ integrationApi: { port: 0, rateLimit } });
  const url = rig.backend.integrationApiUrl();
  if (!url) throw new Error('the integration api did not start');
  return { url, api: (path, request) => callIntegrationApi(url, path, request) };
}

async function newKey(scopes: IntegrationScope[] = ['charge', 'read'], counters = [0]): Promise<{ id: string; secret: string }> {
  const { key, secret } = await rig.call('integration-key-create', { managerToken: rig.managerToken, name: 'Tally', scopes, counterIds: counters.map((i) => rig.counters[i]?.id) });
  return { id: key.id, secret };
}

const charge = (reference: string, overrides: Record<string, unknown> = {}) => ({ reference, amountMinor: 123_450, currency: 'INR', counter: 'Counter 1', method: 'card', ...overrides });

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(rig.dataDir, 'counter.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('integration API', () => {
  it('charges an external invoice on the terminal; the program waits for Zoho’s word, lists it by reference and sees its counters', async () => {
    const { api } = await start();
    const key = await newKey();
    const created = await api('/v1/charges', { key: key.secret, idempotencyKey: 'tally-inv-9-a', body: charge('INV-9') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ reference: 'INV-9', program: 'Tally', amountMinor: 123_450, currency: 'INR', state: 'in_progress', pending: true, held: false });
    const id = created.body.id as string;
    expect((await api('/v1/counters', { key: key.secret })).body).toEqual({ counters: [{ id: rig.counters[0]?.id, name: 'Counter 1', terminalId: 'TRM001', state: 'charging' }] });

    const waiting = api(`/v1/charges/${id}?wait=20`, { key: key.secret });
    await rig.control.pay('TRM001', { outcome: 'succeeded', method: 'card' });
    const paid = await waiting;
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ id, state: 'succeeded', pending: false, needsReview: false });

    const listed = await api('/v1/charges?reference=INV-9', { key: key.secret });
    expect(listed.body).toMatchObject({ charges: expect.any(Array) as unknown });
    expect((listed.body.charges as { id: string }[]).map((c) => c.id)).toEqual([id]);
    expect((await api('/v1/charges?reference=INV-10', { key: key.secret })).body.charges).toEqual([]);
    expect((await api('/v1/charges?date=2026-02-31', { key: key.secret })).body.error).toMatchObject({ field: 'date', message: 'Date must be a real calendar date' });
    // The invoice on Counter's side carries the reference as its number; the key is kept as its hash only.
    expect((await rig.call('invoice-get', { invoiceId: rig.attempt(id).invoiceId })).invoice).toMatchObject({ number: 'INV-9', status: 'paid' });
    expect(rows<{ key_hash: string }>('SELECT key_hash FROM integration_keys')).toEqual([{ key_hash: createHash('sha256').update(key.secret).digest('hex') }]);
    expect(rows<{ path: string; status: number }>('SELECT method, path, status FROM integration_calls WHERE key_id = ? ORDER BY id', key.id)).toEqual([
      { method: 'POST', path: '/v1/charges', status: 201 },
      { method: 'GET', path: '/v1/counters', status: 200 },
      { method: 'GET', path: `/v1/charges/${id}`, status: 200 },
      { method: 'GET', path: '/v1/charges', status: 200 },
      { method: 'GET', path: '/v1/charges', status: 200 },
      { method: 'GET', path: '/v1/charges', status: 422 },
    ]);
  });

  it('with cashiers defined, a program’s charge is not refused for want of a sign-in: it names the program, or the cashier signed in there', async () => {
    const { api } = await start();
    const key = await newKey();
    const added = await rig.call('cashier-add', { managerToken: rig.managerToken, name: 'Ravi', pin: '4321' });
    const ravi = added.cashiers.find((c) => c.name === 'Ravi');
    // A person at the till still signs in first: the screens' invoice is refused.
    const byHand = await rig.raw('invoice-create', { counterId: rig.counters[0]?.id, lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 100 }] });
    expect(byHand).toMatchObject({ ok: false, error: { code: 'conflict', field: 'counterId' } });

    const unattended = await api('/v1/charges', { key: key.secret, idempotencyKey: 'tally-inv-11', body: charge('INV-11') });
    expect(unattended.status).toBe(201);
    expect((await rig.call('invoice-get', { invoiceId: rig.attempt(unattended.body.id as string).invoiceId })).invoice.cashier).toBe('Integration: Tally');
    await rig.control.pay('TRM001', { outcome: 'failed', failure_code: 'insufficient_funds' });
    await rig.waitFor(unattended.body.id as string, (a) => a.state === 'failed');

    await rig.call('cashier-sign-in', { counterId: rig.counters[0]?.id ?? '', cashierId: ravi?.id ?? '', pin: '4321' });
    const attended = await api('/v1/charges', { key: key.secret, idempotencyKey: 'tally-inv-12', body: charge('INV-12') });
    expect(attended.status).toBe(201);
    expect((await rig.call('invoice-get', { invoiceId: rig.attempt(attended.body.id as string).invoiceId })).invoice.cashier).toBe('Ravi');
  });

  it('a retried request with its Idempotency-Key makes one charge; the same key with another body is refused naming the header', async () => {
    const { api } = await start();
    const key = await newKey();
    const [first, second] = await Promise.all([
      api('/v1/charges', { key: key.secret, idempotencyKey: 'retry-me-0001', body: charge('INV-20') }),
      api('/v1/charges', { key: key.secret, idempotencyKey: 'retry-me-0001', body: charge('INV-20') }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const again = await api('/v1/charges', { key: key.secret, idempotencyKey: 'retry-me-0001', body: charge('INV-20') });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe((first.status === 201 ? first : second).body.id);
    expect(rig.sim.stats().payments_requests.create).toBe(1);

    const changed = await api('/v1/charges', { key: key.secret, idempotencyKey: 'retry-me-0001', body: charge('INV-20', { amountMinor: 999 }) });
    expect(changed.status).toBe(422);
    expect(changed.body.error).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    const missing = await api('/v1/charges', { key: key.secret, body: charge('INV-21') });
    expect(missing.body.error).toMatchObject({ field: 'Idempotency-Key', message: expect.stringMatching(/required/) as string });
    expect(rig.sim.stats().payments_requests.create).toBe(1);
  });

  it('a lost Zoho answer is unknown with the hold, and neither a retry nor a new request creates again', async () => {
    const { api } = await start();
    const key = await newKey();
    await rig.control.faults({ scope: 'create', drop_rate: 1, drop_after_processing: true, count: 1 });
    const lost = await api('/v1/charges', { key: key.secret, idempotencyKey: 'lost-answer-1', body: charge('INV-30') });
    expect(lost.status).toBe(201);
    expect(lost.body).toMatchObject({ state: 'unknown', pending: false, needsReview: true, held: true });
    const retried = await api('/v1/charges', { key: key.secret, idempotencyKey: 'lost-answer-1', body: charge('INV-30') });
    expect(retried.body).toMatchObject({ id: lost.body.id, state: 'unknown', held: true });
    const anew = await api('/v1/charges', { key: key.secret, idempotencyKey: 'lost-answer-2', body: charge('INV-30') });
    expect(anew.status).toBe(409);
    expect((await api('/v1/counters', { key: key.secret })).body.counters).toMatchObject([{ state: 'held' }]);
    expect(rig.sim.stats().payments_requests.create).toBe(1);
  });

  it('refuses, in JSON naming what is at fault: no key, an unknown or revoked key, a counter or scope the key lacks, a web page, bad input', async () => {
    const { api } = await start();
    const key = await newKey(['charge', 'read'], [0]);
    const readOnly = await newKey(['read'], [0, 1]);
    const refusal = async (path: string, request: ApiRequest) => {
      const reply = await api(path, request);
      return { status: reply.status, ...(reply.body.error as object) };
    };
    expect(await refusal('/v1/counters', {})).toMatchObject({ status: 401, code: 'key_required', field: 'Authorization' });
    expect(await refusal('/v1/counters', { key: 'ck_not-a-key' })).toMatchObject({ status: 401, code: 'key_unknown' });
    expect(await refusal('/v1/charges', { key: key.secret, idempotencyKey: 'other-counter', body: charge('INV-40', { counter: 'Counter 2' }) })).toMatchObject({
      status: 403,
      code: 'counter_not_allowed',
      field: 'counter',
    });
    expect(await refusal('/v1/charges', { key: readOnly.secret, idempotencyKey: 'no-scope-01', body: charge('INV-41') })).toMatchObject({ status: 403, code: 'scope_missing' });
    expect(await refusal('/v1/counters', { key: key.secret, headers: { origin: 'http://evil.example' } })).toMatchObject({ status: 403, code: 'browser_refused' });
    expect(await refusal('/v1/charges', { key: key.secret, idempotencyKey: 'bad-amount-1', body: charge('INV-42', { amountMinor: 12.5 }) })).toMatchObject({
      status: 422,
      field: 'amountMinor',
      message: 'Amount must be a whole number of paise/cents',
    });
    expect(await refusal('/v1/charges', { key: key.secret, idempotencyKey: 'bad-currency', body: charge('INV-43', { currency: 'USD' }) })).toMatchObject({ status: 422, field: 'currency' });

    await rig.call('integration-key-revoke', { managerToken: rig.managerToken, keyId: key.id });
    expect(await refusal('/v1/charges', { key: key.secret, idempotencyKey: 'revoked-key', body: charge('INV-44') })).toMatchObject({ status: 401, code: 'key_revoked' });
    expect(rig.sim.stats().payments_requests.create).toBe(0);
    expect(rows('SELECT * FROM invoices')).toEqual([]);
  });

  // 1,000 requests through the real HTTP stack: CPU-bound (about 4 s alone), so it is allowed a minute beside npm test's checks.
  it('1,000 requests a minute from a looping client are rate-limited with Retry-After, and Zoho’s budget is untouched', { timeout: 60_000 }, async () => {
    const { api } = await start({ burst: 20, perMinute: 120 });
    const key = await newKey(['charge', 'read'], [0, 1, 2]);
    const statuses: number[] = [];
    const startedAt = performance.now();
    let retryAfter: string | null = null;
    for (let batch = 0; batch < 50; batch += 1) {
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => api('/v1/charges', { key: key.secret, idempotencyKey: `loop-${batch}-${i}-x`, body: charge(`LOOP-${batch}-${i}`) })),
      );
      for (const reply of replies) {
        statuses.push(reply.status);
        if (reply.status === 429) retryAfter = reply.headers.get('retry-after');
      }
    }
    expect(statuses).toHaveLength(1000);
    // At most the burst and what the bucket refilled meanwhile got through; every other request was refused.
    const refilled = Math.ceil((120 * (performance.now() - startedAt)) / 60_000);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(20 + refilled);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(900);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // The few let through met a busy terminal: one session at Zoho, as a cashier's one press would make.
    expect(rig.sim.stats().payments_requests.create).toBe(1);
  });
});
