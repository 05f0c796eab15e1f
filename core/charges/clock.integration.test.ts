// The computer's clock set back or forward 10 minutes while payments are checked: polling goes on
// every interval, because every interval, deadline and budget runs on a monotonic clock. Only Date
// is faked here (timers run as usual), and the simulator keeps real time, as Zoho would.
import { afterEach, expect, it, vi } from 'vitest';
import { Rig } from '../../testkit/rig';
import { sleep } from '../../testkit/time';

let rig: Rig | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await rig?.close();
  rig = null;
});

const realNow = () => performance.timeOrigin + performance.now();

it('polling is unaffected by the wall clock set back 10 minutes, then forward 10 minutes past the real time', async () => {
  rig = await Rig.start({ counters: 1, simulator: { now: realNow } });
  const attempt = await rig.charge(7_700);
  const sessionId = attempt.paymentsSessionId ?? '';
  const pollsBetween = (from: number, to: number) => rig?.sim.requests().filter((r) => r.session_id === sessionId && r.time >= from && r.time < to) ?? [];
  await sleep(600);

  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.now() - 10 * 60_000);
  const backAt = realNow();
  await sleep(1_500);
  vi.setSystemTime(Date.now() + 20 * 60_000);
  const forwardAt = realNow();
  await sleep(1_500);
  const end = realNow();

  // Every 250 ms (the test interval) in both windows: about 6 each, never a gap of even a second.
  for (const [from, to] of [[backAt, forwardAt], [forwardAt, end]] as const) {
    const polls = pollsBetween(from, to);
    expect(polls.length, `polls from ${from} to ${to}`).toBeGreaterThanOrEqual(4);
    const gaps = polls.slice(1).map((p, i) => p.time - (polls[i]?.time ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(1_000);
  }
  // A session 10 minutes "older" by the wall clock is still in its first 3 minutes: it settles at once.
  await rig.control.pay('TRM001', { outcome: 'succeeded' });
  expect((await rig.waitFor(attempt.id, (a) => a.state !== 'in_progress', 3_000)).state).toBe('succeeded');
});
