// Replays every request/response example of seeds 000 and 003 against the simulator.
import { describe, expect, it } from 'vitest';
import { startHarness } from './harness';
import { SEED_000, SEED_003 } from '../../testkit/zoho-examples';
import { shapeMismatches } from './shape';

const SEED_TERMINALS = { terminals: ['87971593', '1234r5tr'] };

/** Values that must come back as sent; ids and times are the simulator's own. */
function echoedFields(session: Record<string, unknown>) {
  const { payments_session_id: _id, created_time: _created, payments: _payments, ...rest } = session;
  return rest;
}

describe('seed 000: In-Person Payments API reference', () => {
  it('answers the create example with the example response shape', async () => {
    const { api, sim, clock } = await startHarness({ fixture: SEED_TERMINALS, sessionTypeKey: 'payments_session_type' });
    const answer = await api.create(sim.issueAccessToken(), SEED_000.createRequest);

    expect(answer.status).toBe(201);
    expect(shapeMismatches(SEED_000.createResponse, answer.body)).toEqual([]);
    const session = answer.body.payments_session;
    expect(session && echoedFields(session)).toEqual(echoedFields(SEED_000.createResponse.payments_session));
    expect(session?.created_time).toBe(Math.floor(clock.time / 1000));
    expect(session?.payments_session_id).toMatch(/^\d{15}$/);
  });

  it('answers the retrieve example after a UPI payment succeeded', async () => {
    const { api, sim } = await startHarness({ fixture: SEED_TERMINALS, sessionTypeKey: 'payments_session_type' });
    const token = sim.issueAccessToken();
    const created = await api.createSession(token, SEED_000.createRequest);
    sim.fetchOnTerminal('87971593');
    sim.pay('87971593', { outcome: 'succeeded' });

    const answer = await api.retrieve(token, created.payments_session_id);

    expect(answer.status).toBe(200);
    expect(shapeMismatches(SEED_000.retrieveSucceeded, answer.body)).toEqual([]);
    const session = answer.body.payments_session;
    expect(session && echoedFields(session)).toEqual(echoedFields(SEED_000.retrieveSucceeded.payments_session));
    expect(session?.payments?.[0]).toMatchObject({ amount: '1.00', status: 'succeeded', payment_method: { type: 'upi' } });
  });
});

describe('seed 003: POS billing application integration guide', () => {
  const options = { fixture: SEED_TERMINALS, sessionTypeKey: 'payment_session_type' } as const;

  it('answers the create example (payment_session_type spelling, amount "100.50")', async () => {
    const { api, sim } = await startHarness(options);
    const answer = await api.create(sim.issueAccessToken(), SEED_003.createRequest);

    expect(answer.status).toBe(201);
    expect(shapeMismatches(SEED_003.createResponse, answer.body)).toEqual([]);
    const session = answer.body.payments_session;
    expect(session && echoedFields(session)).toEqual(echoedFields(SEED_003.createResponse.payments_session));
  });

  it('answers the in-progress retrieve example', async () => {
    const { api, sim } = await startHarness(options);
    const token = sim.issueAccessToken();
    const created = await api.createSession(token, SEED_003.createRequest);

    const answer = await api.retrieve(token, created.payments_session_id);

    expect(shapeMismatches(SEED_003.retrieveInProgress, answer.body)).toEqual([]);
    expect(answer.body.payments_session?.session_status).toBe('in_progress');
    expect(answer.body.payments_session).not.toHaveProperty('payments');
  });

  it.each([
    ['succeeded', SEED_003.retrieveSucceeded, { outcome: 'succeeded' }],
    ['failed', SEED_003.retrieveFailed, { outcome: 'failed', failure_code: 'insufficient_funds' }],
  ] as const)('answers the %s retrieve example, date_formatted included', async (_name, example, outcome) => {
    const { api, sim, clock } = await startHarness(options);
    const token = sim.issueAccessToken();
    const created = await api.createSession(token, SEED_003.createRequest);
    const examplePayment = example.payments_session.payments[0];
    clock.time = examplePayment.date * 1000;
    sim.fetchOnTerminal('1234r5tr');
    sim.pay('1234r5tr', outcome);

    const answer = await api.retrieve(token, created.payments_session_id);

    expect(shapeMismatches(example, answer.body)).toEqual([]);
    const { payment_id: _id, ...expectedPayment } = examplePayment;
    expect(answer.body.payments_session?.payments?.[0]).toMatchObject(expectedPayment);
    expect(answer.body.payments_session?.session_status).toBe(example.payments_session.session_status);
  });
});
