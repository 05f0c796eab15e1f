// Counters, invoices, settings and the counter status through the backend's calls.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rig } from '../../testkit/rig';
import { sleep } from '../../testkit/time';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('counters', () => {
  it('are created, renamed, remapped and deactivated; a terminal stays unique among active counters', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    const token = r.managerToken;
    const made = await r.call('counter-create', { managerToken: token, name: 'Express lane', terminalId: 'TRM002' });
    expect(made.invoicePrefix).toBe('EL-');
    const clash = await r.raw('counter-create', { managerToken: token, name: 'Copy', terminalId: 'TRM002' });
    expect(clash.ok || clash.error).toMatchObject({ code: 'conflict', field: 'terminalId' });

    const renamed = await r.call('counter-update', { managerToken: token, counterId: made.id, name: 'Express', terminalId: 'TRM003' });
    expect(renamed).toMatchObject({ name: 'Express', terminalId: 'TRM003' });
    await r.call('counter-deactivate', { managerToken: token, counterId: made.id });
    expect((await r.call('counters-list', {})).map((c) => c.name)).toEqual(['Counter 1']);
    expect((await r.call('counters-list', { includeInactive: true })).map((c) => c.name)).toEqual(['Counter 1', 'Express']);
    // Its terminal is free again.
    await r.call('counter-create', { managerToken: token, name: 'Again', terminalId: 'TRM003' });
    expect(r.events.filter((e) => e.type === 'counters-changed').length).toBeGreaterThanOrEqual(4);
  });

  it('refuses to move a counter to another terminal while a payment is live on it', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    const counter = r.counters[0];
    if (!counter) throw new Error('no counter');
    await r.charge(1_000);
    const moved = await r.raw('counter-update', { managerToken: r.managerToken, counterId: counter.id, terminalId: 'TRM002' });
    expect(moved.ok || moved.error).toMatchObject({ code: 'conflict', field: 'terminalId', message: /in progress/ });
    const off = await r.raw('counter-deactivate', { managerToken: r.managerToken, counterId: counter.id });
    expect(off.ok || off.error).toMatchObject({ code: 'conflict', field: 'counterId' });
  });
});

describe('invoices', () => {
  it('are numbered per counter, may carry an edited number, and total their lines exactly', async () => {
    const r = (rig = await Rig.start({ counters: 2 }));
    const [first, second] = r.counters;
    if (!first || !second) throw new Error('no counters');
    expect((await r.call('invoice-next-number', { counterId: first.id })).number).toBe('C1-000001');
    const a = await r.call('invoice-create', {
      counterId: first.id,
      lines: [
        { description: 'Rice 5 kg', quantity: 2, unitPriceMinor: 34_950 },
        { description: 'Salt', quantity: 3, unitPriceMinor: 10 },
        { description: 'Oil', quantity: 1, unitPriceMinor: 20 },
      ],
    });
    expect(a.number).toBe('C1-000001');
    expect(a.totalMinor).toBe(69_950);
    const b = await r.call('invoice-create', { counterId: second.id, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1 }] });
    expect(b.number).toBe('C2-000001');
    const edited = await r.call('invoice-create', { counterId: first.id, number: 'WALKIN/2026/77', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 5 }] });
    expect(edited.number).toBe('WALKIN/2026/77');
    const duplicate = await r.raw('invoice-create', { counterId: first.id, number: 'WALKIN/2026/77', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 5 }] });
    expect(duplicate.ok || duplicate.error).toMatchObject({ code: 'conflict', field: 'number' });
    expect((await r.call('invoice-next-number', { counterId: first.id })).number).toBe('C1-000002');
  });

  it('refuses a total above the maximum, naming the lines', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    const result = await r.raw('invoice-create', {
      counterId: r.counters[0]?.id,
      lines: [{ description: 'Gold', quantity: 9999, unitPriceMinor: 1_000_000 }],
    });
    expect(result.ok || result.error).toMatchObject({ code: 'invalid_input', field: 'lines.0' });
  });

  it('an open invoice can be voided; a paid one cannot', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    const counter = r.counters[0];
    if (!counter) throw new Error('no counter');
    const open = await r.call('invoice-create', { counterId: counter.id, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 100 }] });
    expect((await r.call('invoice-void', { invoiceId: open.id })).status).toBe('void');
    const charge = await r.charge(500, { method: 'upi' });
    await r.control.pay('TRM001', { outcome: 'succeeded' });
    await r.waitFor(charge.id, (a) => a.state === 'succeeded');
    const refused = await r.raw('invoice-void', { invoiceId: charge.invoiceId });
    expect(refused.ok || refused.error.code).toBe('conflict');
  });
});

