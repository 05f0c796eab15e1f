// Crash cycles: the browser host (a real process, live mode, real SQLite file) charges on several
// counters at once and is killed with SIGKILL at a chosen point of one payment, while the others are
// wherever they happen to be; customers act on the terminals while it is down; it is started again
// on the same data and must recover every payment. A proxy between the host and the simulator
// (tap-proxy.ts) shows each exchange as it passes, which is how the kill lands at an exact point.
// After every cycle, and at the end, the books are audited against the simulator's sessions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ChargeAttempt, Counter } from '../contract/records';
import { startSimulator, type RunningSimulator } from '../simulator/index';
import { HostProcess, prepareLiveDataDir } from '../testkit/host-process';
import { TEST_PIN } from '../testkit/manager-pin';
import { buildRenderer, rendererBuilt } from '../testkit/repo';
import { SimControl } from '../testkit/sim-control';
import { sleep } from '../testkit/time';
import { auditLedger, liveAttemptCount, type LedgerReport, type SimSession } from './ledger';
import { TapProxy, type Answered, type Exchange } from './tap-proxy';

export const KILL_POINTS = ['before-create', 'in-create', 'after-create', 'mid-poll', 'final-write'] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

/**
 * Where each charge of a cycle was when the host died, as seen on the wire: not-sent (its create never
 * reached Zoho: not yet written, written as creating, or held back by the kill), create-unanswered
 * (Zoho got the create; its answer was lost), created (the answer reached the host), polling (a
 * retrieve was under way or done), final-answer-delivered (Zoho's final answer reached the host, and
 * the host died before its write was committed), settled (…after it was committed).
 */
export type Phase = 'not-sent' | 'create-unanswered' | 'created' | 'polling' | 'final-answer-delivered' | 'settled';

export interface CrashCyclesOptions {
  /** Stop once this many charges were sent. */
  charges: number;
  /** At most this many cycles (default 1,000). */
  maxCycles?: number;
  /** Counters charging in every cycle (one of them is the target of the kill). */
  counters: number;
  /** The kill point of each cycle, in turn (default: every point, shuffled, round after round). */
  points?: readonly KillPoint[];
  random?: () => number;
  /** Called after every cycle (progress for long runs). */
  onCycle?: (summary: string) => void;
}

export interface CrashCyclesReport {
  charges: number;
  cycles: number;
  /** Cycles by the point the kill was aimed at; 'fallback' when that point never came. */
  kills: Record<string, number>;
  /** Charges by where they were at the kill. */
  phases: Record<string, number>;
  /** Spawn → first stdout line of every start, ms. */
  readyMs: number[];
  /** Restart → no payment left live (every resumed payment settled), ms. */
  recoveryMs: number[];
  ledger: LedgerReport;
  problems: string[];
}

interface ChargePlan {
  counterIndex: number;
  /** Sent to the host in this cycle. */
  posted?: boolean;
  invoiceId: string;
  invoiceNumber: string;
  confirmChecked: boolean;
}

interface Seen {
  createSent: boolean;
  createAnswered: boolean;
  sessionId: string | null;
  polled: boolean;
  finalDelivered: boolean;
}

const OUTCOMES = [
  { outcome: 'succeeded' },
  { outcome: 'succeeded' },
  { outcome: 'succeeded' },
  { outcome: 'failed', failure_code: 'insufficient_funds' },
  { outcome: 'failed', failure_code: 'card_declined' },
] as const;

