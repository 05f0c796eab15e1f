// Stopping (quitting; a mode switch stops a mode the same way) waits for every call to Zoho under
// way and never closes the database under one, however long the backend waits for other calls.
import { afterEach, expect, it } from 'vitest';
import { Rig } from '../testkit/rig';
import { sleep } from '../testkit/time';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

it('a session id that arrives while stopping is recorded: the create took a 401, a token refresh and a retry', async () => {
  // The backend waits only 50 ms for calls under way before it stops; calls to Zoho are waited for all the same.
  rig = await Rig.start({ counters: 2, tuning: { callDrainMs: 50 } });
  await rig.charge(100, { counter: 1 }); // the backend holds an access token
  rig.sim.expireAccessTokens(); // which Zoho now refuses: the next create gets a 401, a refresh and a retry
  await rig.control.faults({ scope: 'all', latency_ms: 400 });
  const before = rig.sim.requests().length;
  const charging = rig.charge(2_000);
  await sleep(150);
  const stopAsked = performance.now();
  await rig.stopBackend();
  const stopMs = performance.now() - stopAsked;

  const attempt = await charging;
  expect(attempt.state).toBe('in_progress');
  expect(attempt.paymentsSessionId).toMatch(/\S/);
  expect(rig.attempt(attempt.id)).toMatchObject({ state: 'in_progress', paymentsSessionId: attempt.paymentsSessionId });
  // The create, the refresh and the retry (400 ms each) all came in while stopping.
  expect(stopMs).toBeGreaterThan(800);
  const calls = rig.sim.requests().slice(before).filter((r) => r.method === 'POST');
  expect(calls.map((r) => `${r.method} ${r.path.includes('token') ? 'token' : 'payments'} ${r.status}`)).toEqual(['POST payments 401', 'POST token 200', 'POST payments 201']);
  // Started again, the payment is followed to its outcome.
  await rig.boot();
  await rig.control.clearFaults();
  await rig.control.pay('TRM001', { outcome: 'succeeded' });
  expect((await rig.waitFor(attempt.id, (a) => a.state !== 'in_progress')).state).toBe('succeeded');
});
