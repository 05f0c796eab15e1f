// Two PCs of one store, each a live backend with its own SQLite file, on one simulator, against a
// real PostgreSQL cluster: joining, the shared configuration, the shipped ledger, claims.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join as joinPath } from 'node:path';
import { Rig, TEST_TUNING, type RigOptions } from '../../testkit/rig';
import { localDate } from '../../testkit/time';
import { formatDate } from '../../contract/calendar';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually, pcLedgerRows, storeLedgerRows, unionOfLedgers } from '../../testkit/store-ledger';

const store = storeDatabaseEachTest();
const FAST_LINK = { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 };
const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0).reverse()) await rig.close();
});

async function firstPc(simulator: RigOptions['simulator'] = {}): Promise<Rig> {
  const rig = await Rig.start({ simulator, tuning: { ...TEST_TUNING, store: FAST_LINK } });
  rigs.push(rig);
  return rig;
}

async function anotherPc(first: Rig): Promise<Rig> {
  const rig = await Rig.start({ sharedSimulator: first.sim, counters: 0, tuning: { ...TEST_TUNING, store: FAST_LINK } });
  rigs.push(rig);
  return rig;
}

async function join(rig: Rig, stationName: string, pin = '2468') {
  return rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName, pin });
}

const storeId = async () => (await store.client.query<{ id: string }>('SELECT id FROM stores')).rows[0]?.id ?? '';

