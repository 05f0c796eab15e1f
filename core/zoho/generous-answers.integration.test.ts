// Zoho's answers read generously where that is safe: an amount sent as a JSON number is read
// exactly, as the documented string is; a session status Counter does not know keeps the payment
// checked and goes into its audit trail, instead of the whole answer being called unreadable. And
// the cashier is told apart "cannot reach Zoho", "Zoho refused our access" and "Zoho's answer was
// not understood". Over real HTTP: a local server plays the answers the simulator never gives.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chargeTroubleMessage } from '../../contract/failures';
import { AnswerServer } from '../../testkit/answer-server';
import { Rig } from '../../testkit/rig';

describe('answers from a Zoho that says things its documentation does not show', () => {
  let server: AnswerServer;
  let rig: Rig;
  /** What retrieves answer now: the session status, and whether its one payment succeeded. */
  let status = 'in_progress';
  let amountAsNumber = true;
  const asked = new Map<string, { amount: number; currency: string; terminal_id: string; invoice_number: string }>();

  beforeAll(async () => {
    server = await AnswerServer.start();
    let next = 1;
    server.responder = (request) => {
      if (request.method === 'POST') {
        const body = JSON.parse(request.body) as { amount: number; currency: string; terminal_id: string; invoice_number: string };
        const id = `N${next++}`;
        asked.set(id, body);
        return { status: 201, body: JSON.stringify({ code: 0, message: 'success', payments_session: session(id, 'in_progress') }) };
      }
      return { status: 200, body: JSON.stringify({ code: 0, message: 'success', payments_session: session(request.path.split('/').at(-1) ?? '', status) }) };
    };
    rig = await Rig.start({ paymentsUrl: server.url, counters: 1, tuning: { pollIntervalMs: 50, budgetPerMinute: 100_000 } });
  });
  afterAll(async () => {
    await rig.close();
    await server.stop();
  });

  /** The session as asked for, its amount a JSON number (1234.5, not "1234.50") while amountAsNumber. */
  function session(id: string, sessionStatus: string): Record<string, unknown> {
    const body = asked.get(id);
    const amount = amountAsNumber ? body?.amount : body?.amount.toFixed(2);
    const paid = sessionStatus !== 'in_progress';
    return {
      payments_session_id: id,
      currency: body?.currency,
      amount,
      session_status: sessionStatus,
      created_time: 1_763_800_000,
      terminal_id: body?.terminal_id,
      payments_session_type: 'pos_payment',
      invoice_number: body?.invoice_number,
      payments: paid ? [{ payment_id: `P-${id}`, amount, status: 'succeeded', date: 1_763_800_020, payment_method: { type: 'card' } }] : [],
    };
  }

  it('an amount sent as a JSON number is read exactly: the payment settles, no mismatch', async () => {
    status = 'in_progress';
    amountAsNumber = true;
    const attempt = await rig.charge(123_450); // 1234.5 on the wire
    expect(attempt).toMatchObject({ state: 'in_progress', mismatch: null });
    status = 'succeeded';
    expect(await rig.waitFor(attempt.id, (a) => a.state !== 'in_progress')).toMatchObject({ state: 'succeeded', paymentId: `P-${attempt.paymentsSessionId}`, mismatch: null });
  });

  it('a session status Counter does not know keeps the payment checked, is recorded once, and never settles it', async () => {
    status = 'in_progress';
    amountAsNumber = false;
    const attempt = await rig.charge(5_000);
    status = 'completed'; // with a succeeded payment in it: still not Zoho's documented word
    // Five checks of the unknown status, however slow the machine: none of them settles it.
    const during = await rig.waitFor(attempt.id, (a) => a.pollCount >= 5 || a.state !== 'in_progress');
    expect(during.state).toBe('in_progress');
    expect(during.pollCount).toBeGreaterThanOrEqual(5);
    const notes = (await rig.call('attempt-events', { attemptId: attempt.id })).filter((e) => e.reason.includes('does not know'));
    expect(notes).toEqual([expect.objectContaining({ fromState: 'in_progress', toState: 'in_progress', actor: 'zoho', reason: expect.stringContaining('"completed"') as string })]);
    expect((await rig.call('connection-status', {})).degraded).toBe(false);
    status = 'succeeded';
    expect((await rig.waitFor(attempt.id, (a) => a.state !== 'in_progress')).state).toBe('succeeded');
  });
});

describe("the cashier's words for Zoho's trouble", () => {
  let rig: Rig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('tell apart "cannot reach Zoho", "Zoho refused our access" and "Zoho’s answer was not understood"', async () => {
    rig = await Rig.start({ counters: 3 });
    // Not understood: Zoho made the session, then its answer came back cut in half.
    await rig.control.faults({ scope: 'create', malformed_rate: 1, count: 1 });
    const garbled = await rig.charge(100, { counter: 0 });
    expect(garbled).toMatchObject({ state: 'unknown', failureMessage: chargeTroubleMessage('not_understood', 'unknown') });
    expect((await rig.call('connection-status', {})).trouble).toBe('not_understood');

    // Cannot reach: every create is cut off before Zoho gets it.
    await rig.control.faults({ scope: 'create', drop_rate: 1, count: 1 });
    const cutOff = await rig.charge(200, { counter: 1 });
    expect(cutOff).toMatchObject({ state: 'unknown', failureMessage: chargeTroubleMessage('unreachable', 'unknown') });
    expect((await rig.call('connection-status', {})).trouble).toBe('unreachable');

    // Access refused: the sign-in was revoked at Zoho, and the stored token no longer works.
    await fetch(`${rig.sim.url}/oauth/v2/token/revoke?token=${rig.sim.fixture.refresh_token}`, { method: 'POST' });
    rig.sim.expireAccessTokens();
    const refused = await rig.charge(300, { counter: 2 });
    expect(refused).toMatchObject({ state: 'rejected', failureMessage: chargeTroubleMessage('access_refused', 'not_sent') });
    expect(await rig.call('connection-status', {})).toMatchObject({ trouble: 'access_refused', state: 'reconnect_required' });

    const words = new Set([garbled.failureMessage, cutOff.failureMessage, refused.failureMessage].map((m) => m?.split(':')[0]));
    expect(words.size).toBe(3);
  });
});
