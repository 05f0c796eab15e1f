// Outcomes that need a person: lost answers (unknown), refusals (rejected), re-checks, and the log.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chargeTroubleMessage } from '../../contract/failures';
import { SESSION_VALIDITY_MS } from '../../contract/rules';
import { DAY_LOG_PAGE } from '../../contract/answers';
import * as attempts from '../../db/local/attempts';
import * as invoices from '../../db/local/invoices';
import { closeDatabase, openDatabase } from '../../db/local/database';
import { Rig } from '../../testkit/rig';
import { localDate, sleep } from '../../testkit/time';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const settled = (a: { state: string }) => !['creating', 'in_progress'].includes(a.state);

describe('outcomes a person must look at', () => {
  it('a create whose answer is lost becomes unknown and holds its terminal and invoice: nothing more is sent to either', async () => {
    rig = await Rig.start();
    await rig.control.faults({ scope: 'create', drop_rate: 1, drop_after_processing: true, count: 1 });
    const sentAt = Date.now();
    const lost = await rig.charge(2_500);
    expect(lost.state).toBe('unknown');
    expect(lost.paymentsSessionId).toBeNull();
    expect(lost.failureMessage).toBe(chargeTroubleMessage('unreachable', 'unknown'));
    expect(rig.sim.sessions()).toHaveLength(1); // Zoho did create it, and it is live on the terminal
    // Held for the session's 3 minutes plus 30 s of grace from when the answer was given up on.
    expect(lost.hold?.endedAt).toBeNull();
    expect(lost.hold?.until).toBeGreaterThanOrEqual(sentAt + SESSION_VALIDITY_MS + 30_000);
    expect(lost.hold?.until).toBeLessThanOrEqual(Date.now() + SESSION_VALIDITY_MS + 30_000);

    const again = await rig.raw('charge-create', { invoiceId: lost.invoiceId, counterId: lost.counterId, method: 'card' });
    expect(again.ok || again.error.field).toBe('confirmChecked');
    // The cashier confirms having checked: the invoice is still on hold, whatever Zoho would have said.
    const confirmed = await rig.raw('charge-create', { invoiceId: lost.invoiceId, counterId: lost.counterId, method: 'card', confirmChecked: true });
    expect(confirmed.ok || confirmed.error).toEqual({ code: 'conflict', field: 'invoiceId', message: expect.stringMatching(/is on hold: .* for up to 4 more minutes/) as string });
    // And the next sale on that counter waits too: the terminal may still show the lost payment.
    const next = await rig.raw('charge-create', { invoiceId: (await rig.call('invoice-create', { counterId: lost.counterId, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 300 }] })).id, counterId: lost.counterId, method: 'upi' });
    expect(next.ok || next.error).toMatchObject({ code: 'conflict', field: 'terminalId', message: expect.stringMatching(/^Terminal TRM001 is on hold/) as string });
    expect(rig.sim.stats().payments_requests.create).toBe(1);
    expect((await rig.call('attempt-events', { attemptId: lost.id })).map((e) => e.toState)).toEqual(['creating', 'unknown']);
  });

  it('a 500 on create is unknown: Zoho may have created the session', async () => {
    rig = await Rig.start();
    await rig.control.faults({ scope: 'create', error_rate: 1, count: 1 });
    expect((await rig.charge(100)).state).toBe('unknown');
  });

  it('a refused connection (nothing was sent) is rejected, and the cashier may simply retry', async () => {
    rig = await Rig.start({ paymentsUrl: `http://127.0.0.1:${await deadPort()}` });
    const attempt = await rig.charge(200);
    expect(attempt.state).toBe('rejected');
    expect(attempt.failureMessage).toBe(chargeTroubleMessage('unreachable', 'not_sent'));
    expect(await rig.call('connection-status', {})).toMatchObject({ degraded: true, trouble: 'unreachable' });
  });

  it("Zoho's refusal of a create is rejected with Zoho's message", async () => {
    rig = await Rig.start();
    const counter = await rig.call('counter-create', { managerToken: rig.managerToken, name: 'Ghost', terminalId: 'TRM404' });
    const invoice = await rig.call('invoice-create', { counterId: counter.id, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 100 }] });
    const attempt = await rig.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'upi' });
    expect(attempt.state).toBe('rejected');
    expect(attempt.failureCode).toMatch(/\S/);
    expect((await rig.call('invoice-get', { invoiceId: invoice.id })).invoice.status).toBe('open');
  });

  it('an attempt still creating when the app stopped resumes as unknown', async () => {
    rig = await Rig.start();
    const counter = rig.counters[0];
    if (!counter) throw new Error('no counter');
    const invoice = await rig.call('invoice-create', { counterId: counter.id, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 700 }] });
    await rig.stopBackend();
    const db = openDatabase(join(rig.dataDir, 'counter.db'));
    const { attempt: creating } = attempts.insertCreatingAttempt(db, { invoiceId: invoice.id, counterId: counter.id, method: 'card', at: Date.now(), actor: 'cashier' });
    closeDatabase(db);
    await rig.boot();
    const resumed = rig.attempt(creating.id);
    expect(resumed.state).toBe('unknown');
    // Zoho may have made its session just before the stop: the terminal and invoice are on hold.
    expect(resumed.hold).toEqual({ until: expect.any(Number) as number, endedAt: null });
    const trail = await rig.call('attempt-events', { attemptId: creating.id });
    expect(trail.at(-1)?.actor).toBe('startup');
  });

  it('re-check settles an unresolved attempt once Zoho has the answer', async () => {
    rig = await Rig.start({
      simulator: { sessionValiditySeconds: 3600 },
      tuning: { timing: { sessionValidityMs: 300, graceMs: 100, lateIntervalMs: 200, lateWindowMs: 400 } },
    });
    const attempt = await rig.charge(3_300);
    expect((await rig.waitFor(attempt.id, settled)).state).toBe('unresolved');
    await rig.control.pay('TRM001', { outcome: 'succeeded' });
    const rechecked = await rig.call('charge-recheck', { attemptId: attempt.id });
    expect(rechecked.state).toBe('succeeded');
    expect((await rig.call('attempt-events', { attemptId: attempt.id })).at(-1)?.actor).toBe('recheck');
    expect((await rig.call('invoice-get', { invoiceId: attempt.invoiceId })).invoice.status).toBe('paid');
  });

  it('re-check of an attempt without a session says there is nothing to check', async () => {
    rig = await Rig.start();
    await rig.control.faults({ scope: 'create', error_rate: 1, count: 1 });
    const unknown = await rig.charge(100);
    const result = await rig.raw('charge-recheck', { attemptId: unknown.id });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/nothing to check/);
  });
});