describe('a store of two PCs', () => {
  it('the first PC creates the store with its counters and PIN; the second joins with that PIN and works from the same counters', async () => {
    const pc1 = await firstPc();
    const status = await join(pc1, 'Till 1');
    expect(status).toMatchObject({ link: 'up', storeName: 'Main Street', stationName: 'Till 1' });
    expect(status.address).not.toContain('store-test-password');
    const counters = await store.client.query<{ name: string; terminal_id: string }>('SELECT name, terminal_id FROM counters ORDER BY name');
    expect(counters.rows).toEqual(pc1.counters.map((c) => ({ name: c.name, terminal_id: c.terminalId })));

    const pc2 = await anotherPc(pc1);
    const refused = await pc2.raw('store-join', { managerToken: pc2.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till 2', pin: '1357' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'pin', message: 'That is not the store’s manager PIN.' } });
    expect((await pc2.call('store-status', {})).link).toBe('off');

    await join(pc2, 'Till 2');
    const seen = await pc2.call('counters-list', {});
    expect(seen).toEqual(pc1.counters);
    const status2 = await pc2.call('store-status', {});
    expect(status2.stations.map((s) => s.name).sort()).toEqual(['Till 1', 'Till 2']);
  });

  it('ships every change of every PC to the store: the store’s ledger is the union of theirs, row by row', async () => {
    const pc1 = await firstPc();
    const before = await pc1.charge(10_050); // made before joining: shipped with the rest
    await pc1.control.pay(before.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc1.waitFor(before.id, (x) => x.state === 'succeeded');
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    const a = await pc1.charge(2_500, { counter: 0 });
    pc2.counters = await pc2.call('counters-list', {});
    const b = await pc2.charge(700, { counter: 1 });
    await pc1.control.pay(a.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc1.waitFor(a.id, (x) => x.state === 'succeeded');
    await pc2.control.pay(b.terminalId, { outcome: 'failed', failure_code: 'card_declined', method: 'card' });
    await pc2.waitFor(b.id, (x) => x.state === 'failed');

    const id = await storeId();
    const stations = Object.fromEntries((await pc1.call('store-status', {})).stations.map((s) => [s.name, s.id]));
    await eventually(async () => {
      const union = unionOfLedgers(
        pcLedgerRows(dbFile(pc1), stations['Till 1'] ?? ''),
        pcLedgerRows(dbFile(pc2), stations['Till 2'] ?? ''),
      );
      const stored = await storeLedgerRows(store.client, id);
      return JSON.stringify(stored) === JSON.stringify(union) ? true : undefined;
    }, 10_000, 'the store holding both ledgers');
    expect((await pc1.call('store-status', {})).pendingChanges).toBe(0);
  });

  it('one counter, one PC: a second PC is refused a counter another PC holds, and told which', async () => {
    const pc1 = await firstPc();
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    const counter = pc1.counters[0];
    if (!counter) throw new Error('no counter');
    await pc1.call('counter-claim', { counterId: counter.id });
    const refused = await pc2.raw('counter-claim', { counterId: counter.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'counterId' } });
    if (!refused.ok) expect(refused.error.message).toBe('Counter 1 is in use at PC “Till 1”. Choose another counter, or take this one there first.');
    // Charging there needs the claim too.
    const invoice = await pc2.call('invoice-create', { counterId: counter.id, lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 100 }] });
    const charge = await pc2.raw('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' });
    expect(charge).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // A till moving to another counter lets go of the one it leaves.
    const other = pc1.counters[1];
    if (!other) throw new Error('no counter');
    await pc1.call('counter-claim', { counterId: other.id, releaseCounterId: counter.id });
    const claimed = await pc2.call('counter-claim', { counterId: counter.id });
    expect(claimed.claims.find((c) => c.counterId === counter.id)).toMatchObject({ stationName: 'Till 2', thisStation: true });
  });

  it('a held terminal stays held across PCs: another PC taking its counter is refused the terminal, naming the PC, until the hold is released', async () => {
    const pc1 = await firstPc();
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    pc2.counters = await pc2.call('counters-list', {});
    // Till 1's charge loses Zoho's answer: its terminal is held (db/local/holds.ts), and the hold ships.
    await pc1.control.faults({ scope: 'create', drop_rate: 1, drop_after_processing: true, count: 1 });
    const lost = await pc1.charge(2_500, { counter: 0 });
    expect(lost.state).toBe('unknown');
    expect(lost.hold?.endedAt).toBeNull();
    const id = await storeId();
    const heldInStore = async (ended: boolean) =>
      (await store.client.query('SELECT 1 FROM charge_attempts WHERE store_id = $1 AND id = $2 AND hold_until IS NOT NULL AND (hold_ended_at IS NOT NULL) = $3', [id, lost.id, ended])).rowCount
        ? true
        : undefined;
    await eventually(() => heldInStore(false), 5_000, 'the hold in the store');
    // Till 1 moves to another counter; Till 2 takes the held one, but not its terminal.
    await pc1.call('counter-claim', { counterId: pc1.counters[1]?.id ?? '', releaseCounterId: lost.counterId });
    const invoice = await pc2.call('invoice-create', { counterId: lost.counterId, lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 100 }] });
    const refused = await pc2.raw('charge-create', { invoiceId: invoice.id, counterId: lost.counterId, method: 'card' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'terminalId' } });
    if (!refused.ok) expect(refused.error.message).toMatch(new RegExp(`^Terminal ${lost.terminalId} is on hold at PC “Till 1”: .* release the hold on that PC\\.$`));
    expect((await pc2.call('store-status', {})).claims.find((c) => c.counterId === lost.counterId)).toMatchObject({ stationName: 'Till 2' });
    // The terminal really shows nothing now (the customer walked away); a manager at Till 1 checks it
    // and releases the hold: its end ships, and Till 2 may charge.
    for (const session of pc1.sim.sessions()) if (session.session_status === 'in_progress') pc1.sim.expireSession(session.payments_session_id);
    await pc1.call('attempt-release-hold', { managerToken: pc1.managerToken, attemptId: lost.id, note: 'The terminal shows nothing.' });
    await eventually(() => heldInStore(true), 5_000, 'the hold ended in the store');
    const charged = await pc2.call('charge-create', { invoiceId: invoice.id, counterId: lost.counterId, method: 'card' });
    expect(charged.state).toBe('in_progress');
  });

  it('a configuration change on one PC reaches the other at its next heartbeat; a new PIN is the store’s', async () => {
    const pc1 = await firstPc();
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    const added = await pc1.call('counter-create', { managerToken: pc1.managerToken, name: 'Counter 4', terminalId: 'TRM004', invoicePrefix: 'D-' });
    await pc1.call('settings-update', { managerToken: pc1.managerToken, pollIntervalSeconds: 8 });
    await pc1.call('manager-set-pin', { pin: '97531', currentPin: '2468' });
    await eventually(async () => ((await pc2.call('counters-list', {})).some((c) => c.id === added.id) ? true : undefined), 5_000, 'the new counter on PC 2');
    await eventually(async () => ((await pc2.call('settings-get', {})).pollIntervalSeconds === 8 ? true : undefined), 5_000, 'the new interval on PC 2');
    await eventually(async () => ((await pc2.raw('manager-unlock', { pin: '97531' })).ok ? true : undefined), 5_000, 'the new PIN on PC 2');
    // The store refuses what one PC alone would refuse too: a terminal another counter uses.
    const clash = await pc2.raw('counter-create', { managerToken: pc2.managerToken, name: 'Counter 5', terminalId: 'TRM004' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict', field: 'terminalId' } });
  });

  it('the Zoho account is the store’s: a PC of the store is refused another one, naming the store’s', async () => {
    const pc1 = await firstPc();
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    const account = await pc2.call('connection-status', {});
    const other = await pc2.raw('connection-configure', {
      managerToken: pc2.managerToken,
      edition: account.edition ?? 'in',
      accountId: '999',
      clientId: account.clientId ?? '',
      clientSecret: 'another-secret',
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict', field: 'accountId' } });
    if (!other.ok) expect(other.error.message).toContain(`This store takes payments on Zoho account ${account.accountId ?? ''} with client ID ${account.clientId ?? ''}.`);
    expect(await pc2.call('connection-status', {})).toEqual(account);
  });
});

function dbFile(rig: Rig): string {
  return joinPath(rig.dataDir, 'counter.db');
}

describe('the manager’s view is the store’s', () => {
  it('the log, totals and CSV on either PC cover both, with PC and counter filters', async () => {
    const pc1 = await firstPc();
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    pc2.counters = await pc2.call('counters-list', {});
    const a = await pc1.charge(2_500, { counter: 0 });
    const b = await pc2.charge(700, { counter: 1 });
    await pc1.control.pay(a.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc2.control.pay(b.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc1.waitFor(a.id, (x) => x.state === 'succeeded');
    await pc2.waitFor(b.id, (x) => x.state === 'succeeded');
    const date = localDate(Date.now());
    const stations = Object.fromEntries((await pc1.call('store-status', {})).stations.map((s) => [s.name, s.id]));

    const day = await eventually(async () => {
      const log = await pc1.call('log-day', { date });
      return log.attempts.filter((x) => x.state === 'succeeded').length === 2 ? log : undefined;
    }, 5_000, 'both payments in PC 1’s log');
    expect(day.store).toEqual({ storeName: 'Main Street', wholeStore: true, stations: [{ id: stations['Till 1'], name: 'Till 1' }, { id: stations['Till 2'], name: 'Till 2' }] });
    expect(day.attempts.map((x) => [x.id, x.stationId])).toEqual([[b.id, stations['Till 2']], [a.id, stations['Till 1']]]);
    expect(day.totals.collectedMinor).toBe(3_200);
    expect(day.totals.collectedByHour.reduce((sum, x) => sum + x, 0)).toBe(3_200);

    const onlyPc2 = await pc1.call('log-day', { date, stationId: stations['Till 2'] });
    expect(onlyPc2.attempts.map((x) => x.id)).toEqual([b.id]);
    expect(onlyPc2.totals.collectedMinor).toBe(700);
    const onlyCounter = await pc2.call('log-day', { date, counterId: a.counterId });
    expect(onlyCounter.attempts.map((x) => x.id)).toEqual([a.id]);

    const csv = await pc2.call('log-export-csv', { date });
    const lines = csv.csv.trim().split('\r\n');
    expect(lines[0]?.endsWith(',checked_note,record,refund_id,taxable_value,tax,tax_by_rate,pc')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(['Till 2', 'Till 1']);
  });

  it('cash sales, refunds and their totals on one PC are in every PC’s log and CSV, with PC, counter and state filters; its day close is the store’s', async () => {
    const pc1 = await firstPc({ refundSettleSeconds: 0 });
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    pc2.counters = await pc2.call('counters-list', {});
    const card1 = await pc1.charge(2_500, { counter: 0 });
    const card2 = await pc2.charge(4_000, { counter: 1 });
    await pc1.control.pay(card1.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc2.control.pay(card2.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc1.waitFor(card1.id, (x) => x.state === 'succeeded');
    const paid2 = await pc2.waitFor(card2.id, (x) => x.state === 'succeeded');
    // On PC 2: a cash sale with change by a cashier signed in there, and a part refund of its card payment.
    const { cashiers } = await pc2.call('cashier-add', { managerToken: pc2.managerToken, name: 'Ravi', pin: '2468' });
    await pc2.call('cashier-sign-in', { counterId: card2.counterId, cashierId: cashiers[0]?.id ?? '', pin: '2468' });
    const bill = await pc2.call('invoice-create', { counterId: card2.counterId, lines: [{ description: 'Rice 5 kg', quantity: 1, unitPriceMinor: 1_200 }] });
    const { sale } = await pc2.call('cash-settle', { invoiceId: bill.id, counterId: bill.counterId, tenderedMinor: 2_000 });
    const refund = await pc2.call('refund-create', { managerToken: pc2.managerToken, attemptId: paid2.id, amountMinor: 1_500, reason: 'requested_by_customer', requestKey: randomUUID() });
    await pc2.waitForRefund(refund.id, (r) => r.state === 'succeeded');
    const date = localDate(Date.now());
    const stations = Object.fromEntries((await pc1.call('store-status', {})).stations.map((s) => [s.name, s.id]));
    const till2 = stations['Till 2'] ?? '';

    const day = await eventually(async () => {
      const log = await pc1.call('log-day', { date });
      return log.refunds.some((r) => r.state === 'succeeded') && log.cashSales.length === 1 ? log : undefined;
    }, 5_000, 'PC 2’s cash sale and refund in PC 1’s log');
    expect(day.cashSales).toEqual([{ ...sale, stationId: till2 }]);
    expect(day.cashSales[0]?.cashier).toBe('Ravi');
    expect(day.refunds).toEqual([expect.objectContaining({ id: refund.id, amountMinor: 1_500, state: 'succeeded', invoiceNumber: paid2.invoiceNumber, stationId: till2 })]);
    expect(day.totals).toMatchObject({ collectedMinor: 2_500 + 4_000 + 1_200, refundedMinor: 1_500, netMinor: 2_500 + 4_000 + 1_200 - 1_500 });
    expect(day.totals.byTender.find((t) => t.tender === 'cash')).toEqual({ tender: 'cash', count: 1, amountMinor: 1_200 });
    expect(day.totals.byCounter.map((c) => [c.counterId, c.cardMinor, c.cashMinor, c.refundedMinor])).toEqual([
      [card1.counterId, 2_500, 0, 0],
      [card2.counterId, 4_000, 1_200, 1_500],
    ]);
    expect(day.totals.collectedByHour.reduce((sum, x) => sum + x, 0)).toBe(2_500 + 4_000 + 1_200);

    // The filters: PC 1 alone has no cash or refunds; a counter, a state or a method narrows as on a PC of its own.
    const onlyPc1 = await pc2.call('log-day', { date, stationId: stations['Till 1'] });
    expect([onlyPc1.cashSales, onlyPc1.refunds, onlyPc1.totals.collectedMinor, onlyPc1.totals.refundedMinor]).toEqual([[], [], 2_500, 0]);
    const onlyCounter2 = await pc1.call('log-day', { date, counterId: card2.counterId });
    expect([onlyCounter2.cashSales.length, onlyCounter2.refunds.length, onlyCounter2.totals.collectedMinor]).toEqual([1, 1, 5_200]);
    const onlySucceeded = await pc1.call('log-day', { date, state: 'succeeded' });
    expect([onlySucceeded.cashSales, onlySucceeded.refunds, onlySucceeded.totals.collectedMinor, onlySucceeded.totals.refundedMinor]).toEqual([[], [], 6_500, 0]);
    const searched = await pc1.call('log-day', { date, search: bill.number });
    expect([searched.cashSales.map((x) => x.id), searched.refunds]).toEqual([[sale.id], []]);

    const csv = (await pc1.call('log-export-csv', { date })).csv.trim().split('\r\n').slice(1);
    // PC 2's cash sale names its cashier; the refund, made by the manager, names none. Another PC's
    // sale carries no tax columns here (its bill stays on that PC).
    expect(csv.filter((line) => /,(cash|refund),[^,]*,,,,[^,]*,Till 2$/.test(line)).map((line) => line.split(',').slice(-7))).toEqual([
      ['cash', '', '', '', '', 'Ravi', 'Till 2'],
      ['refund', expect.any(String), '', '', '', '', 'Till 2'],
    ]);

    // PC 2 closes the day: it is closed store-wide. PC 1's log shows it, and PC 1 adopts it: its own
    // records of the day can no longer change there too, and a new sale there belongs to the next business day.
    // Not while PC 1 still waits for Zoho on a payment of the day. The cashiers are the store's:
    // Ravi, added on PC 2, signs in at PC 1's counter (once PC 1's heartbeat has brought him).
    await eventually(async () => ((await pc1.raw('cashier-sign-in', { counterId: card1.counterId, cashierId: cashiers[0]?.id ?? '', pin: '2468' })).ok ? true : undefined), 5_000, 'Ravi signed in on PC 1');
    const live = await pc1.charge(300, { counter: 0 });
    await eventually(async () => ((await pc2.call('log-day', { date })).attempts.some((x) => x.id === live.id) ? true : undefined), 5_000, 'PC 1’s live payment in the store');
    const early = await pc2.raw('day-close', { managerToken: pc2.managerToken, date, closedBy: 'Asha' });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', field: 'date', message: `A payment or refund of ${formatDate(date)} at PC “Till 1” is still waiting for Zoho's answer. Close the day once it has one.` } });
    expect((await pc2.call('day-close-report', { date })).close).toBeNull();
    await pc1.control.pay(live.terminalId, { outcome: 'failed', failure_code: 'card_declined', method: 'card' });
    await pc1.waitFor(live.id, (x) => x.state === 'failed');
    await eventually(async () => ((await pc2.call('log-day', { date, state: 'failed' })).attempts.some((x) => x.id === live.id) ? true : undefined), 5_000, 'its answer in the store');
    const { close } = await pc2.call('day-close', { managerToken: pc2.managerToken, date, closedBy: 'Asha' });
    const closed = await eventually(async () => (await pc1.call('log-day', { date })).close ?? undefined, 5_000, 'PC 2’s close in PC 1’s log');
    expect(closed).toMatchObject({ day: date, closedBy: 'Asha', closedAt: close?.closedAt });
    const adopted = await eventually(async () => (await pc1.call('day-close-report', { date })).close ?? undefined, 5_000, 'PC 1 adopting the close');
    expect(adopted).toMatchObject({ day: date, closedBy: 'Asha', closedAt: close?.closedAt });
    const refused = await pc1.raw('invoice-void', { invoiceId: live.invoiceId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: `The books for ${formatDate(date)} were closed by Asha: nothing more can be recorded for that day.` } });
    const later = await pc1.call('invoice-create', { counterId: card1.counterId, lines: [{ description: 'Late sale', quantity: 1, unitPriceMinor: 100 }] });
    expect(later.createdAt).toBeGreaterThanOrEqual(close?.closedAt ?? Infinity);
  });

  it('a split sale’s cash part paid back in cash on one PC is in every PC’s log, totals and drawer', async () => {
    const pc1 = await firstPc({});
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    pc2.counters = await pc2.call('counters-list', {});
    const counterId = pc2.counters[1]?.id ?? '';
    const bill = await pc2.call('invoice-create', { counterId, lines: [{ description: 'Saree', quantity: 1, unitPriceMinor: 1_000 }] });
    await pc2.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: 400, amountMinor: 400 });
    const upi = await pc2.call('charge-create', { invoiceId: bill.id, counterId, method: 'upi' });
    await pc2.control.pay(upi.terminalId, { outcome: 'succeeded', method: 'upi' });
    await pc2.waitFor(upi.id, (x) => x.state === 'succeeded');
    const refund = await pc2.call('cash-refund', { managerToken: pc2.managerToken, invoiceId: bill.id, amountMinor: 150, reason: 'others', requestKey: randomUUID() });
    const date = localDate(Date.now());
    const till2 = (await pc1.call('store-status', {})).stations.find((s) => s.name === 'Till 2')?.id ?? '';

    const day = await eventually(async () => {
      const log = await pc1.call('log-day', { date });
      return log.cashRefunds.length === 1 ? log : undefined;
    }, 5_000, 'PC 2’s cash refund in PC 1’s log');
    expect(day.cashRefunds).toEqual([{ ...refund, stationId: till2 }]);
    expect(day.totals).toMatchObject({ collectedMinor: 1_000, refundedMinor: 150, netMinor: 850 });
    expect(day.totals.byCounter).toEqual([expect.objectContaining({ counterId, upiMinor: 600, cashMinor: 400, cashExpectedMinor: 250, refundedMinor: 150 })]);
  });

  it('a payment whose PC died, re-checked from another, reaches its PC’s ledger only when that PC’s own retrieve from Zoho agrees', async () => {
    const pc1 = await firstPc();
    await join(pc1, 'Till 1');
    const pc2 = await anotherPc(pc1);
    await join(pc2, 'Till 2');
    pc2.counters = await pc2.call('counters-list', {});
    const attempt = await pc2.charge(1_999, { counter: 2 });
    await eventually(async () => ((await pc1.call('log-day', { date: localDate(Date.now()) })).attempts.some((x) => x.id === attempt.id && x.state === 'in_progress') ? true : undefined), 5_000, 'the payment in the store');
    await pc2.stopBackend(); // PC 2 is gone
    await pc1.control.pay(attempt.terminalId, { outcome: 'succeeded', method: 'card' });

    // PC 1's re-check is a request to PC 2: the store's ledger does not move.
    const checked = await pc1.call('charge-recheck', { attemptId: attempt.id });
    expect(checked).toMatchObject({ id: attempt.id, state: 'in_progress' });
    const id = await storeId();
    const inStore = () => store.client.query<{ state: string; status: string }>('SELECT a.state, i.status FROM charge_attempts AS a JOIN invoices AS i ON i.store_id = a.store_id AND i.station_id = a.station_id AND i.id = a.invoice_id WHERE a.id = $1', [attempt.id]);
    expect((await inStore()).rows).toEqual([{ state: 'in_progress', status: 'open' }]);
    expect((await store.client.query('SELECT state, applied_at FROM settlements WHERE attempt_id = $1', [attempt.id])).rows).toEqual([{ state: 'succeeded', applied_at: null }]);

    // PC 2 comes back while Zoho does not answer it: the request alone records nothing.
    await pc1.control.faults({ scope: 'retrieve', error_rate: 1 });
    await pc2.boot();
    await eventually(async () => ((await store.client.query<{ applied_at: number | null }>('SELECT applied_at FROM settlements WHERE attempt_id = $1', [attempt.id])).rows[0]?.applied_at ? true : undefined), 10_000, 'the request answered');
    expect(pc2.attempt(attempt.id).state, 'PC 2 after answering the request while Zoho is down').toBe('in_progress');
    // Zoho answers PC 2: its own retrieve records the payment, and it ships as PC 2's change.
    await pc1.control.clearFaults();
    const settled = await pc2.waitFor(attempt.id, (x) => x.state === 'succeeded', 10_000);
    expect(settled.paymentId).toEqual(expect.any(String));
    const stationId = (await pc2.call('store-status', {})).stationId ?? '';
    await eventually(async () => {
      const stored = await storeLedgerRows(store.client, id);
      const mine = Object.fromEntries(Object.entries(stored).map(([t, rows]) => [t, rows.filter((r) => r.station_id === stationId)]));
      return JSON.stringify(mine) === JSON.stringify(pcLedgerRows(dbFile(pc2), stationId)) ? true : undefined;
    }, 10_000, 'PC 2’s ledger in the store');
    expect((await inStore()).rows).toEqual([{ state: 'succeeded', status: 'paid' }]);
  });

  it('a forged “succeeded” request for a payment Zoho says is in progress is logged and ignored by the PC that owns it', async () => {
    const pc1 = await firstPc();
    await join(pc1, 'Till 1');
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    pc1.retune({ log: { info: () => undefined, error: () => undefined, warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }) } });
    await pc1.restart();
    await eventually(async () => ((await pc1.call('store-status', {})).link === 'up' ? true : undefined), 10_000, 'the link up again');
    const attempt = await pc1.charge(2_500);
    const id = await storeId();
    const stationId = (await pc1.call('store-status', {})).stationId ?? '';
    await eventually(async () => ((await store.client.query('SELECT 1 FROM charge_attempts WHERE id = $1', [attempt.id])).rowCount ? true : undefined), 5_000, 'the payment in the store');
    await store.client.query(
      "INSERT INTO settlements (store_id, attempt_id, owner_station_id, settled_by_station_id, state, payment_id, at) VALUES ($1, $2, $3, $3, 'succeeded', 'P-forged', 0)",
      [id, attempt.id, stationId],
    );
    await eventually(async () => ((await store.client.query<{ applied_at: number | null }>('SELECT applied_at FROM settlements WHERE attempt_id = $1', [attempt.id])).rows[0]?.applied_at ? true : undefined), 10_000, 'the request answered');
    const here = await pc1.call('charge-recheck', { attemptId: attempt.id });
    expect(here).toMatchObject({ state: 'in_progress', paymentId: null });
    expect(warnings).toContainEqual({
      message: 're-check request not borne out by Zoho: ignored',
      fields: expect.objectContaining({ attemptId: attempt.id, claimedState: 'succeeded', stateHere: 'in_progress' }) as Record<string, unknown>,
    });
  });
});
