// Refunds end to end against the simulator over HTTP and a real SQLite file: in part then the rest,
// followed until final; a double press makes one refund; a lost answer is held and found, never
// sent twice; an over-refund and a refund of an unpaid payment are refused with the field named;
// a connection without the refund scopes is told to reconnect while charging goes on.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChargeAttempt } from '../../../contract/records';
import { closeDatabase, openDatabase } from '../../../db/local/database';
import { insertCreatingRefund } from '../../../db/local/refunds';
import { connectionToSimulator } from '../../mode';
import { databaseFingerprint } from '../../../testkit/fingerprint';
import { Rig } from '../../../testkit/rig';
import { localDate, sleep } from '../../../testkit/time';
import { TEST_PIN } from '../../../testkit/manager-pin';
import { nextDate } from '../../../contract/calendar';

let rig: Rig;
afterEach(async () => {
  vi.useRealTimers();
  await rig.close();
});

const final = (refund: { state: string }) => ['succeeded', 'failed', 'canceled', 'rejected'].includes(refund.state);

async function paidPayment(amountMinor: number, counter = 0): Promise<ChargeAttempt> {
  const attempt = await rig.charge(amountMinor, { counter });
  await rig.control.pay(rig.counters[counter]?.terminalId ?? '', { outcome: 'succeeded' });
  return rig.waitFor(attempt.id, (a) => a.state === 'succeeded');
}

function refund(attempt: ChargeAttempt, amountMinor: number, extra: Record<string, unknown> = {}) {
  return rig.raw('refund-create', { managerToken: rig.managerToken, attemptId: attempt.id, amountMinor, reason: 'requested_by_customer', requestKey: randomUUID(), ...extra });
}

