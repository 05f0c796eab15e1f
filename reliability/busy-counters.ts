// Many counters charging at once, each as a cashier and a customer would: bill, charge, the customer
// pays (or is declined, or walks away) on the terminal, and the cashier acts on what the screen says
// (retry a refusal, check the terminal after an unknown outcome, charge a failed invoice again). A
// lost answer holds the terminal: the manager looks at it and releases it once it shows nothing.
// Used by the fault suites; the backend is a Rig (live mode, simulator over HTTP, real SQLite).
import { join } from 'node:path';
import type { ChargeAttempt } from '../contract/records';
import { TEST_PIN } from '../testkit/manager-pin';
import type { Rig } from '../testkit/rig';
import type { PayOutcome } from '../testkit/sim-control';
import { sleep } from '../testkit/time';
import { liveAttemptCount } from './ledger';

export interface BusyCountersOptions {
  /** Counters 0..count-1 of the rig. */
  counters: number;
  /** No new charge starts after this (unix ms); customers still finish what they started. */
  chargeUntil: number;
  /** A customer pays this long after the charge, chosen at random in [min, max] ms. */
  payDelayMs: [number, number];
  /** How long a cashier waits for one outcome before moving on (it is then left to the audit). */
  outcomeTimeoutMs: number;
  /** Share of customers who never pay (the session runs out). */
  walkAwayRate?: number;
  random?: () => number;
}

export interface BusyCountersReport {
  charges: number;
  /** charge-create answers by state, and refusals by error code. */
  outcomes: Record<string, number>;
  /** How long charge-create took to answer, ms (it waits for Zoho's create). */
  chargeCreateMs: number[];
  paid: number;
  declined: number;
  walkedAway: number;
  /** Calls that failed in a way no cashier should see (internal errors). */
  internalErrors: string[];
}

const FAILURE_CODES = ['insufficient_funds', 'card_declined', 'do_not_honor', 'upi_declined', 'expired_card'];