export async function runCrashCycles(options: CrashCyclesOptions): Promise<CrashCyclesReport> {
  const random = options.random ?? Math.random;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  if (!rendererBuilt()) await buildRenderer();

  const sim: RunningSimulator = await startSimulator();
  const control = new SimControl(sim.url);
  const proxy = await TapProxy.start(sim.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-crash-'));
  const report: CrashCyclesReport = { charges: 0, cycles: 0, kills: {}, phases: {}, readyMs: [], recoveryMs: [], ledger: emptyLedger(), problems: [] };
  const bump = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
  let host: HostProcess | null = null;

  try {
    const { fixture } = sim;
    await prepareLiveDataDir(dataDir, fixture);
    const start = async (): Promise<HostProcess> => {
      const started = await HostProcess.start({ dataDir, paymentsUrl: proxy.url, accountsUrl: sim.url });
      report.readyMs.push(started.readyMs);
      return started;
    };
    host = await start();
    const { managerToken } = await host.ok('manager-unlock', { pin: TEST_PIN });
    const counters: Counter[] = [];
    for (let i = 0; i < options.counters; i += 1) {
      const terminalId = await sim.addTerminal(`CRT${String(i + 1).padStart(3, '0')}`);
      counters.push(await host.ok('counter-create', { managerToken, name: `Till ${i + 1}`, terminalId, invoicePrefix: `T${i + 1}-` }));
    }
    const dbFile = join(dataDir, 'counter.db');
    const next: (ChargePlan | null)[] = counters.map(() => null);
    let order: KillPoint[] = [];

    for (let cycle = 0; report.charges < options.charges && cycle < (options.maxCycles ?? 1_000); cycle += 1) {
      const live = host;
      if (order.length === 0) order = options.points ? [...options.points] : shuffle([...KILL_POINTS], random);
      const point = order.shift() ?? 'mid-poll';
      const target = Math.floor(random() * counters.length);

      // Bill: a new invoice, or the one a previous cycle left unpaid.
      const plans: ChargePlan[] = [];
      for (let i = 0; i < counters.length; i += 1) {
        const counter = counters[i];
        if (!counter) continue;
        let plan = next[i] ?? null;
        if (!plan) {
          const invoice = await live.ok('invoice-create', { counterId: counter.id, lines: [{ description: 'Item', quantity: 1 + Math.floor(random() * 3), unitPriceMinor: 1_000 + Math.floor(random() * 500_000) }] });
          plan = { counterIndex: i, invoiceId: invoice.id, invoiceNumber: invoice.number, confirmChecked: false };
        }
        plans.push({ ...plan, posted: false });
      }

      // Watch the wire, and kill at the chosen point of the target's payment.
      const seen = new Map<string, Seen>(plans.map((p) => [p.invoiceNumber, { createSent: false, createAnswered: false, sessionId: null, polled: false, finalDelivered: false }]));
      const bySession = new Map<string, string>();
      const targetNumber = plans[target]?.invoiceNumber ?? '';
      let killed = false;
      let paidTarget = false;
      let killedAs: string = point;
      let onKilled: () => void = () => undefined;
      const whenKilled = new Promise<void>((resolve) => (onKilled = resolve));
      const kill = (as: string) => {
        if (killed) return;
        killed = true;
        killedAs = as;
        try {
          process.kill(-live.pid, 'SIGKILL');
        } catch {
          // gone already
        }
        onKilled();
      };
      // At once (the host is reading the answer) or within 3 ms (parsing it, writing it to SQLite).
      const killSoon = (as: string) => (random() < 0.5 ? kill(as) : setTimeout(() => kill(as), Math.floor(random() * 4)));
      proxy.hooks = {
        onRequest: (exchange: Exchange) => {
          if (killed) return 'drop';
          if (exchange.kind === 'create') {
            const number = invoiceNumberOf(exchange.requestBody);
            const entry = number === null ? undefined : seen.get(number);
            if (entry) entry.createSent = true;
            if (number === targetNumber && point === 'before-create') {
              kill(point);
              return 'drop';
            }
            // Forwarded after the kill: Zoho creates the session; its answer has nobody to go to.
            if (number === targetNumber && point === 'in-create') kill(point);
          }
          if (exchange.kind === 'retrieve' && exchange.sessionId) {
            const number = bySession.get(exchange.sessionId);
            const entry = number === undefined ? undefined : seen.get(number);
            if (entry) entry.polled = true;
            if (number === targetNumber && point === 'mid-poll' && paidTarget) {
              kill(point);
              return random() < 0.5 ? 'drop' : 'forward';
            }
          }
          return 'forward';
        },
        onAnswered: (answered: Answered) => {
          if (answered.kind === 'create' && answered.status < 300) {
            const number = invoiceNumberOf(answered.requestBody);
            const sessionId = sessionIdOf(answered.body);
            const entry = number === null ? undefined : seen.get(number);
            if (entry && number !== null && sessionId) {
              entry.createAnswered = !killed;
              entry.sessionId = sessionId;
              bySession.set(sessionId, number);
            }
            if (number === targetNumber && point === 'after-create') killSoon(point);
          }
          if (answered.kind === 'retrieve' && answered.sessionId && /"session_status":"(succeeded|failed)"/.test(answered.body)) {
            const number = bySession.get(answered.sessionId);
            const entry = number === undefined ? undefined : seen.get(number);
            if (entry && !killed) entry.finalDelivered = true;
            if (number === targetNumber && point === 'final-write') killSoon(point);
          }
        },
      };

      // Charge on every counter, a little apart; customers pay when the terminal shows the amount.
      const customers: Promise<void>[] = [];
      const charging = plans.map(async (plan, index) => {
        // Charges start up to 1.5 s apart, so that the others are at every stage when the target's point comes.
        await sleep(random() * 1_500);
        if (killed) return;
        report.charges += 1;
        plan.posted = true;
        const counter = counters[plan.counterIndex];
        if (!counter) return;
        let attempt: ChargeAttempt;
        try {
          const result = await live.call('charge-create', { invoiceId: plan.invoiceId, counterId: counter.id, method: random() < 0.5 ? 'card' : 'upi', ...(plan.confirmChecked ? { confirmChecked: true } : {}) });
          if (!result.ok) {
            const earlier = readAttempts(dbFile).filter((a) => a.invoiceId === plan.invoiceId).map((a) => a.state);
            report.problems.push(`cycle ${cycle}: charge-create refused ${plan.invoiceNumber} (confirmChecked ${plan.confirmChecked}, earlier attempts ${earlier.join(', ')}): ${result.error.code} ${result.error.message}`);
            return;
          }
          attempt = result.value;
        } catch {
          return; // killed while answering
        }
        if (attempt.state !== 'in_progress') return;
        const delay = index === target && (point === 'mid-poll' || point === 'final-write') ? 0 : random() * 7_000;
        customers.push(
          (async () => {
            for (const until = Date.now() + delay; Date.now() < until && !killed; ) await sleep(25);
            if (killed) return;
            try {
              await control.pay(counter.terminalId, pick(OUTCOMES));
              if (index === target) paidTarget = true;
            } catch {
              // Not on the terminal any more.
            }
          })(),
        );
      });
      const fallback = setTimeout(() => kill('fallback'), 14_000);
      await whenKilled;
      clearTimeout(fallback);
      await live.kill();
      await Promise.allSettled(charging);
      await Promise.allSettled(customers);
      proxy.hooks = {};
      report.cycles += 1;
      bump(report.kills, killedAs);

      // Where each charge was at the kill, as the wire saw it.
      const attemptsNow = readAttempts(dbFile);
      for (const plan of plans) {
        if (!plan.posted) continue;
        const entry = seen.get(plan.invoiceNumber);
        const stored = attemptsNow.filter((a) => a.invoiceId === plan.invoiceId).at(-1);
        let phase: Phase = 'not-sent';
        if (entry?.finalDelivered) phase = stored && (stored.state === 'succeeded' || stored.state === 'failed') ? 'settled' : 'final-answer-delivered';
        else if (entry?.polled) phase = 'polling';
        else if (entry?.createAnswered) phase = 'created';
        else if (entry?.createSent) phase = 'create-unanswered';
        bump(report.phases, phase);
      }

      // While the host is down, customers at the terminals pay, are declined, or walk away.
      for (const terminal of sim.terminals()) {
        if (!terminal.active_session_id) continue;
        const roll = random();
        if (roll < 0.6) await control.pay(terminal.terminal_id, pick(OUTCOMES));
        else await control.post(`/_sim/sessions/${terminal.active_session_id}/expire`, {});
      }

      // Start again on the same data: every payment must come back to a final state or to a person.
      const restartAt = performance.now();
      host = await start();
      const deadline = Date.now() + 30_000;
      while (liveAttemptCount(dbFile) > 0 && Date.now() < deadline) await sleep(50);
      report.recoveryMs.push(performance.now() - restartAt);
      const ledger = auditLedger(dbFile, (await control.sessions()), { settled: true });
      if (ledger.problems.length > 0) {
        report.problems.push(...ledger.problems.map((p) => `cycle ${cycle} (${killedAs}): ${p}`));
        report.ledger = ledger;
        break;
      }

      // A charge whose answer was lost holds its terminal (its hold started over with the restart):
      // the manager looks at each held terminal and, once it shows nothing of that charge (the
      // customer has walked away if it did), releases it.
      const held = readHeldAttemptIds(dbFile);
      if (held.length > 0) {
        const { managerToken: token } = await host.ok('manager-unlock', { pin: TEST_PIN });
        for (const attemptId of held) {
          for (const session of (await control.sessions()) as SimSession[]) {
            const ofAttempt = session.meta_data?.some((m) => m.key === 'attempt_id' && m.value === attemptId);
            if (ofAttempt && session.session_status === 'in_progress') await control.post(`/_sim/sessions/${session.payments_session_id}/expire`, {});
          }
          await host.ok('attempt-release-hold', { managerToken: token, attemptId, note: 'Terminal shows no pending payment' });
        }
      }

      // What each cashier does next, from what the screen says.
      const sessions = (await control.sessions()) as SimSession[];
      for (const plan of plans) {
        next[plan.counterIndex] = nextPlan(plan, readAttempts(dbFile).filter((a) => a.invoiceId === plan.invoiceId), sessions, random);
      }
      options.onCycle?.(`cycle ${cycle + 1}: killed at ${killedAs}; ${report.charges} charges so far`);
    }

    if (report.ledger.integrity === 'not run') {
      report.ledger = auditLedger(dbFile, (await control.sessions()), { settled: true });
      report.problems.push(...report.ledger.problems);
    }
    return report;
  } finally {
    await host?.kill().catch(() => undefined);
    await proxy.stop();
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The cashier's next step for the counter: the same invoice again, or a new one (null). */
function nextPlan(plan: ChargePlan, attempts: readonly StoredAttempt[], sessions: readonly SimSession[], random: () => number): ChargePlan | null {
  // An earlier attempt whose outcome is unknown (or unresolved) means: check the terminal first. If
  // the customer paid there, the invoice is settled by hand and never charged again; otherwise the
  // cashier confirms having checked, on every later charge of this invoice.
  const review = attempts.filter((a) => a.state === 'unknown' || a.state === 'unresolved');
  const paidThere = review.some((a) => sessions.some((s) => s.session_status === 'succeeded' && s.meta_data?.some((m) => m.key === 'attempt_id' && m.value === a.id)));
  if (paidThere) return null;
  const again = { ...plan, confirmChecked: review.length > 0 };
  const latest = attempts.at(-1);
  if (!latest) return again; // never reached the database: charge again
  switch (latest.state) {
    case 'succeeded':
      return null;
    case 'failed':
      return random() < 0.5 ? again : null;
    default:
      return again;
  }
}

function invoiceNumberOf(body: string): string | null {
  try {
    return (JSON.parse(body) as { invoice_number?: string }).invoice_number ?? null;
  } catch {
    return null;
  }
}

function sessionIdOf(body: string): string | null {
  try {
    return (JSON.parse(body) as { payments_session?: { payments_session_id?: string } }).payments_session?.payments_session_id ?? null;
  } catch {
    return null;
  }
}

interface StoredAttempt {
  id: string;
  invoiceId: string;
  state: ChargeAttempt['state'];
}

function readAttempts(dbFile: string): StoredAttempt[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db
      .prepare<[], { id: string; invoice_id: string; state: ChargeAttempt['state'] }>('SELECT id, invoice_id, state FROM charge_attempts ORDER BY created_at, rowid')
      .all()
      .map((row) => ({ id: row.id, invoiceId: row.invoice_id, state: row.state }));
  } finally {
    db.close();
  }
}

/** Attempts whose hold has not ended: their terminals refuse every charge until released. */
function readHeldAttemptIds(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db
      .prepare<[], { id: string }>('SELECT id FROM charge_attempts WHERE hold_until IS NOT NULL AND hold_ended_at IS NULL')
      .all()
      .map((row) => row.id);
  } finally {
    db.close();
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function emptyLedger(): LedgerReport {
  return { attempts: 0, sessions: 0, invoices: 0, byState: { creating: 0, in_progress: 0, succeeded: 0, failed: 0, rejected: 0, unknown: 0, unresolved: 0 }, sessionsWithoutId: 0, integrity: 'not run', problems: [] };
}
