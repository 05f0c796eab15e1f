// The refunds API: create in full or in part until the payment is used up, retrieve, a payment's
// list, the failure reasons, validation, scopes, the control API's status hooks, and faults.
import { describe, expect, it } from 'vitest';
import type { WireRefund } from '../index';
import { startHarness } from './harness';

const REFUND = { amount: 40, reason: 'requested_by_customer', type: 'initiated_by_merchant', description: 'Refund for INV-1' };

describe('create and retrieve', () => {
  it('creates an initiated refund for a paid payment and retrieves it; it succeeds by itself after the settle time', async () => {
    const { api, sim, clock } = await startHarness();
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token, 100.5);

    const created = await api.createRefund(token, paymentId, { ...REFUND, meta_data: [{ key: 'refund_key', value: 'r-1' }] });

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      code: 0,
      message: 'success',
      refund: {
        refund_id: expect.stringMatching(/^\d{15}$/) as string,
        payment_id: paymentId,
        reference_number: expect.stringMatching(/^\d+$/) as string,
        default_currency_amount: '40.00',
        amount: '40.00',
        type: 'initiated_by_merchant',
        reason: 'requested_by_customer',
        description: 'Refund for INV-1',
        status: 'initiated',
        network_reference_number: '',
        failure_reason: '',
        date: Math.floor(clock.time / 1000),
        meta_data: [{ key: 'refund_key', value: 'r-1' }],
      },
    });
    const refundId = created.body.refund?.refund_id ?? '';
    expect((await api.retrieveRefund(token, refundId)).body.refund).toEqual(created.body.refund);

    clock.advance(2000);
    const settled = await api.retrieveRefund(token, refundId);
    expect(settled.body.refund).toMatchObject({ status: 'succeeded', network_reference_number: expect.stringMatching(/^\d+$/) as string });
    expect(sim.stats().refunds).toEqual({ created: 1, succeeded: 1, failed: 0, canceled: 0 });
  });

  it('refunds in part, then the rest; a third refund fails payment_already_refunded, an excess one exceeds_payment_amount', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token, 100.5);

    const part = await api.createRefund(token, paymentId, { ...REFUND, amount: 60.25 });
    const tooMuch = await api.createRefund(token, paymentId, { ...REFUND, amount: 40.26 });
    const rest = await api.createRefund(token, paymentId, { ...REFUND, amount: 40.25 });
    const more = await api.createRefund(token, paymentId, { ...REFUND, amount: 0.01 });

    expect([part, tooMuch, rest, more].map((answer) => [answer.status, answer.body.refund?.status, answer.body.refund?.failure_reason])).toEqual([
      [201, 'initiated', ''],
      [201, 'failed', 'exceeds_payment_amount'],
      [201, 'initiated', ''],
      [201, 'failed', 'payment_already_refunded'],
    ]);
    const listed = await api.paymentRefunds(token, paymentId);
    expect(listed.status).toBe(200);
    expect(listed.body.refunds?.map((refund) => refund.amount)).toEqual(['60.25', '40.26', '40.25', '0.01']);
  });

  it('a failed or canceled refund gives its amount back to the payment', async () => {
    const { api, sim } = await startHarness({ refundSettleSeconds: null });
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token, 10);
    const first = (await api.createRefund(token, paymentId, { ...REFUND, amount: 10 })).body.refund;
    sim.setRefundStatus(first?.refund_id ?? '', { status: 'failed', failure_reason: 'insufficient_funds' });

    const again = await api.createRefund(token, paymentId, { ...REFUND, amount: 10 });

    expect(again.body.refund?.status).toBe('initiated');
  });

  it('refuses a declined payment (failed, payment_not_captured) and answers 404 for an unknown payment or refund', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const declined = await api.paidPayment(token, 20, 'failed');

    expect((await api.createRefund(token, declined, REFUND)).body.refund).toMatchObject({ status: 'failed', failure_reason: 'payment_not_captured' });
    const unknown = await api.createRefund(token, '173000000000001', REFUND);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'resource_does_not_exist' });
    expect((await api.paymentRefunds(token, '173000000000001')).status).toBe(404);
    expect((await api.retrieveRefund(token, '173010000000001')).body).toMatchObject({ code: 'resource_does_not_exist' });
  });
});