export async function runBusyCounters(rig: Rig, options: BusyCountersOptions): Promise<BusyCountersReport> {
  const random = options.random ?? Math.random;
  const report: BusyCountersReport = { charges: 0, outcomes: {}, chargeCreateMs: [], paid: 0, declined: 0, walkedAway: 0, internalErrors: [] };
  const count = (key: string) => (report.outcomes[key] = (report.outcomes[key] ?? 0) + 1);
  const between = ([min, max]: [number, number]) => min + random() * (max - min);
  const customers: Promise<void>[] = [];

  const customer = async (attempt: ChargeAttempt): Promise<void> => {
    const roll = random();
    if (roll < (options.walkAwayRate ?? 0.05)) {
      report.walkedAway += 1;
      return;
    }
    await sleep(between(options.payDelayMs));
    let outcome: PayOutcome;
    if (roll < 0.7) outcome = { outcome: 'succeeded', method: attempt.method };
    else if (roll < 0.85) outcome = { outcome: 'failed', failure_code: FAILURE_CODES[Math.floor(random() * FAILURE_CODES.length)] ?? 'card_declined', method: attempt.method };
    else outcome = { outcome: 'declined_attempt', failure_code: 'card_declined', method: attempt.method };
    try {
      await rig.control.pay(attempt.terminalId, outcome);
      if (outcome.outcome === 'declined_attempt') {
        await sleep(between([200, 1_500]));
        await rig.control.post(`/_sim/terminals/${attempt.terminalId}/pay`, { outcome: 'succeeded', method: attempt.method });
      }
      if (outcome.outcome === 'failed') report.declined += 1;
      else report.paid += 1;
    } catch {
      // The session ended before the customer got to it (it expired): nothing to pay.
    }
  };

  /**
   * The manager looks at the terminal of a held attempt: once it shows nothing of that charge, they
   * release it. True when the terminal is no longer held.
   */
  const releaseWhenClear = async (attemptId: string): Promise<boolean> => {
    const stored = rig.attempt(attemptId);
    if (stored.hold === null || stored.hold.endedAt !== null) return true;
    const onTerminal = (await rig.control.sessions()).some(
      (s) => s.session_status === 'in_progress' && (s as { meta_data?: { key: string; value: string }[] }).meta_data?.some((m) => m.key === 'attempt_id' && m.value === attemptId),
    );
    if (onTerminal) return false;
    const release = () => rig.raw('attempt-release-hold', { managerToken: rig.managerToken, attemptId, note: 'Terminal shows no pending payment' });
    let result = await release();
    if (!result.ok && result.error.code === 'locked') {
      rig.managerToken = (await rig.call('manager-unlock', { pin: TEST_PIN })).managerToken;
      result = await release();
    }
    if (!result.ok) report.internalErrors.push(`attempt-release-hold: ${result.error.code} ${result.error.message}`);
    return result.ok;
  };

  const cashier = async (index: number): Promise<void> => {
    const counter = rig.counters[index];
    if (!counter) throw new Error(`no counter ${index}`);
    let invoiceId: string | null = null;
    /** The invoice has an attempt whose outcome is unknown: every later charge of it needs the cashier's confirmation. */
    let awaitsReview = false;
    let confirmChecked = false;
    /** The counter's charge whose answer was lost: its terminal is on hold until released. */
    let heldBy: string | null = null;
    // Each counter starts at its own moment, as shops do.
    await sleep(random() * 2_000);
    for (let round = 0; round < 10_000 && Date.now() < options.chargeUntil; round += 1) {
      if (heldBy !== null) {
        if (!(await releaseWhenClear(heldBy))) {
          await sleep(1_000);
          continue;
        }
        heldBy = null;
      }
      if (invoiceId === null) {
        const created = await rig.raw('invoice-create', {
          counterId: counter.id,
          lines: [
            { description: 'Rice 5 kg', quantity: 1 + Math.floor(random() * 3), unitPriceMinor: 10_000 + Math.floor(random() * 90_000) },
            { description: 'Tea', quantity: 1, unitPriceMinor: 4_550 },
          ],
        });
        if (!created.ok) {
          report.internalErrors.push(`invoice-create: ${created.error.code} ${created.error.message}`);
          await sleep(500);
          continue;
        }
        invoiceId = created.value.id;
        awaitsReview = false;
        confirmChecked = false;
      }
      const method = random() < 0.5 ? 'card' : 'upi';
      const started = performance.now();
      const result = await rig.raw('charge-create', { invoiceId, counterId: counter.id, method, ...(confirmChecked ? { confirmChecked } : {}) });
      report.chargeCreateMs.push(performance.now() - started);
      report.charges += 1;
      confirmChecked = awaitsReview;
      if (!result.ok) {
        count(`refused:${result.error.code}${result.error.field ? `:${result.error.field}` : ''}`);
        if (result.error.code === 'internal') report.internalErrors.push(`charge-create: ${result.error.message}`);
        if (result.error.field === 'confirmChecked') {
          // An earlier outcome is unknown: the cashier has looked at the terminal, nothing was paid there.
          awaitsReview = true;
          confirmChecked = true;
        }
        await sleep(1_000);
        continue;
      }
      const attempt = result.value;
      count(attempt.state);
      if (attempt.state === 'rejected') {
        // Nothing reached the terminal: charge again.
        await sleep(300);
        continue;
      }
      if (attempt.state === 'unknown') {
        awaitsReview = true;
        heldBy = attempt.id;
        // The cashier looks at the terminal (and the Zoho dashboard) before charging again.
        const sessions = await rig.control.sessions();
        const onTerminal = sessions.filter((s) => (s as { meta_data?: { key: string; value: string }[] }).meta_data?.some((m) => m.key === 'attempt_id' && m.value === attempt.id));
        if (onTerminal.some((s) => s.session_status === 'succeeded')) invoiceId = null;
        else if (onTerminal.some((s) => s.session_status === 'in_progress')) {
          confirmChecked = false;
          await sleep(2_000);
        } else confirmChecked = true;
        continue;
      }
      if (attempt.state !== 'in_progress') continue;
      customers.push(customer(attempt));
      const deadline = Date.now() + options.outcomeTimeoutMs;
      let now = rig.attempt(attempt.id);
      while (now.state === 'in_progress' && Date.now() < deadline) {
        await sleep(200);
        now = rig.attempt(attempt.id);
      }
      if (now.state === 'succeeded') invoiceId = null;
      else if (now.state === 'failed') invoiceId = random() < 0.5 ? invoiceId : null;
      else if (now.state === 'in_progress') invoiceId = null; // left running: the audit looks at it later
      else if (now.state === 'unresolved') {
        awaitsReview = true;
        confirmChecked = true;
      }
    }
  };

  await Promise.all(Array.from({ length: options.counters }, (_, i) => cashier(i)));
  await Promise.all(customers);
  return report;
}

/** Waits until no attempt in the rig's database is creating or in_progress; returns how long that took (ms). */
export async function waitUntilSettled(rig: Rig, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const left = liveAttemptCount(join(rig.dataDir, 'counter.db'));
    if (left === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${left} attempts still live after ${timeoutMs} ms`);
    await sleep(250);
  }
}