describe('refunds through Zoho', () => {
  it('refunds in part, then the rest: each followed until Zoho says succeeded, and shown in the totals, the history and the CSV', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: null } });
    const paid = await paidPayment(100_050);

    const first = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 40_000, reason: 'requested_by_customer', note: 'Returned one item', requestKey: randomUUID() });
    expect(first).toMatchObject({ state: 'initiated', amountMinor: 40_000, paymentId: paid.paymentId, zohoRefundId: expect.stringMatching(/^\d+$/) as string });
    const second = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 60_050, reason: 'others', requestKey: randomUUID() });
    expect(second.state).toBe('initiated');

    rig.sim.setRefundStatus(first.zohoRefundId ?? '', { status: 'pending' });
    await rig.waitForRefund(first.id, (r) => r.state === 'pending');
    rig.sim.setRefundStatus(first.zohoRefundId ?? '', { status: 'succeeded' });
    rig.sim.setRefundStatus(second.zohoRefundId ?? '', { status: 'succeeded' });
    await rig.waitForRefund(first.id, (r) => r.state === 'succeeded');
    await rig.waitForRefund(second.id, (r) => r.state === 'succeeded');

    const history = await rig.call('refund-list', { attemptId: paid.id });
    expect(history.map(({ refund: r, events }) => [r.amountMinor, events.map((e) => e.toState)])).toEqual([
      [40_000, ['creating', 'initiated', 'pending', 'succeeded']],
      [60_050, ['creating', 'initiated', 'succeeded']],
    ]);
    expect(rig.events).toContainEqual({ type: 'refund-updated', refund: expect.objectContaining({ id: first.id, state: 'succeeded' }) as unknown });

    const date = localDate(Date.now());
    const day = await rig.call('log-day', { date });
    expect(day.totals).toMatchObject({ collectedMinor: 100_050, refundedMinor: 100_050, netMinor: 0, refundsInProgressMinor: 0 });
    expect(day.refunds.map((r) => r.id)).toEqual([second.id, first.id]);
    const csv = (await rig.call('log-export-csv', { date })).csv.trim().split('\r\n');
    expect(csv[0]).toMatch(/,record,refund_id,taxable_value,tax,tax_by_rate$/);
    expect(csv.filter((line) => line.includes(',refund,succeeded,'))).toEqual([
      expect.stringContaining(`,600.50,INR,refund,succeeded,,,${paid.paymentId},,others,,,refund,${second.zohoRefundId}`) as string,
      expect.stringContaining(`,400.00,INR,refund,succeeded,,,${paid.paymentId},,requested_by_customer: Returned one item,,,refund,${first.zohoRefundId}`) as string,
    ]);

    const more = await refund(paid, 1);
    expect(more.ok).toBe(false);
    if (!more.ok) expect(more.error).toMatchObject({ code: 'invalid_input', field: 'amountMinor', message: 'Refund amount must be at most ₹0.00: that is what is left to refund of this ₹1,000.50 payment.' });
  });

  it('a double press of the same refund form makes one refund, and Zoho is asked once', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: null } });
    const paid = await paidPayment(5_000);
    const requestKey = randomUUID();

    const [a, b] = await Promise.all([refund(paid, 5_000, { requestKey }), refund(paid, 5_000, { requestKey })]);

    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true);
    expect(rig.sim.stats().refunds_requests.create).toBe(1);
    expect(await rig.call('refund-list', { attemptId: paid.id })).toHaveLength(1);
  });

  it('a lost answer is held, then found in the payment’s refunds at Zoho: never sent twice', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: null } });
    const paid = await paidPayment(20_000);
    await rig.control.faults({ scope: 'refund_create', drop_rate: 1, drop_after_processing: true, count: 1 });

    const lost = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 20_000, reason: 'duplicate', requestKey: randomUUID() });
    expect(lost).toMatchObject({ state: 'unknown', zohoRefundId: null });
    const held = await refund(paid, 1);
    expect(held.ok).toBe(false);
    if (!held.ok) expect(held.error.message).toMatch(/no answer from Zoho yet/);

    const found = await rig.waitForRefund(lost.id, (r) => r.state === 'initiated');
    expect(found.zohoRefundId).toBe(rig.sim.refunds()[0]?.refund_id);
    rig.sim.setRefundStatus(found.zohoRefundId ?? '', { status: 'succeeded' });
    await rig.waitForRefund(lost.id, (r) => r.state === 'succeeded');
    expect(rig.sim.stats().refunds_requests.create).toBe(1);
    expect(rig.sim.refunds()).toHaveLength(1);
  });

  it('a lost answer Zoho never got: after the grace period the refund is known not to exist, and may be made again', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: null }, tuning: { refundTiming: { lostAnswerGraceMs: 600 } } });
    const paid = await paidPayment(20_000);
    await rig.control.faults({ scope: 'refund_create', error_rate: 1, error_status: 503, count: 1 });

    const lost = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 20_000, reason: 'duplicate', requestKey: randomUUID() });
    expect(lost.state).toBe('unknown');
    const gone = await rig.waitForRefund(lost.id, final);
    expect(gone).toMatchObject({ state: 'rejected', failureReason: 'not_made' });
    expect(rig.sim.refunds()).toEqual([]);

    const again = await refund(paid, 20_000);
    expect(again.ok && again.value.state).toBe('initiated');
  });

  it('a lost answer whose payment’s refund list Zoho refuses needs review, saying what to look for on Zoho’s dashboard; a manager’s “made” or “not made” settles it', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: null }, tuning: { pollIntervalMs: 2_000, refundTiming: { lostAnswerGraceMs: 600 } } });
    const made = await paidPayment(20_000, 0);
    const never = await paidPayment(30_000, 1);
    // Zoho makes the first refund but its answer is lost; the second never reaches Zoho. Then Zoho refuses the list call.
    await rig.control.faults({ scope: 'refund_create', drop_rate: 1, drop_after_processing: true, count: 1 });
    const first = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: made.id, amountMinor: 20_000, reason: 'duplicate', requestKey: randomUUID() });
    await rig.control.faults({ scope: 'refund_create', error_rate: 1, error_status: 503, count: 1 });
    const second = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: never.id, amountMinor: 10_000, reason: 'duplicate', requestKey: randomUUID() });
    await rig.control.faults({ scope: 'refund_list', error_rate: 1, error_status: 405 });
    expect([first.state, second.state]).toEqual(['unknown', 'unknown']);

    const needsReview = (r: { failureReason: string | null }) => r.failureReason === 'needs_review';
    const firstInReview = await rig.waitForRefund(first.id, needsReview, 15_000);
    await rig.waitForRefund(second.id, needsReview, 15_000);
    expect(firstInReview.state).toBe('unknown');
    expect(firstInReview.failureMessage).toContain(`payment ${made.paymentId ?? ''} (invoice ${made.invoiceNumber})`);
    expect(firstInReview.failureMessage).toContain('₹200.00');
    expect(rig.sim.refunds()).toHaveLength(1); // Zoho did make the first
    const stillHeld = await refund(never, 20_000);
    expect(!stillHeld.ok && stillHeld.error.message).toMatch(/needs a manager’s check on Zoho’s dashboard/);

    const note = 'Dashboard: payment refunded ₹200.00';
    const withoutManager = await rig.raw('refund-decide', { managerToken: 'not-a-token', refundId: first.id, outcome: 'made', note });
    expect(!withoutManager.ok && withoutManager.error.code).toBe('locked');
    expect(rig.refund(first.id).state).toBe('unknown');
    const decidedMade = await rig.call('refund-decide', { managerToken: rig.managerToken, refundId: first.id, outcome: 'made', note });
    expect(decidedMade).toMatchObject({ state: 'succeeded', failureReason: null });
    const decidedNot = await rig.call('refund-decide', { managerToken: rig.managerToken, refundId: second.id, outcome: 'not_made', note: 'No refund on the dashboard' });
    expect(decidedNot).toMatchObject({ state: 'rejected', failureReason: 'not_made' });
    const twice = await rig.raw('refund-decide', { managerToken: rig.managerToken, refundId: first.id, outcome: 'not_made', note });
    expect(!twice.ok && twice.error.field).toBe('refundId');

    const [history] = await rig.call('refund-list', { attemptId: made.id });
    expect(history?.events.at(-1)).toMatchObject({ fromState: 'unknown', toState: 'succeeded', actor: 'manager', reason: expect.stringContaining(note) as string });
    expect((await rig.call('log-day', { date: localDate(Date.now()) })).totals.refundedMinor).toBe(20_000);
    await rig.control.clearFaults();
    const anew = await refund(never, 30_000);
    expect(anew.ok && anew.value.state).toBe('initiated');
  });

  it('a refund open at the close whose lost answer Zoho’s list cannot settle needs review on its closed day; the manager’s “made” is a correction on the next open day, once', async () => {
    // The sale and the refund are made “yesterday” by this PC's clock, then the clock comes back to today.
    let shift = -86_400_000;
    rig = await Rig.start({ simulator: { refundSettleSeconds: null }, now: () => Date.now() + shift, tuning: { pollIntervalMs: 1_000, refundTiming: { lostAnswerGraceMs: 5_000 } } });
    const day = localDate(Date.now() + shift);
    const paid = await paidPayment(20_000);
    // Zoho makes the refund but its answer is lost, and Zoho refuses the list of the payment's refunds.
    await rig.control.faults({ scope: 'refund_create', drop_rate: 1, drop_after_processing: true, count: 1 });
    const lost = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 20_000, reason: 'duplicate', requestKey: randomUUID() });
    await rig.control.faults({ scope: 'refund_list', error_rate: 1, error_status: 405 });
    expect(lost.state).toBe('unknown');
    await rig.call('day-close', { managerToken: rig.managerToken, date: day, closedBy: 'Asha', closeAnyway: true });
    expect(rig.refund(lost.id).failureReason).toBeNull(); // closed before its grace ended

    const inReview = await rig.waitForRefund(lost.id, (r) => r.failureReason === 'needs_review', 15_000);
    expect(inReview.state).toBe('unknown');
    expect(inReview.failureMessage).toContain('₹200.00');

    shift = 0;
    rig.managerToken = (await rig.call('manager-unlock', { pin: TEST_PIN })).managerToken; // the unlock of “yesterday” has ended
    const note = 'Dashboard: payment refunded ₹200.00';
    const decided = await rig.call('refund-decide', { managerToken: rig.managerToken, refundId: lost.id, outcome: 'made', note });
    expect(decided.state).toBe('unknown'); // the closed day's record stays as it was
    const next = await rig.call('log-day', { date: nextDate(day) });
    expect(next.corrections).toEqual([expect.objectContaining({ recordKind: 'refund', recordId: lost.id, closedDay: day, fromState: 'unknown', toState: 'succeeded', amountMinor: 20_000 })]);
    expect(next.totals.refundedMinor).toBe(20_000);
    expect((await rig.call('log-day', { date: day })).totals.refundedMinor).toBe(0);
    const [history] = await rig.call('refund-list', { attemptId: paid.id });
    expect(history?.events.at(-1)).toMatchObject({ actor: 'manager', reason: expect.stringMatching(/a manager recorded the refund succeeded: counted as a correction on/) as string });
    expect(history?.correction).toMatchObject({ recordId: lost.id, toState: 'succeeded', day: nextDate(day) });
    const twice = await rig.raw('refund-decide', { managerToken: rig.managerToken, refundId: lost.id, outcome: 'not_made', note });
    expect(twice.ok ? null : twice.error).toMatchObject({ code: 'conflict', field: 'refundId', message: expect.stringMatching(/^This refund was already settled after its day was closed: made, counted on /) as string });
  });

  it('the lost-answer grace runs on the monotonic clock: the wall clock set an hour forward does not end it early', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: null, now: () => performance.timeOrigin + performance.now() }, now: () => Date.now(), tuning: { refundTiming: { lostAnswerGraceMs: 2_500 } } });
    const paid = await paidPayment(20_000);
    await rig.control.faults({ scope: 'refund_create', error_rate: 1, error_status: 503, count: 1 });
    const started = performance.now();
    const lost = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 20_000, reason: 'duplicate', requestKey: randomUUID() });
    expect(lost.state).toBe('unknown');
    // Only Date is faked, timers run as usual: the computer's clock jumps an hour ahead.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 3_600_000);
    await sleep(1_200);
    expect(rig.refund(lost.id).state).toBe('unknown');
    const gone = await rig.waitForRefund(lost.id, final, 10_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_400);
    expect(gone).toMatchObject({ state: 'rejected', failureReason: 'not_made' });
  });

  it('picks up a refund left creating by a crash: held, then found at Zoho', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: null } });
    const paid = await paidPayment(7_000);
    // As a crash leaves it: the refund written, its request at Zoho, its answer never read.
    await rig.stopBackend();
    const db = openDatabase(join(rig.dataDir, 'counter.db'));
    const { refund: written } = insertCreatingRefund(db, { attemptId: paid.id, amountMinor: 7_000, reason: 'others', note: null, requestKey: randomUUID(), at: Date.now(), actor: 'manager' });
    closeDatabase(db);
    const sent = await fetch(`${rig.sim.url}/api/v1/payments/${paid.paymentId}/refunds?account_id=${rig.sim.fixture.account_id}`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${rig.sim.issueAccessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 70, reason: 'others', meta_data: [{ key: 'counter_refund', value: written.id }] }),
    });
    expect(sent.status).toBe(201);

    await rig.boot();

    const found = await rig.waitForRefund(written.id, (r) => r.state === 'initiated');
    expect(found.zohoRefundId).toBe(rig.sim.refunds()[0]?.refund_id);
    const [history] = await rig.call('refund-list', { attemptId: paid.id });
    expect(history?.events.map((e) => [e.toState, e.actor])).toEqual([
      ['creating', 'manager'],
      ['unknown', 'startup'],
      ['initiated', 'poller'],
    ]);
    expect(rig.sim.stats().refunds_requests.create).toBe(1);
  });

  it('refuses a refund of a payment that was not paid, naming the field, and changes nothing', async () => {
    rig = await Rig.start();
    const attempt = await rig.charge(3_000);
    await rig.control.pay('TRM001', { outcome: 'failed', failure_code: 'card_declined' });
    const declined = await rig.waitFor(attempt.id, (a) => a.state === 'failed');
    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);

    const refused = await refund(declined, 3_000);

    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'conflict', field: 'attemptId', message: expect.stringMatching(/Only a paid card or UPI payment can be refunded/) as string });
    expect(databaseFingerprint(file)).toBe(before);
    expect(rig.sim.stats().refunds_requests.create).toBe(0);
  });

  it('a refund during a 429 pause is not sent: the pause holds refunds too, and the manager is told when to refund again', async () => {
    rig = await Rig.start({ counters: 2, simulator: { rateLimitPerMinute: 5, refundSettleSeconds: null } });
    const attempt = await rig.charge(1_500, { counter: 0 });
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    const paid = await rig.waitFor(attempt.id, (a) => a.state === 'succeeded');
    await rig.charge(2_500, { counter: 1 });
    await sleep(1_500); // its polls reach the limit: Zoho answers 429 and asks for ~a minute's wait
    expect(rig.sim.stats().payments_requests.rate_limited).toBeGreaterThanOrEqual(1);

    const held = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 1_500, reason: 'others', requestKey: randomUUID() });

    expect(held).toMatchObject({ state: 'rejected', zohoRefundId: null });
    expect(held.failureMessage).toMatch(/^Zoho asked Counter to slow down \(too many requests\)\. The refund was not sent: refund again in about \d+ seconds\.$/);
    expect(rig.sim.stats().refunds_requests.create).toBe(0);
  });

  it('a refund answer that arrives while stopping is recorded: the database stays open until Zoho’s refund id is stored', async () => {
    rig = await Rig.start({ simulator: { refundSettleSeconds: null }, tuning: { callDrainMs: 50 } });
    const paid = await paidPayment(4_000);
    await rig.control.faults({ scope: 'refund_create', latency_ms: 600, count: 1 });
    const refunding = rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 4_000, reason: 'others', requestKey: randomUUID() });
    await sleep(150);
    const stopAsked = performance.now();
    await rig.stopBackend();
    const stopMs = performance.now() - stopAsked;

    const made = await refunding;
    expect(made).toMatchObject({ state: 'initiated', zohoRefundId: rig.sim.refunds()[0]?.refund_id });
    expect(rig.refund(made.id)).toMatchObject({ state: 'initiated', zohoRefundId: made.zohoRefundId });
    expect(stopMs).toBeGreaterThan(300);
  });
});