describe('a manager checks an unknown outcome by hand', () => {
  it('needs the manager, keeps the state, tells the screens, and lets the cashier charge again unasked', async () => {
    rig = await Rig.start();
    await rig.control.faults({ scope: 'create', error_rate: 1, count: 1 });
    const lost = await rig.charge(4_200);
    expect(lost.state).toBe('unknown');
    const note = 'Terminal TRM001 shows no payment at 10:42';

    const withoutManager = await rig.raw('attempt-mark-reviewed', { managerToken: 'not-a-token', attemptId: lost.id, note });
    expect(withoutManager.ok).toBe(false);
    if (!withoutManager.ok) expect(withoutManager.error.code).toBe('locked');

    const reviewed = await rig.call('attempt-mark-reviewed', { managerToken: rig.managerToken, attemptId: lost.id, note });
    expect(reviewed).toMatchObject({ id: lost.id, state: 'unknown', review: { note } });
    const { invoice } = await rig.call('invoice-get', { invoiceId: lost.invoiceId });
    expect(rig.events).toContainEqual({ type: 'charge-updated', attempt: reviewed, invoice });
    expect((await rig.call('log-day', { date: localDate(Date.now()) })).totals.awaitingReview).toBe(0);
    const { csv } = await rig.call('log-export-csv', { date: localDate(Date.now()) });
    const row = csv.split(/\r?\n/).find((line) => line.includes(lost.invoiceNumber));
    expect(row).toMatch(new RegExp(`,unknown,.*,\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z,${note},payment,,,,$`));

    // Checked, but the terminal stays on hold until it ends or a manager releases it.
    const held = await rig.raw('charge-create', { invoiceId: lost.invoiceId, counterId: lost.counterId, method: 'card' });
    expect(held.ok || held.error.field).toBe('invoiceId');
    await rig.call('attempt-release-hold', { managerToken: rig.managerToken, attemptId: lost.id, note: 'Terminal TRM001 shows nothing' });
    const again = await rig.call('charge-create', { invoiceId: lost.invoiceId, counterId: lost.counterId, method: 'card' });
    expect(again.state).toBe('in_progress');
    const refused = await rig.raw('attempt-mark-reviewed', { managerToken: rig.managerToken, attemptId: again.id, note });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('conflict');
      expect(refused.error.message).toMatch(/outcome is unknown/);
    }
  });
});

