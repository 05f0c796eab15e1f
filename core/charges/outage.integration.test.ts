// No answer is not "no final status": when Zoho cannot be reached for the whole late-check window,
// payments go on being checked, ever more seldom, until Zoho answers, and then settle by
// themselves. Timings are scaled down: the session's validity, grace and late window take 1.6 s
// here (18.5 minutes in the app), and the outage lasts 4 s, more than twice that (as a 20-minute
// outage outlasts the app's 18.5 minutes).
import { afterEach, expect, it } from 'vitest';
import { Rig } from '../../testkit/rig';
import { sleep } from '../../testkit/time';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const TIMING = { sessionValidityMs: 600, graceMs: 200, lateIntervalMs: 200, lateWindowMs: 800, outageIntervalMs: 600 };
const OUTAGE_MS = 4_000;

it('payments made during an outage longer than the late window all settle by themselves once Zoho answers again', async () => {
  rig = await Rig.start({ counters: 3, tuning: { timing: TIMING } });
  const [paid, declined, walkedAway] = await Promise.all([rig.charge(10_000, { counter: 0 }), rig.charge(20_000, { counter: 1 }), rig.charge(30_000, { counter: 2 })]);
  // Zoho out of reach: half the calls answer 503, half are cut off. The customers act meanwhile.
  const outageFrom = Date.now();
  await rig.control.faults({ scope: 'payments', error_rate: 0.5, error_status: 503, drop_rate: 0.5, duration_ms: OUTAGE_MS });
  await rig.control.pay('TRM001', { outcome: 'succeeded' });
  await rig.control.pay('TRM002', { outcome: 'failed', failure_code: 'insufficient_funds' });
  rig.sim.expireSession(walkedAway.paymentsSessionId ?? '');
  await sleep(OUTAGE_MS - 500);

  // Long past the late window, Zoho has said nothing: still being checked, not handed to a person.
  for (const attempt of [paid, declined, walkedAway]) expect(rig.attempt(attempt.id).state).toBe('in_progress');
  expect(await rig.call('connection-status', {})).toMatchObject({ degraded: true, trouble: 'unreachable' });
  // Ever more seldom: by the end of the outage, checks of a session are outageIntervalMs apart.
  const polls = rig.sim.requests().filter((r) => r.session_id === paid.paymentsSessionId && r.time >= outageFrom);
  const gaps = polls.slice(1).map((p, i) => p.time - (polls[i]?.time ?? 0));
  expect(gaps.at(-1)).toBeGreaterThanOrEqual(TIMING.outageIntervalMs - 50);
  expect(polls.length).toBeLessThan(OUTAGE_MS / TIMING.lateIntervalMs);

  const r = rig;
  const settled = await Promise.all([paid, declined, walkedAway].map((a) => r.waitFor(a.id, (now) => now.state !== 'in_progress', 5_000)));
  expect(settled.map((a) => [a.state, a.failureCode])).toEqual([
    ['succeeded', null],
    ['failed', 'insufficient_funds'],
    ['failed', 'session_expired'],
  ]);
  expect((await rig.call('connection-status', {})).degraded).toBe(false);
});