describe('validation', () => {
  it.each([
    [{ reason: 'others' }, 'amount is required.'],
    [{ ...REFUND, amount: 0 }, 'amount must be greater than 0.'],
    [{ ...REFUND, amount: -5 }, 'amount must be greater than 0.'],
    [{ ...REFUND, amount: '40.00' }, 'amount must be a JSON number, such as 100.5.'],
    [{ ...REFUND, amount: 1.005 }, 'amount can have at most 2 decimal places, such as 100.5.'],
    [{ amount: 5 }, 'reason is required.'],
    [{ ...REFUND, reason: 'changed_mind' }, 'reason must be one of duplicate, fraudulent, requested_by_customer, others.'],
    [{ ...REFUND, type: 'initiated_by_system' }, 'type must be one of initiated_by_merchant, initiated_by_customer.'],
    [{ ...REFUND, description: 'x'.repeat(501) }, 'description can be at most 500 characters long.'],
  ])('refuses %j: %s', async (body, message) => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token);

    const answer = await api.createRefund(token, paymentId, body);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 'invalid_parameter', message });
    expect(sim.refunds()).toEqual([]);
  });

  it('refuses a body that is not a JSON object', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token);

    expect((await api.createRefund(token, paymentId, '[1]')).body).toMatchObject({ code: 'invalid_request' });
    expect((await api.createRefund(token, paymentId, '{')).body).toMatchObject({ code: 'invalid_request' });
  });
});

describe('scopes', () => {
  it('a token without the refund scopes gets 401 invalid_oauthscope; READ alone may retrieve but not create', async () => {
    const { api, sim } = await startHarness();
    const paymentId = await api.paidPayment(sim.issueAccessToken());
    const paymentsOnly = sim.issueAuthorizationCode({ scope: 'ZohoPay.payments.CREATE,ZohoPay.payments.READ' });
    const readOnly = sim.issueAuthorizationCode({ scope: 'ZohoPay.refunds.READ' });
    const exchange = async (code: string) =>
      String((await api.token({ grant_type: 'authorization_code', client_id: sim.fixture.client_id, client_secret: sim.fixture.client_secret, code })).body.access_token);
    const withoutRefunds = await exchange(paymentsOnly);
    const reader = await exchange(readOnly);

    expect((await api.createRefund(withoutRefunds, paymentId, REFUND)).body).toMatchObject({ code: 'invalid_oauthscope' });
    expect((await api.paymentRefunds(withoutRefunds, paymentId)).status).toBe(401);
    expect((await api.createRefund(reader, paymentId, REFUND)).status).toBe(401);
    expect((await api.paymentRefunds(reader, paymentId)).status).toBe(200);
  });

  it('grants the refund scopes with the fixture refresh token, and names them on the token answer', async () => {
    const { api } = await startHarness();
    const answer = await api.refreshGrant();

    expect(String(answer.body.scope).split(' ')).toEqual(['ZohoPay.payments.CREATE', 'ZohoPay.payments.READ', 'ZohoPay.refunds.CREATE', 'ZohoPay.refunds.READ']);
  });
});