describe("the day's log", () => {
  it('lists, filters and totals the day, and exports it as CSV', async () => {
    rig = await Rig.start();
    const paid = await rig.charge(120_050, { counter: 0, method: 'upi' });
    const failed = await rig.charge(99_900, { counter: 1, method: 'card' });
    await rig.control.pay('TRM001', { outcome: 'succeeded', method: 'upi' });
    await rig.control.pay('TRM002', { outcome: 'failed', failure_code: 'expired_card' });
    await rig.waitFor(paid.id, settled);
    await rig.waitFor(failed.id, settled);
    await rig.control.faults({ scope: 'create', error_rate: 1, count: 1 });
    await rig.charge(5_000, { counter: 2 });

    const date = localDate(Date.now());
    const day = await rig.call('log-day', { date });
    expect(day.attempts).toHaveLength(3);
    expect(day.totals.collectedMinor).toBe(120_050);
    expect(day.totals.byState.find((s) => s.state === 'failed')?.count).toBe(1);
    expect(day.totals.byState.find((s) => s.state === 'unknown')?.count).toBe(1);
    expect(day.totals.byMethod.find((m) => m.method === 'upi')).toEqual({ method: 'upi', count: 1, amountMinor: 120_050 });
    expect(day.totals.byMethod.find((m) => m.method === 'card')?.amountMinor ?? 0).toBe(0);
    expect(day.totals.collectedByHour.reduce((a, b) => a + b, 0)).toBe(120_050);

    expect((await rig.call('log-day', { date, state: 'failed' })).attempts.map((a) => a.id)).toEqual([failed.id]);
    expect((await rig.call('log-day', { date, method: 'upi' })).attempts.map((a) => a.id)).toEqual([paid.id]);
    expect((await rig.call('log-day', { date, counterId: rig.counters[1]?.id })).attempts.map((a) => a.id)).toEqual([failed.id]);
    expect((await rig.call('log-day', { date, search: paid.invoiceNumber })).attempts.map((a) => a.id)).toEqual([paid.id]);
    expect((await rig.call('log-day', { date: '2001-01-01' })).attempts).toEqual([]);

    const csv = await rig.call('log-export-csv', { date });
    expect(csv.fileName).toBe(`payments-${date}.csv`);
    expect(csv.rowCount).toBe(3);
    const lines = csv.csv.trim().split('\r\n');
    expect(lines[0]).toBe('time,invoice,counter,terminal,amount,currency,method,state,failure_code,failure_reason,payment_id,payments_session_id,note,checked_at,checked_note,record,refund_id,taxable_value,tax,tax_by_rate');
    const paidLine = lines.find((l) => l.includes(paid.invoiceNumber));
    expect(paidLine).toContain(',Counter 1,TRM001,1200.50,INR,upi,succeeded,');
    expect(lines.find((l) => l.includes(failed.invoiceNumber))).toContain('expired_card,The card has expired.');
    await sleep(0);
  });

  it('lists the day a page at a time, says when there are more, and the CSV has them all', async () => {
    rig = await Rig.start({ counters: 1 });
    const counter = rig.counters[0];
    if (!counter) throw new Error('no counter');
    await rig.stopBackend();
    const db = openDatabase(join(rig.dataDir, 'counter.db'));
    const now = Date.now();
    const BULK = 2 * DAY_LOG_PAGE + 1;
    db.transaction(() => {
      for (let i = 0; i < BULK; i += 1) {
        const invoice = invoices.createInvoice(db, { counterId: counter.id, number: `BULK-${i}`, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 100 }], totalMinor: 100, currency: 'INR', createdAt: now });
        const { attempt } = attempts.insertCreatingAttempt(db, { invoiceId: invoice.id, counterId: counter.id, method: 'card', at: now, actor: 'test' });
        attempts.transitionAttempt(db, { attemptId: attempt.id, from: ['creating'], to: 'rejected', at: now, actor: 'test', reason: 'bulk' });
      }
    })();
    closeDatabase(db);
    await rig.boot();
    const day = await rig.call('log-day', { date: localDate(now) });
    expect(day.attempts).toHaveLength(DAY_LOG_PAGE);
    expect(day.truncated).toBe(true);
    expect(day.totals.attemptCount).toBe(BULK);
    const twoPages = await rig.call('log-day', { date: localDate(now), rows: 2 * DAY_LOG_PAGE });
    expect(twoPages.truncated).toBe(true);
    expect(twoPages.attempts.slice(0, DAY_LOG_PAGE)).toEqual(day.attempts);
    const everything = await rig.call('log-day', { date: localDate(now), rows: 3 * DAY_LOG_PAGE });
    expect(everything.attempts).toHaveLength(BULK);
    expect(everything.truncated).toBe(false);
    expect(new Set(everything.attempts.map((a) => a.invoiceNumber)).size).toBe(BULK);
    expect((await rig.call('log-export-csv', { date: localDate(now) })).rowCount).toBe(BULK);
    expect((await rig.call('log-day', { date: localDate(now), search: 'BULK-7' })).truncated).toBe(false);
  });
});