describe('the refund scopes', () => {
  /** Signs the rig in with a code granting only the payments scopes, as an account connected before refunds existed. */
  async function connectWithoutRefunds(): Promise<void> {
    const code = rig.sim.issueAuthorizationCode({ scope: 'ZohoPay.payments.CREATE,ZohoPay.payments.READ' });
    await rig.stopBackend();
    await rig.secrets.write(JSON.stringify({ ...connectionToSimulator(rig.sim.fixture), refreshToken: null, reconnectReason: 'signed out' }));
    await rig.boot();
    rig.managerToken = (await rig.call('manager-unlock', { pin: '2468' })).managerToken;
    await rig.call('connection-code-submit', { managerToken: rig.managerToken, code });
  }

  it('an account connected without them is told to reconnect to refund, and charging goes on', async () => {
    rig = await Rig.start();
    const paid = await paidPayment(2_000);
    await connectWithoutRefunds();

    const status = await rig.call('connection-status', {});
    expect(status).toMatchObject({ state: 'connected', refundsEnabled: false, message: expect.stringMatching(/sign in with Zoho again .* to turn refunds on/) as string });
    const refused = await refund(paid, 500);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'not_connected', message: expect.stringMatching(/without permission to refund/) as string });
    expect(rig.sim.stats().refunds_requests.create).toBe(0);

    const next = await rig.charge(1_500);
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    await rig.waitFor(next.id, (a) => a.state === 'succeeded');
  });

  it('a refund refused by Zoho for its scope turns refunds off without spending a token request', async () => {
    rig = await Rig.start();
    const paid = await paidPayment(2_000);
    // A refresh token granting only payments, with no word of its scope kept: as if Zoho's answer had none.
    const answer = await fetch(`${rig.sim.url}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: rig.sim.fixture.client_id,
        client_secret: rig.sim.fixture.client_secret,
        code: rig.sim.issueAuthorizationCode({ scope: 'ZohoPay.payments.CREATE,ZohoPay.payments.READ' }),
      }),
    });
    const { refresh_token: refreshToken } = (await answer.json()) as { refresh_token: string };
    await rig.stopBackend();
    await rig.secrets.write(JSON.stringify({ ...connectionToSimulator(rig.sim.fixture), refreshToken }));
    await rig.boot();
    rig.managerToken = (await rig.call('manager-unlock', { pin: '2468' })).managerToken;
    const tokensBefore = rig.sim.stats().token_requests.refresh_token;

    const refused = await rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 500, reason: 'others', requestKey: randomUUID() });

    expect(refused).toMatchObject({ state: 'rejected', failureMessage: expect.stringMatching(/without permission to refund/) as string });
    expect((await rig.call('connection-status', {})).refundsEnabled).toBe(false);
    expect(rig.sim.stats().token_requests.refresh_token - tokensBefore).toBe(1);
    expect(rig.events).toContainEqual({ type: 'connection-changed', connection: expect.objectContaining({ refundsEnabled: false }) as unknown });
  });
});
