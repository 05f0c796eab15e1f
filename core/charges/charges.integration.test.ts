// The charge engine against the simulator over real HTTP, with real SQLite files.
import { afterEach, describe, expect, it } from 'vitest';
import { Rig } from '../../testkit/rig';
import { sleep } from '../../testkit/time';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function startRig(options: Parameters<typeof Rig.start>[0] = {}): Promise<Rig> {
  rig = await Rig.start(options);
  return rig;
}

const isFinal = (a: { state: string }) => ['succeeded', 'failed', 'rejected', 'unresolved', 'unknown'].includes(a.state);

describe('charges against the simulator', () => {
  it('a paid sale: session id stored at once, then paid from the retrieve answer', async () => {
    const r = await startRig();
    const attempt = await r.charge(123_450, { method: 'upi' });
    expect(attempt.state).toBe('in_progress');
    expect(attempt.paymentsSessionId).toMatch(/\S/);
    const [session] = await r.control.sessions();
    expect(session?.amount).toBe('1234.50');
    expect(session?.terminal_id).toBe('TRM001');

    await r.control.pay('TRM001', { outcome: 'succeeded', method: 'upi' });
    const paid = await r.waitFor(attempt.id, isFinal);
    expect(paid.state).toBe('succeeded');
    expect(paid.paymentId).toMatch(/\S/);
    expect(paid.paidMethod).toBe('upi');
    const { invoice } = await r.call('invoice-get', { invoiceId: attempt.invoiceId });
    expect(invoice.status).toBe('paid');
    const trail = await r.call('attempt-events', { attemptId: attempt.id });
    expect(trail.map((e) => e.toState)).toEqual(['creating', 'in_progress', 'succeeded']);
    // The screens learn the invoice's new status from the backend, not by working it out.
    expect(r.events.find((e) => e.type === 'charge-updated' && e.attempt.state === 'succeeded')).toEqual({ type: 'charge-updated', attempt: paid, invoice });
  });

  it('a failed sale shows the reason, then a retry by UPI succeeds', async () => {
    const r = await startRig();
    const first = await r.charge(50_000);
    await r.control.pay('TRM001', { outcome: 'failed', failure_code: 'insufficient_funds' });
    const failed = await r.waitFor(first.id, isFinal);
    expect(failed.state).toBe('failed');
    expect(failed.failureCode).toBe('insufficient_funds');
    expect(failed.failureMessage).toMatch(/not enough money/);
    expect((await r.call('invoice-get', { invoiceId: first.invoiceId })).invoice.status).toBe('payment_failed');

    const retry = await r.call('charge-create', { invoiceId: first.invoiceId, counterId: first.counterId, method: 'upi' });
    expect(retry.method).toBe('upi');
    await r.control.pay('TRM001', { outcome: 'succeeded', method: 'upi' });
    expect((await r.waitFor(retry.id, isFinal)).state).toBe('succeeded');
    expect((await r.call('invoice-get', { invoiceId: first.invoiceId })).invoice.status).toBe('paid');
  });

  it('a declined try inside the session is reported, then the customer pays', async () => {
    const r = await startRig();
    const attempt = await r.charge(9_900);
    await r.control.pay('TRM001', { outcome: 'declined_attempt', failure_code: 'card_declined' });
    const declined = await r.waitFor(attempt.id, (a) => a.declinedTries.length > 0);
    expect(declined.state).toBe('in_progress');
    expect(declined.declinedTries[0]?.failureCode).toBe('card_declined');
    await r.control.post('/_sim/terminals/TRM001/pay', { outcome: 'succeeded' });
    const paid = await r.waitFor(attempt.id, isFinal);
    expect(paid.state).toBe('succeeded');
    expect(paid.declinedTries).toHaveLength(1);
  });

  it('refuses a second charge on a busy terminal without calling Zoho', async () => {
    const r = await startRig();
    await r.charge(1_000);
    const counter = r.counters[0];
    if (!counter) throw new Error('no counter');
    const second = await r.call('invoice-create', { counterId: counter.id, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 2_000 }] });
    const refused = await r.raw('charge-create', { invoiceId: second.id, counterId: counter.id, method: 'card' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('conflict');
    expect(await r.control.sessions()).toHaveLength(1);
  });

  it('refuses an unknown invoice or counter, and an invoice of another counter, naming the field, without calling Zoho', async () => {
    const r = await startRig({ counters: 2 });
    const [first, second] = r.counters;
    if (!first || !second) throw new Error('no counters');
    const invoice = await r.call('invoice-create', { counterId: first.id, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 900 }] });
    const charge = (invoiceId: string, counterId: string) => r.raw('charge-create', { invoiceId, counterId, method: 'card' });
    expect(await charge('missing', first.id)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That invoice does not exist.', field: 'invoiceId' },
    });
    expect(await charge(invoice.id, 'missing')).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That counter does not exist.', field: 'counterId' },
    });
    expect(await charge(invoice.id, second.id)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: `Invoice ${invoice.number} belongs to another counter.`, field: 'invoiceId' },
    });
    expect(await r.control.sessions()).toHaveLength(0);
  });

  it('10 concurrent charges of one invoice create exactly one session', async () => {
    const r = await startRig();
    const counter = r.counters[0];
    if (!counter) throw new Error('no counter');
    const invoice = await r.call('invoice-create', { counterId: counter.id, lines: [{ description: 'x', quantity: 2, unitPriceMinor: 1_500 }] });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => r.raw('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' })),
    );
    expect(results.filter((res) => res.ok)).toHaveLength(1);
    expect(results.filter((res) => !res.ok && res.error.code === 'conflict')).toHaveLength(9);
    expect(await r.control.sessions()).toHaveLength(1);
  });

  it('a 401 mid-poll costs exactly one token refresh', async () => {
    const r = await startRig({ counters: 3 });
    const attempts = await Promise.all([r.charge(100, { counter: 0 }), r.charge(200, { counter: 1 }), r.charge(300, { counter: 2 })]);
    await sleep(400);
    const before = await r.control.get('/_sim/stats');
    await r.control.expireTokens();
    await sleep(800);
    const after = await r.control.get('/_sim/stats');
    expect(refreshCount(after) - refreshCount(before)).toBe(1);
    for (const terminal of ['TRM001', 'TRM002', 'TRM003']) await r.control.pay(terminal, { outcome: 'succeeded' });
    for (const attempt of attempts) expect((await r.waitFor(attempt.id, isFinal)).state).toBe('succeeded');
  });

  it('a throttled token endpoint pauses refreshing instead of looping', async () => {
    // Zoho allows this client one token request; the backend spends it on its first access token.
    const r = await startRig({ simulator: { tokenRequestLimit: 1 } });
    const attempt = await r.charge(700);
    await sleep(300);
    await r.control.expireTokens();
    await sleep(2_000); // eight poll intervals
    const stats = (await r.control.get('/_sim/stats')) as { token_requests: { refresh_token: number; throttled: number } };
    expect(stats.token_requests.throttled).toBe(1);
    const status = await r.call('connection-status', {});
    expect(status.state).toBe('throttled');
    expect(status.retryAt).toBeGreaterThan(Date.now());
    expect(r.attempt(attempt.id).state).toBe('in_progress');
  });

  it('500s and dropped connections while polling leave the state alone; the outcome lands once they clear', async () => {
    const r = await startRig();
    const attempt = await r.charge(4_200);
    await r.control.faults({ error_rate: 0.5, drop_rate: 0.3, scope: 'payments' });
    await r.control.post('/_sim/terminals/TRM001/fetch', {});
    await r.control.post('/_sim/terminals/TRM001/pay', { outcome: 'succeeded' });
    await sleep(1_500);
    expect(['in_progress', 'succeeded']).toContain(r.attempt(attempt.id).state);
    await r.control.clearFaults();
    expect((await r.waitFor(attempt.id, isFinal)).state).toBe('succeeded');
  });

  it('a restart mid-poll resumes the payment', async () => {
    const r = await startRig();
    const attempt = await r.charge(8_800);
    await r.stopBackend();
    await r.control.pay('TRM001', { outcome: 'succeeded' });
    await r.boot();
    expect((await r.waitFor(attempt.id, isFinal)).state).toBe('succeeded');
  });

  it('a session that never reaches a final status ends unresolved, not failed or paid', async () => {
    const r = await startRig({
      simulator: { sessionValiditySeconds: 3600 },
      tuning: { timing: { sessionValidityMs: 600, graceMs: 200, lateIntervalMs: 300, lateWindowMs: 900 } },
    });
    const attempt = await r.charge(1_100);
    const unresolved = await r.waitFor(attempt.id, isFinal, 8_000);
    expect(unresolved.state).toBe('unresolved');
    expect((await r.call('invoice-get', { invoiceId: attempt.invoiceId })).invoice.status).toBe('open');
  });

  it('flags a session whose amount differs from the charge and never marks it paid', async () => {
    const r = await startRig();
    const attempt = await r.charge(5_000);
    await r.control.post(`/_sim/sessions/${attempt.paymentsSessionId}/tamper`, { amount: '5.00' });
    await r.control.pay('TRM001', { outcome: 'succeeded' });
    const flagged = await r.waitFor(attempt.id, isFinal);
    expect(flagged.state).toBe('unresolved');
    expect(flagged.mismatch).toMatch(/amount 5.00/);
    expect((await r.call('invoice-get', { invoiceId: attempt.invoiceId })).invoice.status).not.toBe('paid');
    // Zoho's final word is kept for the person who decides.
    const trail = await r.call('attempt-events', { attemptId: attempt.id });
    expect(trail.at(-1)?.reason).toMatch(/Zoho reports the session succeeded \(payment \d+\)/);
  });

  it('keeps following a mismatched session that is still in progress: the terminal stays taken', async () => {
    const r = await startRig();
    const attempt = await r.charge(5_000);
    await r.control.post(`/_sim/sessions/${attempt.paymentsSessionId}/tamper`, { invoice_number: 'SOMEONE-ELSE' });
    const flagged = await r.waitFor(attempt.id, (a) => a.mismatch !== null);
    expect(flagged.state).toBe('in_progress');
    await sleep(600);
    expect(r.attempt(attempt.id).pollCount).toBeGreaterThan(flagged.pollCount);
    const counter = r.counters[0];
    const invoice = await r.call('invoice-create', { counterId: counter?.id, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 100 }] });
    const second = await r.raw('charge-create', { invoiceId: invoice.id, counterId: counter?.id, method: 'card' });
    expect(second.ok || second.error.code).toBe('conflict');
  });

  it('polls each session every 5 s (±0.5 s), read from the simulator request log', async () => {
    const r = await startRig({ tuning: { pollIntervalMs: undefined } });
    const attempt = await r.charge(600);
    await sleep(16_000);
    const polls = (await r.control.requests()).filter((q) => q.method === 'GET' && q.path.includes(attempt.paymentsSessionId ?? '-'));
    expect(polls.length).toBeGreaterThanOrEqual(3);
    const gaps = polls.slice(1).map((q, i) => q.time - (polls[i]?.time ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(4_500);
      expect(gap).toBeLessThanOrEqual(5_500);
    }
  }, 30_000);
});

function refreshCount(stats: unknown): number {
  const s = stats as { token_requests?: { refresh_token?: number } };
  return s.token_requests?.refresh_token ?? 0;
}
