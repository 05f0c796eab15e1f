// Refunds a billing program asks for, over real HTTP on a live backend against the simulator: never
// made until a manager approves on the counter's screen; declined ones make none; what is asked never
// exceeds what is left. And the manager's network switch for the API.
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationScope } from '../../contract/vocabulary';
import { callIntegrationApi, type ApiRequest } from '../../testkit/integration-client';
import { Rig } from '../../testkit/rig';

let rig: Rig;
afterEach(async () => {
  await rig?.close();
});

async function start(): Promise<{ api: (path: string, request?: ApiRequest) => ReturnType<typeof callIntegrationApi>; url: string }> {
  rig = await Rig.start({ integrationApi: { port: 0, rateLimit: { burst: 50, perMinute: 6000 } } });
  const url = rig.backend.integrationApiUrl();
  if (!url) throw new Error('the integration api did not start');
  return { url, api: (path, request) => callIntegrationApi(url, path, request) };
}

async function newKey(scopes: IntegrationScope[] = ['charge', 'read', 'refund-request']): Promise<string> {
  const made = await rig.call('integration-key-create', { managerToken: rig.managerToken, name: 'Tally', scopes, counterIds: [rig.counters[0]?.id] });
  return made.secret;
}

/** A charge of ₹1,234.50 from the program, paid on the terminal. */
async function paidCharge(api: Awaited<ReturnType<typeof start>>['api'], key: string, reference: string): Promise<string> {
  const created = await api('/v1/charges', { key, idempotencyKey: `charge-${reference}`, body: { reference, amountMinor: 123_450, currency: 'INR', counter: 'Counter 1', method: 'card' } });
  const id = created.body.id as string;
  await rig.control.pay('TRM001', { outcome: 'succeeded', method: 'card' });
  await rig.waitFor(id, (attempt) => attempt.state === 'succeeded');
  return id;
}