describe('control API', () => {
  it('moves a refund initiated → pending → succeeded, or to failed with a reason, and keeps a final one final', async () => {
    const { api, sim } = await startHarness({ refundSettleSeconds: null });
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token);
    const first = (await api.createRefund(token, paymentId, REFUND)).body.refund?.refund_id ?? '';
    const second = (await api.createRefund(token, paymentId, REFUND)).body.refund?.refund_id ?? '';

    expect((await api.control<WireRefund>('POST', `/_sim/refunds/${first}/status`, { status: 'pending' })).body.status).toBe('pending');
    expect((await api.retrieveRefund(token, first)).body.refund?.status).toBe('pending');
    expect((await api.control<WireRefund>('POST', `/_sim/refunds/${first}/status`, { status: 'succeeded' })).body.status).toBe('succeeded');
    const failed = await api.control<WireRefund>('POST', `/_sim/refunds/${second}/status`, { status: 'failed', failure_reason: 'expiry_time_exceeded' });
    expect(failed.body).toMatchObject({ status: 'failed', failure_reason: 'expiry_time_exceeded' });

    const final = await api.control<{ code: string }>('POST', `/_sim/refunds/${first}/status`, { status: 'canceled' });
    expect(final.status).toBe(409);
    expect(final.body.code).toBe('refund_final');
    expect((await api.control('POST', `/_sim/refunds/${second}/status`, { status: 'initiated' })).status).toBe(400);
    expect((await api.control('POST', `/_sim/refunds/${second}/status`, { status: 'failed', failure_reason: 'Bad Reason' })).status).toBe(400);
    expect((await api.control('POST', '/_sim/refunds/1/status', { status: 'pending' })).status).toBe(404);
    expect((await api.control<WireRefund[]>('GET', '/_sim/refunds')).body.map((refund) => refund.status)).toEqual(['succeeded', 'failed']);
  });

  it('with refundSettleSeconds null a refund stays initiated until moved', async () => {
    const { api, sim, clock } = await startHarness({ refundSettleSeconds: null });
    const token = sim.issueAccessToken();
    const refund = (await api.createRefund(token, await api.paidPayment(token), REFUND)).body.refund;
    clock.advance(30 * 60_000);

    expect((await api.retrieveRefund(token, refund?.refund_id ?? '')).body.refund?.status).toBe('initiated');
  });

  it('counts refund calls and logs them with the payment or refund they name', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token);
    const refundId = (await api.createRefund(token, paymentId, REFUND)).body.refund?.refund_id ?? '';
    await api.retrieveRefund(token, refundId);
    await api.paymentRefunds(token, paymentId);

    expect(sim.stats().refunds_requests).toEqual({ create: 1, retrieve: 2 });
    expect(sim.requests().slice(-3).map((entry) => [entry.method, entry.path, entry.payment_id, entry.refund_id])).toEqual([
      ['POST', `/api/v1/payments/${paymentId}/refunds`, paymentId, undefined],
      ['GET', `/api/v1/refunds/${refundId}`, undefined, refundId],
      ['GET', `/api/v1/payments/${paymentId}/refunds`, paymentId, undefined],
    ]);
  });
});

describe('faults', () => {
  it('a refund create dropped after processing was made: the payment list shows it', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token);
    sim.setFaults({ scope: 'refund_create', drop_rate: 1, drop_after_processing: true, count: 1 });

    await expect(api.createRefund(token, paymentId, REFUND)).rejects.toThrow();

    expect((await api.paymentRefunds(token, paymentId)).body.refunds).toHaveLength(1);
  });

  it('scope refunds leaves session calls alone, and scope payments leaves refund calls alone', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token);
    sim.setFaults({ scope: 'refunds', error_rate: 1 });
    expect((await api.retrieve(token, '1')).status).toBe(404);
    expect((await api.paymentRefunds(token, paymentId)).status).toBe(500);
    sim.setFaults({ scope: 'payments', error_rate: 1 });
    expect((await api.paymentRefunds(token, paymentId)).status).toBe(200);
  });

  it('scope refund_list refuses a payment’s refund list alone, with the 4xx asked for, while create and retrieve go on', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const paymentId = await api.paidPayment(token);
    sim.setFaults({ scope: 'refund_list', error_rate: 1, error_status: 405 });
    const created = await api.createRefund(token, paymentId, REFUND);
    expect(created.status).toBe(201);
    const listed = await api.paymentRefunds(token, paymentId);
    expect(listed.status).toBe(405);
    expect(listed.body).toMatchObject({ code: 'not_supported' });
    expect((await api.paymentRefunds(token, paymentId)).status).toBe(405);
  });
});
