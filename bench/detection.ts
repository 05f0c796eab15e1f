// Detection latency: from the terminal's outcome (the simulator's control `pay`) to the final state
// in the core (its `charge-updated` event) and on the screen (PAID in Chromium, through the browser
// host). A payment is seen at the first poll after it, so the app's own overhead is the detection
// time minus the wait for that poll: overhead = detection − (next scheduled poll − pay), where the
// next scheduled poll is the previous poll's arrival + the interval (the poller schedules from the
// start of its last check). It holds the poller's lateness, the HTTP round trip, parsing, the SQLite
// write (synchronous=FULL) and the event, and on screen also the event stream and React's render.
import type { Page } from '@playwright/test';
import type { BillingEvent } from '../contract/events';
import type { RunningSimulator } from '../simulator/index';
import { LiveHost } from '../testkit/live-host';
import { TEST_PIN } from '../testkit/manager-pin';
import { Rig } from '../testkit/rig';
import { sleep } from '../testkit/time';
import { goal, ms, spread, verdicts, type BenchResult } from './lib';

const INTERVAL_MS = 5_000;

interface Sample {
  /** pay → final state seen (event, or PAID on screen). */
  detectionMs: number;
  /** pay → the next scheduled poll. */
  waitMs: number;
  overheadMs: number;
  /** The poll's arrival at Zoho minus when it was scheduled. */
  latenessMs: number;
}

/** Poll arrivals (simulator clock = Date.now) for one session. */
function pollsOf(sim: RunningSimulator, sessionId: string): number[] {
  return sim
    .requests()
    .filter((entry) => entry.method === 'GET' && entry.session_id === sessionId)
    .map((entry) => entry.time);
}

/** Works out one sample from the poll arrivals around the pay, or null when a poll raced the pay. */
function sample(polls: readonly number[], payStart: number, payEnd: number, seenAt: number): Sample | null {
  const before = polls.filter((t) => t < payStart);
  const after = polls.filter((t) => t > payEnd);
  const previous = before.at(-1);
  const next = after[0];
  // A poll that arrived while the pay was under way may or may not have seen it: skip the sample.
  if (previous === undefined || next === undefined || polls.some((t) => t >= payStart && t <= payEnd)) return null;
  const scheduled = Math.max(previous + INTERVAL_MS, payEnd);
  return { detectionMs: seenAt - payEnd, waitMs: scheduled - payEnd, overheadMs: seenAt - scheduled, latenessMs: next - (previous + INTERVAL_MS) };
}

function summarise(name: string, samples: Sample[], extraGoals: 'core' | 'screen'): BenchResult {
  const detection = spread(samples.map((s) => s.detectionMs), 1);
  const overhead = spread(samples.map((s) => s.overheadMs), 1);
  const lateness = spread(samples.map((s) => s.latenessMs), 1);
  const goals =
    extraGoals === 'core'
      ? [
          goal('overhead p99', '< 50 ms', ms(overhead.p99), overhead.p99 < 50),
          goal('detection max', `≤ interval + 200 ms (${INTERVAL_MS + 200} ms)`, ms(detection.max), detection.max <= INTERVAL_MS + 200),
        ]
      : [goal('screen detection max', `≤ interval + 200 ms (${INTERVAL_MS + 200} ms)`, ms(detection.max), detection.max <= INTERVAL_MS + 200)];
  const line =
    `${samples.length} payments at ${INTERVAL_MS / 1000} s polling: detection p50 ${ms(detection.p50, 0)} / p99 ${ms(detection.p99, 0)} / max ${ms(detection.max, 0)}; ` +
    `overhead on top of the next poll p50 ${ms(overhead.p50)} / p99 ${ms(overhead.p99)} / max ${ms(overhead.max)} (poll lateness p99 ${ms(lateness.p99)}) — ${verdicts(goals)}`;
  return { name, line, goals, figures: { intervalMs: INTERVAL_MS, detectionMs: detection, overheadMs: overhead, pollLatenessMs: lateness, samples } };
}