describe('integration API refund requests', () => {
  it('waits for a manager: nothing goes to Zoho until approved, then one refund however often approve is pressed', async () => {
    const { api } = await start();
    const key = await newKey();
    const chargeId = await paidCharge(api, key, 'INV-70');

    const asked = await api(`/v1/charges/${chargeId}/refund-requests`, { key, idempotencyKey: 'refund-70-a', body: { amountMinor: 50_000, note: 'Damaged box' } });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ chargeId, reference: 'INV-70', amountMinor: 50_000, currency: 'INR', reason: 'requested_by_customer', state: 'waiting', refund: null });
    const requestId = asked.body.id as string;
    const retried = await api(`/v1/charges/${chargeId}/refund-requests`, { key, idempotencyKey: 'refund-70-a', body: { amountMinor: 50_000, note: 'Damaged box' } });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(requestId);
    // What is asked and waiting counts against what is left: ₹1,234.50 − ₹500.00 = ₹734.50.
    const tooMuch = await api(`/v1/charges/${chargeId}/refund-requests`, { key, idempotencyKey: 'refund-70-b', body: { amountMinor: 80_000 } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({ field: 'amountMinor', message: expect.stringContaining('₹734.50') as string });

    expect(rig.sim.stats().refunds_requests.create).toBe(0);
    const waiting = await rig.call('refund-requests-waiting', { counterId: rig.counters[0]?.id });
    expect(waiting).toMatchObject([{ id: requestId, program: 'Tally', invoiceNumber: 'INV-70', amountMinor: 50_000, note: 'Damaged box' }]);
    expect(rig.events.some((event) => event.type === 'refund-requests-changed')).toBe(true);

    const noManager = await rig.raw('refund-request-decide', { managerToken: 'not-a-token', requestId, decision: 'approve' });
    expect(noManager.ok).toBe(false);
    expect(rig.sim.stats().refunds_requests.create).toBe(0);

    const [first, second] = await Promise.all([
      rig.raw('refund-request-decide', { managerToken: rig.managerToken, requestId, decision: 'approve' }),
      rig.raw('refund-request-decide', { managerToken: rig.managerToken, requestId, decision: 'approve' }),
    ]);
    const approved = [first, second].find((r) => r.ok);
    expect(approved?.ok && approved.value).toMatchObject({ state: 'approved', refundId: expect.any(String) as string });
    expect(rig.sim.stats().refunds_requests.create).toBe(1);
    const refundId = approved?.ok ? (approved.value.refundId as string) : '';
    expect(rig.refund(refundId)).toMatchObject({ attemptId: chargeId, amountMinor: 50_000, note: 'Damaged box' });

    const read = await api(`/v1/refund-requests/${requestId}`, { key });
    expect(read.body).toMatchObject({ state: 'approved', refund: { id: refundId } });
    expect(await rig.call('refund-requests-waiting', {})).toEqual([]);
    const again = await rig.raw('refund-request-decide', { managerToken: rig.managerToken, requestId, decision: 'decline' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: 'That refund request was already approved.' } });
  });

  it('a declined request makes no refund; a charge not paid, another key’s charge or a key without the scope are refused', async () => {
    const { api } = await start();
    const key = await newKey();
    const otherKey = await newKey(['charge', 'read']);
    const chargeId = await paidCharge(api, key, 'INV-71');

    const asked = await api(`/v1/charges/${chargeId}/refund-requests`, { key, idempotencyKey: 'refund-71-a', body: { amountMinor: 123_450, reason: 'duplicate' } });
    const requestId = asked.body.id as string;
    const declined = await rig.call('refund-request-decide', { managerToken: rig.managerToken, requestId, decision: 'decline' });
    expect(declined).toMatchObject({ state: 'declined', refundId: null, decidedAt: expect.any(Number) as number });
    expect((await api(`/v1/refund-requests/${requestId}`, { key })).body).toMatchObject({ state: 'declined', refund: null });
    expect(rig.sim.stats().refunds_requests.create).toBe(0);

    const refusal = async (path: string, request: ApiRequest) => {
      const reply = await api(path, request);
      return { status: reply.status, ...(reply.body.error as object) };
    };
    const unpaid = await api('/v1/charges', { key, idempotencyKey: 'charge-INV-72', body: { reference: 'INV-72', amountMinor: 1_000, currency: 'INR', counter: 'Counter 1', method: 'upi' } });
    expect(await refusal(`/v1/charges/${unpaid.body.id as string}/refund-requests`, { key, idempotencyKey: 'refund-72-a', body: { amountMinor: 500 } })).toMatchObject({ status: 409, code: 'not_refundable' });
    expect(await refusal(`/v1/charges/${chargeId}/refund-requests`, { key: otherKey, idempotencyKey: 'refund-71-b', body: { amountMinor: 500 } })).toMatchObject({ status: 403, code: 'scope_missing' });
    expect(await refusal(`/v1/charges/${chargeId}/refund-requests`, { key, idempotencyKey: 'refund-71-c', body: { amountMinor: 0 } })).toMatchObject({ status: 422, field: 'amountMinor' });
    expect(await refusal(`/v1/charges/${chargeId}/refund-requests`, { key, idempotencyKey: 'refund-71-d', body: { amountMinor: 500, reason: 'whim' } })).toMatchObject({ status: 422, field: 'reason' });
    expect(await refusal(`/v1/refund-requests/${requestId}`, { key: await newKey(['refund-request']) })).toMatchObject({ status: 404 });
    expect(rig.sim.stats().refunds_requests.create).toBe(0);
  });
});

const shopAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address?.family === 'IPv4' && !address.internal)?.address;

describe('integration API network switch', () => {
  it.skipIf(!shopAddress)('a manager opens the API to the shop’s network and closes it again; the choice outlives a restart', async () => {
    const { url } = await start();
    const key = await newKey();
    const port = new URL(url).port;
    const fromNetwork = () => callIntegrationApi(`http://${shopAddress}:${port}`, '/v1/counters', { key });
    await expect(fromNetwork()).rejects.toThrow();
    expect(await rig.call('integration-api-status', { managerToken: rig.managerToken })).toEqual({ url, lan: false, lanForcedAtStart: false });

    expect(await rig.call('integration-api-configure', { managerToken: rig.managerToken, lan: true })).toEqual({ url, lan: true, lanForcedAtStart: false });
    expect((await fromNetwork()).status).toBe(200);

    await rig.restart();
    const reopened = rig.backend.integrationApiUrl() as string;
    expect((await rig.call('integration-api-status', { managerToken: rig.managerToken })).lan).toBe(true);
    expect((await callIntegrationApi(`http://${shopAddress}:${new URL(reopened).port}`, '/v1/counters', { key })).status).toBe(200);

    await rig.call('integration-api-configure', { managerToken: rig.managerToken, lan: false });
    await expect(callIntegrationApi(`http://${shopAddress}:${new URL(reopened).port}`, '/v1/counters', { key })).rejects.toThrow();
    expect((await callIntegrationApi(reopened, '/v1/counters', { key })).status).toBe(200);
  });
});