describe('token trouble before a charge is sent', () => {
  it('a failing token endpoint rejects the charge (nothing was sent), rather than leaving it unknown', async () => {
    rig = await Rig.start({ counters: 1 });
    rig.sim.expireAccessTokens();
    await rig.restart(); // a fresh backend whose stored token Zoho no longer accepts
    await rig.control.faults({ scope: 'token', error_rate: 1 });
    const attempt = await rig.charge(4_000);
    expect(attempt.state).toBe('rejected');
    // The sign-in service failing is Zoho out of reach, not a refusal of our access.
    expect(attempt.failureMessage).toBe(chargeTroubleMessage('unreachable', 'not_sent'));
    expect(rig.sim.stats().payments_requests.create).toBe(0);
  });
});

describe('calls while Zoho is slow', () => {
  it('other calls do not wait behind a slow charge, and stopping waits for it to record its session', async () => {
    rig = await Rig.start({ counters: 2 });
    await rig.charge(100, { counter: 1 }); // gets the access token
    await rig.control.faults({ scope: 'create', latency_ms: 1_500 });
    const finished: string[] = [];
    const slow = rig.charge(2_000).finally(() => finished.push('charge'));
    await sleep(200);
    await rig.call('counters-list', {}).finally(() => finished.push('list'));
    expect(finished).toEqual(['list']);
    await rig.stopBackend(); // a clean quit in the middle of the create
    const attempt = await slow;
    expect(attempt.state).toBe('in_progress');
    expect(attempt.paymentsSessionId).toMatch(/\S/);
  });
});
