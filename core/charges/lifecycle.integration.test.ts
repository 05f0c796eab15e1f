// The one lifecycle of what Counter makes at Zoho and follows (lifecycle.ts), exercised for both of
// its kinds, a charge and a refund, against the simulator over HTTP with a real SQLite file: a lost
// create answer is never sent again, not even after a restart; a restart mid-follow picks the
// record up and follows it to Zoho's word; Zoho's word after the day was closed becomes a correction
// on the next day and the record is asked about no more.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { nextDate } from '../../contract/calendar';
import type { ChargeAttempt, Refund } from '../../contract/records';
import { Rig } from '../../testkit/rig';
import { localDate, sleep } from '../../testkit/time';

type Followed = ChargeAttempt | Refund;

/** What a test needs to know of a kind: how to make one at Zoho, read it, and give Zoho's word on it. */
interface Kind {
  name: 'charge' | 'refund';
  /** The simulator's fault scope of its create. */
  createScope: 'create' | 'refund_create';
  make: (rig: Rig) => Promise<Followed>;
  /** Creates Zoho was asked for. */
  creates: (rig: Rig) => number;
  read: (rig: Rig, id: string) => Followed;
  waitFor: (rig: Rig, id: string, done: (record: Followed) => boolean) => Promise<Followed>;
  /** The states its trail went through, oldest first. */
  trail: (rig: Rig, record: Followed) => Promise<string[]>;
  /** Zoho's final word: the customer paid; the refund went through. */
  succeedAtZoho: (rig: Rig, record: Followed) => Promise<void>;
  /** The state it waits in for Zoho while its day can be closed (a charge's is handed to a person first). */
  closableState: string;
  recheck: (rig: Rig, record: Followed) => Promise<unknown>;
}

const charge: Kind = {
  name: 'charge',
  createScope: 'create',
  make: (rig) => rig.charge(2_500),
  creates: (rig) => rig.sim.stats().payments_requests.create,
  read: (rig, id) => rig.attempt(id),
  waitFor: (rig, id, done) => rig.waitFor(id, done),
  trail: async (rig, record) => (await rig.call('attempt-events', { attemptId: record.id })).map((event) => event.toState),
  succeedAtZoho: async (rig) => {
    await rig.control.pay(rig.counters[0]?.terminalId ?? '', { outcome: 'succeeded' });
  },
  closableState: 'unresolved',
  recheck: (rig, record) => rig.call('charge-recheck', { attemptId: record.id }),
};

const refund: Kind = {
  name: 'refund',
  createScope: 'refund_create',
  make: async (rig) => {
    const attempt = await rig.charge(4_000, { counter: 1 });
    await rig.control.pay(rig.counters[1]?.terminalId ?? '', { outcome: 'succeeded' });
    const paid = await rig.waitFor(attempt.id, (a) => a.state === 'succeeded');
    return rig.call('refund-create', { managerToken: rig.managerToken, attemptId: paid.id, amountMinor: 4_000, reason: 'others', requestKey: randomUUID() });
  },
  creates: (rig) => rig.sim.stats().refunds_requests.create,
  read: (rig, id) => rig.refund(id),
  waitFor: (rig, id, done) => rig.waitForRefund(id, done),
  trail: async (rig, record) => {
    const [history] = await rig.call('refund-list', { attemptId: (record as Refund).attemptId });
    return history?.events.map((event) => event.toState) ?? [];
  },
  succeedAtZoho: async (rig, record) => {
    rig.sim.setRefundStatus((record as Refund).zohoRefundId ?? '', { status: 'succeeded' });
  },
  closableState: 'initiated',
  recheck: (rig, record) => rig.call('refund-recheck', { refundId: record.id }),
};

/** Refunds stay initiated until a test says otherwise; a charge Zoho keeps open is handed to a person after ~1 s. */
const RIG = { simulator: { refundSettleSeconds: null }, tuning: { timing: { sessionValidityMs: 400, graceMs: 0, lateWindowMs: 400, lateIntervalMs: 200 } } };

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe.each([charge, refund])('the lifecycle of a $name', (kind) => {
  it('a lost create answer is recorded as unknown and never sent again, not even after a restart', async () => {
    rig = await Rig.start(RIG);
    // Only its own create loses its answer (a refund's payment is charged first, unharmed).
    await rig.control.faults({ scope: kind.createScope, drop_rate: 1, drop_after_processing: true, count: 1 });
    const lost = await kind.make(rig);
    expect(lost.state).toBe('unknown');
    expect((await kind.trail(rig, lost)).slice(0, 2)).toEqual(['creating', 'unknown']);
    expect(kind.creates(rig)).toBe(1);

    await rig.restart();
    await sleep(1_500);

    expect(kind.creates(rig)).toBe(1);
  });

  it('a restart while it is followed picks it up and follows it to Zoho’s word', async () => {
    rig = await Rig.start({ simulator: RIG.simulator });
    const made = await kind.make(rig);
    expect(['in_progress', 'initiated']).toContain(made.state);

    await rig.stopBackend();
    await kind.succeedAtZoho(rig, made);
    await rig.restart();

    const settled = await kind.waitFor(rig, made.id, (record) => record.state === 'succeeded');
    expect(settled.state).toBe('succeeded');
    expect(kind.creates(rig)).toBe(1);
    expect((await kind.trail(rig, made)).at(-1)).toBe('succeeded');
  });

  it('Zoho’s word after its day was closed is a correction on the next day, and it is asked about no more', async () => {
    rig = await Rig.start(RIG);
    const today = localDate(Date.now());
    const made = await kind.make(rig);
    const waiting = await kind.waitFor(rig, made.id, (record) => record.state === kind.closableState);
    await rig.call('day-close', { managerToken: rig.managerToken, date: today, closedBy: 'Asha', closeAnyway: true });
    const eventsBefore = rig.events.length;

    await kind.succeedAtZoho(rig, waiting);
    await kind.recheck(rig, waiting);

    expect(kind.read(rig, made.id).state).toBe(kind.closableState);
    const next = await rig.call('log-day', { date: nextDate(today) });
    expect(next.corrections.map((c) => [c.recordKind, c.recordId, c.closedDay, c.toState])).toEqual([[kind.name, made.id, today, 'succeeded']]);
    expect(rig.events.slice(eventsBefore)).toContainEqual({ type: 'ledger-changed' });
    const checks = rig.sim.stats();
    await kind.recheck(rig, waiting);
    await sleep(300);
    expect(rig.sim.stats()).toEqual(checks);
    expect(next.corrections).toHaveLength(1);
  });
});