describe('unknown records', () => {
  it('are refused as not found, naming the input field that named them', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    const managerToken = r.managerToken;
    const missing = {
      counterId: { code: 'not_found', message: 'That counter does not exist.', field: 'counterId' },
      invoiceId: { code: 'not_found', message: 'That invoice does not exist.', field: 'invoiceId' },
      attemptId: { code: 'not_found', message: 'That payment does not exist.', field: 'attemptId' },
    };
    const refusals = await Promise.all([
      r.raw('counter-status', { counterId: 'gone' }),
      r.raw('invoice-next-number', { counterId: 'gone' }),
      r.raw('invoice-create', { counterId: 'gone', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1 }] }),
      r.raw('counter-update', { managerToken, counterId: 'gone', name: 'x' }),
      r.raw('counter-deactivate', { managerToken, counterId: 'gone' }),
      r.raw('invoice-get', { invoiceId: 'gone' }),
      r.raw('invoice-void', { invoiceId: 'gone' }),
      r.raw('charge-recheck', { attemptId: 'gone' }),
      r.raw('attempt-events', { attemptId: 'gone' }),
      r.raw('attempt-mark-reviewed', { managerToken, attemptId: 'gone', note: 'checked' }),
    ]);
    expect(refusals.map((result) => result.ok || result.error)).toEqual([
      ...Array<unknown>(5).fill(missing.counterId),
      ...Array<unknown>(2).fill(missing.invoiceId),
      ...Array<unknown>(3).fill(missing.attemptId),
    ]);
  });
});

describe('counter status', () => {
  it('returns the payment in progress after a reload, and the new sale once one is started', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    const counter = r.counters[0];
    if (!counter) throw new Error('no counter');
    expect(await r.call('counter-status', { counterId: counter.id })).toMatchObject({ invoice: null, attempt: null });
    const attempt = await r.charge(2_000);
    const status = await r.call('counter-status', { counterId: counter.id });
    expect(status.attempt?.id).toBe(attempt.id);
    expect(status.invoice?.id).toBe(attempt.invoiceId);
    expect((await r.call('dashboard', {}))[0]?.attempt?.state).toBe('in_progress');

    await r.control.pay('TRM001', { outcome: 'succeeded' });
    await r.waitFor(attempt.id, (a) => a.state === 'succeeded');
    await sleep(5);
    const next = await r.call('invoice-create', { counterId: counter.id, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 300 }] });
    expect(await r.call('counter-status', { counterId: counter.id })).toMatchObject({ invoice: { id: next.id }, attempt: null });
  });
});

describe('settings and rate limits', () => {
  it('the poll interval (5 to 10 seconds) and the days of backups kept are manager settings, each changed alone', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    expect(await r.call('settings-get', {})).toMatchObject({ pollIntervalSeconds: 5, backupKeepDays: 14 });
    expect(await r.call('settings-update', { managerToken: r.managerToken, pollIntervalSeconds: 8 })).toMatchObject({ pollIntervalSeconds: 8, backupKeepDays: 14 });
    expect(await r.call('settings-update', { managerToken: r.managerToken, backupKeepDays: 30 })).toMatchObject({ pollIntervalSeconds: 8, backupKeepDays: 30 });
    await r.restart();
    expect(await r.call('settings-get', {})).toMatchObject({ pollIntervalSeconds: 8, backupKeepDays: 30 });
  });

  it('a 429 from Zoho pauses polling as told and leaves the payment in progress', async () => {
    const r = (rig = await Rig.start({ counters: 1, simulator: { rateLimitPerMinute: 3 } }));
    const attempt = await r.charge(1_500);
    await sleep(1_000);
    expect(r.sim.stats().payments_requests.rate_limited).toBeGreaterThanOrEqual(1);
    const requestsDuringPause = r.sim.requests().length;
    await sleep(500);
    expect(r.sim.requests().length - requestsDuringPause).toBeLessThanOrEqual(1);
    expect(r.attempt(attempt.id).state).toBe('in_progress');
  });

  it('a charge during a 429 pause is not sent: the pause holds creates too, and the cashier is told when to try again', async () => {
    const r = (rig = await Rig.start({ counters: 2, simulator: { rateLimitPerMinute: 3 } }));
    await r.charge(1_500, { counter: 0 });
    // The polls reach the limit: Zoho answers 429 and asks for ~a minute's wait (however slow the machine).
    await vi.waitFor(() => expect(r.sim.stats().payments_requests.rate_limited).toBeGreaterThanOrEqual(1), { timeout: 10_000, interval: 50 });
    const sentBefore = r.sim.requests().filter((q) => q.method === 'POST').length;
    const held = await r.charge(2_500, { counter: 1 });
    expect(held.state).toBe('rejected');
    expect(held.failureMessage).toMatch(/^Zoho asked Counter to slow down \(too many requests\)\. Nothing was sent to the terminal: charge again in about \d+ seconds\.$/);
    expect(r.sim.requests().filter((q) => q.method === 'POST').length).toBe(sentBefore);
  });
});
