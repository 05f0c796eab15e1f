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
import { goal, ms, ratio, spread, verdicts, type BenchResult, type Spread } from './lib';

const INTERVAL_MS = 5_000;

interface Sample {
  /** pay → final state seen (event, or PAID on screen). */
  detectionMs: number;
  /** On screen: the final event leaving the host (read from its event stream) → PAID painted. */
  eventToPaintMs?: number;
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

function summarise(name: string, samples: Sample[], extraGoals: 'core' | 'screen', frameDelay?: Spread): BenchResult {
  const detection = spread(samples.map((s) => s.detectionMs), 1);
  const overhead = spread(samples.map((s) => s.overheadMs), 1);
  const lateness = spread(samples.map((s) => s.latenessMs), 1);
  const onScreen = spread(samples.flatMap((s) => (s.eventToPaintMs === undefined ? [] : [s.eventToPaintMs])), 1);
  const goals =
    extraGoals === 'core'
      ? [
          goal('overhead p99', '< 50 ms', ms(overhead.p99), overhead.p99 < 50),
          goal('detection max', `≤ interval + 200 ms (${INTERVAL_MS + 200} ms)`, ms(detection.max), detection.max <= INTERVAL_MS + 200),
        ]
      : [
          goal('screen samples', '≥ 100', String(samples.length), samples.length >= 100),
          goal('on screen (event leaves the core → PAID painted) p99', '≤ 50 ms', ms(onScreen.p99), onScreen.p99 <= 50),
          goal('screen detection max', `≤ interval + 200 ms (${INTERVAL_MS + 200} ms)`, ms(detection.max), detection.max <= INTERVAL_MS + 200),
        ];
  const screenPart =
    extraGoals === 'screen' && frameDelay
      ? `; of which on screen (event → PAID painted) p50 ${ms(onScreen.p50)} / p99 ${ms(onScreen.p99)} / max ${ms(onScreen.max)} = ${ratio(onScreen.p50, frameDelay.p50)}×/${ratio(onScreen.p99, frameDelay.p99)}× ` +
        `the wait for the next animation frame in the same pages (p50 ${ms(frameDelay.p50)} / p99 ${ms(frameDelay.p99)}, ${frameDelay.n} probes)`
      : '';
  const line =
    `${samples.length} payments at ${INTERVAL_MS / 1000} s polling: detection p50 ${ms(detection.p50, 0)} / p99 ${ms(detection.p99, 0)} / max ${ms(detection.max, 0)}; ` +
    `overhead on top of the next poll p50 ${ms(overhead.p50)} / p99 ${ms(overhead.p99)} / max ${ms(overhead.max)} (poll lateness p99 ${ms(lateness.p99)})${screenPart} — ${verdicts(goals)}`;
  const figures = { intervalMs: INTERVAL_MS, detectionMs: detection, overheadMs: overhead, pollLatenessMs: lateness, ...(extraGoals === 'screen' ? { eventToPaintMs: onScreen, frameDelayMs: frameDelay } : {}), samples };
  return { name, line, goals, figures };
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
 * change, so close to when it is painted. `window.paidSeen` resolves with that time, so the bench
 * waits for it without polling the page (Playwright's waitFor queries the DOM at every frame, work
 * the measured page would otherwise do in the very window measured). (Page-side code as text: this
 * file has no DOM types.)
 */
const WATCH_FOR_PAID = `(() => {
  window.paidSeen = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const heading = document.querySelector('#pay-status-heading');
      if (!heading || !heading.textContent.includes('PAID')) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
})()`;

async function watchForPaid(page: Page): Promise<void> {
  await page.evaluate(WATCH_FOR_PAID);
}

/** When PAID was painted, waiting at most `timeoutMs` from now. */
async function paidPaintedAt(page: Page, timeoutMs: number): Promise<number> {
  const late = `new Promise((_, reject) => setTimeout(() => reject(new Error('PAID did not appear in ${timeoutMs} ms')), ${timeoutMs}))`;
  return Number(await page.evaluate(`Promise.race([window.paidSeen, ${late}])`));
}

/**
 * The floor under the on-screen part, in the same pages and the same run: four times a second, how
 * long until the next animation frame (a busy machine delays frames whatever the page does).
 */
const PROBE_FRAMES = `(() => {
  window.frameDelays = [];
  setInterval(() => {
    const asked = performance.now();
    requestAnimationFrame(() => window.frameDelays.push(performance.now() - asked));
  }, 250);
})()`;

/**
 * Reads the host's event stream as the screens do (GET /api/events) and notes when each session's
 * final charge-updated arrives: on 127.0.0.1, within a fraction of a millisecond of leaving the core.
 */
function watchFinalEvents(origin: string, token: string): { finalAt: Map<string, number>; close: () => void } {
  const finalAt = new Map<string, number>();
  const aborter = new AbortController();
  void (async () => {
    const response = await fetch(`${origin}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: aborter.signal });
    if (!response.body) throw new Error('the event stream has no body');
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body) {
      const at = performance.timeOrigin + performance.now();
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      const messages = buffered.split('\n\n');
      buffered = messages.pop() ?? '';
      for (const message of messages) {
        if (!message.startsWith('data: ')) continue;
        const event = JSON.parse(message.slice('data: '.length)) as BillingEvent;
        const session = event.type === 'charge-updated' && event.attempt.state === 'succeeded' ? event.attempt.paymentsSessionId : null;
        if (session && !finalAt.has(session)) finalAt.set(session, at);
      }
    }
  })().catch((error: unknown) => {
    if (!aborter.signal.aborted) throw error;
  });
  return { finalAt, close: () => aborter.abort() };
}

/** On screen: Chromium on the cashier's screen of a live browser host process; pay → PAID appears. */
export async function screenDetectionBench(): Promise<BenchResult> {
  // One cashier's screen, as on a counter's PC, 100 payments so that the p99 means something (about
  // 16 minutes). BENCH_SCREEN_PAGES=6 BENCH_SCREEN_ROUNDS=18: six screens at once on this machine's
  // cores, a stress run (about 4 minutes).
  const PAGES = Number(process.env.BENCH_SCREEN_PAGES ?? 1);
  const ROUNDS = Number(process.env.BENCH_SCREEN_ROUNDS ?? 100);
  const setup = await LiveHost.start();
  const { sim } = setup;
  const samples: Sample[] = [];
  const frameDelays: number[] = [];
  try {
    const live = await setup.startHost();
    const { managerToken } = await live.ok('manager-unlock', { pin: TEST_PIN });
    const counters = [];
    for (let i = 0; i < PAGES; i += 1) {
      const terminalId = await sim.addTerminal(`SCR${i + 1}`);
      counters.push(await live.ok('counter-create', { managerToken, name: `Till ${i + 1}`, terminalId, invoicePrefix: `P${i + 1}-` }));
    }
    const events = watchFinalEvents(live.origin, live.token);
    const browser = await setup.launchBrowser();
    // The screens open one after another (six pages loading at once on a busy 2-core machine can take minutes), then take payments together.
    const pages: Page[] = [];
    for (const counter of counters) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(live.url, { timeout: 120_000 });
      await page.getByRole('button', { name: new RegExp(`^${counter.name}\\b`) }).click();
      await page.evaluate(PROBE_FRAMES);
      pages.push(page);
    }
    await Promise.all(
      counters.map(async (counter, i) => {
        const page = pages[i];
        if (!page) throw new Error('no page');
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
          const paidAt = await paidPaintedAt(page, 3 * INTERVAL_MS);
          const one = sample(pollsOf(sim, session), payStart, payEnd, paidAt);
          const eventAt = events.finalAt.get(session);
          if (one) samples.push({ ...one, ...(eventAt === undefined ? {} : { eventToPaintMs: paidAt - eventAt }) });
          await page.getByRole('button', { name: 'New sale' }).click();
        }
        frameDelays.push(...(await page.evaluate<number[]>('window.frameDelays')));
        await page.context().close();
      }),
    );
    events.close();
  } finally {
    await setup.close();
  }
  return summarise('detection-screen', samples, 'screen', spread(frameDelays, 1));
}
