// A charge whose answer was lost holds its terminal and its invoice until a session it may have made
// has surely expired: against the simulator over real HTTP, with real SQLite files.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChargeAttempt } from '../../contract/records';
import { Rig } from '../../testkit/rig';
import { sleep } from '../../testkit/time';

let rig: Rig | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await rig?.close();
  rig = null;
});

/** A hold of 1.5 s: the session's validity (1 s) plus grace (0.5 s), as the tuning makes them. */
const SHORT_HOLD = { timing: { sessionValidityMs: 1_000, graceMs: 500 } };
const HOLD_MS = 1_500;

/** The clock the simulator keeps when a test sets the computer's clock: unaffected by a faked Date. */
const realNow = () => performance.timeOrigin + performance.now();

async function loseCharge(r: Rig, amountMinor = 2_500): Promise<ChargeAttempt> {
  await r.control.faults({ scope: 'create', drop_rate: 1, drop_after_processing: true, count: 1 });
  const lost = await r.charge(amountMinor);
  if (lost.state !== 'unknown') throw new Error(`expected a lost answer, got ${lost.state}`);
  return lost;
}

/** Charges a new invoice on counter 0: the terminal is free only when this is not refused. */
async function chargeNextSale(r: Rig) {
  const counter = r.counters[0];
  const invoice = await r.call('invoice-create', { counterId: counter?.id, lines: [{ description: 'Next sale', quantity: 1, unitPriceMinor: 900 }] });
  return r.raw('charge-create', { invoiceId: invoice.id, counterId: counter?.id, method: 'card' });
}

/** The terminal really is free at Zoho: the lost session ends there (the customer walked away). */
async function expireLostSession(r: Rig): Promise<void> {
  for (const session of r.sim.sessions()) if (session.session_status === 'in_progress') r.sim.expireSession(session.payments_session_id);
}

describe('a hold', () => {
  it('ends by itself once the lost session has surely expired, on a monotonic clock: the wall clock set forward changes nothing', async () => {
    rig = await Rig.start({ counters: 1, simulator: { now: realNow }, tuning: SHORT_HOLD });
    const lost = await loseCharge(rig);
    const heldAt = performance.now();
    // Only Date is faked, timers run as usual: the computer's clock jumps 10 minutes ahead.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    const refused = await chargeNextSale(rig);
    expect(refused.ok || refused.error.field).toBe('terminalId');
    await expireLostSession(rig);

    const ended = await rig.waitFor(lost.id, (a) => a.hold?.endedAt !== null, 5_000);
    expect(performance.now() - heldAt).toBeGreaterThanOrEqual(HOLD_MS - 100);
    expect(ended.state).toBe('unknown');
    const trail = await rig.call('attempt-events', { attemptId: lost.id });
    expect(trail.at(-1)).toMatchObject({ fromState: 'unknown', toState: 'unknown', actor: 'hold-timer', reason: expect.stringMatching(/surely expired/) as string });
    expect(rig.events).toContainEqual(expect.objectContaining({ type: 'charge-updated', attempt: ended }));
    const next = await chargeNextSale(rig);
    expect(next.ok && next.value.state).toBe('in_progress');
  });

  it('still running at a restart starts over for its whole duration: Counter cannot tell how long it was stopped', async () => {
    rig = await Rig.start({ counters: 1, tuning: SHORT_HOLD });
    const lost = await loseCharge(rig);
    await sleep(800); // halfway through the hold
    const restartedAt = performance.now();
    await rig.restart();
    const restarted = rig.attempt(lost.id);
    expect(restarted.hold?.endedAt).toBeNull();
    expect(restarted.hold?.until).toBeGreaterThan((lost.hold?.until ?? 0));
    const trail = await rig.call('attempt-events', { attemptId: lost.id });
    expect(trail.at(-1)).toMatchObject({ actor: 'startup', reason: expect.stringMatching(/cannot tell how long it was stopped/) as string });
    expect((await chargeNextSale(rig)).ok).toBe(false);

    await rig.waitFor(lost.id, (a) => a.hold?.endedAt !== null, 5_000);
    expect(performance.now() - restartedAt).toBeGreaterThanOrEqual(HOLD_MS - 100);
  });
});

describe('a manager releases a hold', () => {
  it('after checking the terminal: manager only, recorded with who and why, and the terminal is free at once', async () => {
    rig = await Rig.start({ counters: 1 });
    const lost = await loseCharge(rig);
    const note = 'Terminal TRM001 shows no pending payment';
    const locked = await rig.raw('attempt-release-hold', { managerToken: 'not-a-token', attemptId: lost.id, note });
    expect(locked.ok || locked.error.code).toBe('locked');
    await expireLostSession(rig);

    const released = await rig.call('attempt-release-hold', { managerToken: rig.managerToken, attemptId: lost.id, note });
    expect(released).toMatchObject({ id: lost.id, state: 'unknown', hold: { until: lost.hold?.until, endedAt: expect.any(Number) as number }, review: null });
    const trail = await rig.call('attempt-events', { attemptId: lost.id });
    expect(trail.at(-1)).toMatchObject({ actor: 'manager', reason: `Hold released after checking the terminal: ${note}` });
    const next = await chargeNextSale(rig);
    if (!next.ok) throw new Error(next.error.message);
    // Released once: again changes nothing; a payment that never held anything cannot be released.
    expect(await rig.call('attempt-release-hold', { managerToken: rig.managerToken, attemptId: lost.id, note: 'again' })).toEqual(released);
    const other = await rig.raw('attempt-release-hold', { managerToken: rig.managerToken, attemptId: next.value.id, note });
    expect(other.ok || other.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/does not hold its terminal/) as string });
  });
});