/** In the core: a live backend (real HTTP, real SQLite file), payments on 10 counters at once. */
export async function detectionBench(): Promise<BenchResult> {
  const COUNTERS = 10;
  const ROUNDS = Number(process.env.BENCH_DETECTION_ROUNDS ?? 15);
  const rig = await Rig.start({ counters: COUNTERS, tuning: { pollIntervalMs: undefined } });
  const samples: Sample[] = [];
  const finalAt = new Map<string, number>();
  const unsubscribe = rig.backend.subscribe((event: BillingEvent) => {
    if (event.type === 'charge-updated' && (event.attempt.state === 'succeeded' || event.attempt.state === 'failed') && !finalAt.has(event.attempt.id)) {
      finalAt.set(event.attempt.id, performance.timeOrigin + performance.now());
    }
  });
  try {
    await Promise.all(
      Array.from({ length: COUNTERS }, async (_, c) => {
        for (let round = 0; round < ROUNDS; round += 1) {
          const attempt = await rig.charge(10_000 + round, { counter: c });
          const terminal = attempt.terminalId;
          rig.sim.fetchOnTerminal(terminal);
          // Pay at a random moment of a poll interval, after the first poll.
          await sleep(INTERVAL_MS + 300 + Math.random() * INTERVAL_MS);
          const payStart = performance.timeOrigin + performance.now();
          rig.sim.pay(terminal, { outcome: 'succeeded' });
          const payEnd = performance.timeOrigin + performance.now();
          await rig.waitFor(attempt.id, (a) => a.state === 'succeeded', 2 * INTERVAL_MS + 2_000);
          const seenAt = finalAt.get(attempt.id);
          const one = seenAt === undefined ? null : sample(pollsOf(rig.sim, attempt.paymentsSessionId ?? ''), payStart, payEnd, seenAt);
          if (one) samples.push(one);
        }
      }),
    );
  } finally {
    unsubscribe();
    await rig.close();
  }
  return summarise('detection', samples, 'core');
}

/**
 * Records, in the page, when the payment status first reads PAID: in the animation frame after the
 * change, so close to when it is painted. (Page-side code as text: this file has no DOM types.)
 */
const WATCH_FOR_PAID = `(() => {
  window.paidAt = null;
  const check = () => {
    if (window.paidAt !== null) return;
    const heading = document.querySelector('#pay-status-heading');
    if (heading && heading.textContent.includes('PAID')) {
      requestAnimationFrame(() => { if (window.paidAt === null) window.paidAt = performance.timeOrigin + performance.now(); });
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

async function watchForPaid(page: Page): Promise<void> {
  await page.evaluate(WATCH_FOR_PAID);
}

/** On screen: Chromium on the cashier's screen of a live browser host process; pay → PAID appears. */
export async function screenDetectionBench(): Promise<BenchResult> {
  const PAGES = 3;
  const ROUNDS = Number(process.env.BENCH_SCREEN_ROUNDS ?? 7);
  const setup = await LiveHost.start();
  const { sim } = setup;
  const samples: Sample[] = [];
  try {
    const live = await setup.startHost();
    const { managerToken } = await live.ok('manager-unlock', { pin: TEST_PIN });
    const counters = [];
    for (let i = 0; i < PAGES; i += 1) {
      const terminalId = await sim.addTerminal(`SCR${i + 1}`);
      counters.push(await live.ok('counter-create', { managerToken, name: `Till ${i + 1}`, terminalId, invoicePrefix: `P${i + 1}-` }));
    }
    const browser = await setup.launchBrowser();
    await Promise.all(
      counters.map(async (counter, i) => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await context.newPage();
        await page.goto(live.url);
        await page.getByRole('button', { name: new RegExp(`^${counter.name}\\b`) }).click();
        for (let round = 0; round < ROUNDS; round += 1) {
          await page.getByRole('heading', { name: 'New sale' }).waitFor();
          await page.getByLabel('Item 1 description').fill('Groceries');
          await page.getByLabel('Item 1 quantity').fill('1');
          await page.getByLabel('Item 1 unit price').fill(String(100 + i * 10 + round));
          await page.getByRole('button', { name: /^Charge\b/ }).click();
          await page.locator('#pay-status-heading').filter({ hasText: 'Waiting for payment' }).waitFor();
          await watchForPaid(page);
          const session = sim.terminals().find((t) => t.terminal_id === counter.terminalId)?.active_session_id;
          if (!session) throw new Error(`no session on ${counter.terminalId}`);
          sim.fetchOnTerminal(counter.terminalId);
          await sleep(INTERVAL_MS + 300 + Math.random() * INTERVAL_MS);
          const payStart = performance.timeOrigin + performance.now();
          sim.pay(counter.terminalId, { outcome: 'succeeded' });
          const payEnd = performance.timeOrigin + performance.now();
          await page.locator('#pay-status-heading').filter({ hasText: 'PAID' }).waitFor({ timeout: 3 * INTERVAL_MS });
          const paidAt = Number(await (await page.waitForFunction('window.paidAt')).jsonValue());
          const one = sample(pollsOf(sim, session), payStart, payEnd, paidAt);
          if (one) samples.push(one);
          await page.getByRole('button', { name: 'New sale' }).click();
        }
        await context.close();
      }),
    );
  } finally {
    await setup.close();
  }
  return summarise('detection-screen', samples, 'screen');
}
