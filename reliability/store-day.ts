// A store's working day on StoreStations: each PC charges on its own counters, one sale after
// another, and its customers pay (or are declined, and then pay cash) on the terminal after a
// moment; the PC follows each payment to its outcome. Used by the store suites around outages and kills.
import type { ChargeAttempt } from '../contract/records';
import { isLiveState } from '../contract/vocabulary';
import type { StoreStations } from '../testkit/store-stations';
import { sleep } from '../testkit/time';

export interface StoreDayOptions {
  /** Which PCs charge, and on which counters (indexes into stations.counters). */
  tills: { pc: number; counter: number }[];
  /** No new sale starts after this (unix ms). */
  until: number;
  payDelayMs: [number, number];
  /** How long a PC waits for one outcome before moving on. */
  outcomeTimeoutMs?: number;
  /** Called before each sale (a test can stop a PC meanwhile): false skips this till for now. */
  tillUp?: (pc: number) => boolean;
}

export interface StoreDayReport {
  sales: number;
  paid: number;
  declined: number;
  /** Declined customers who paid cash instead. */
  cash: number;
  /** Calls that failed where a cashier would have seen an error. */
  errors: string[];
  attempts: ChargeAttempt[];
}

export async function runStoreDay(stations: StoreStations, options: StoreDayOptions): Promise<StoreDayReport> {
  const report: StoreDayReport = { sales: 0, paid: 0, declined: 0, cash: 0, errors: [], attempts: [] };
  const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);
  const till = async ({ pc, counter }: { pc: number; counter: number }) => {
    while (Date.now() < options.until) {
      if (options.tillUp && !options.tillUp(pc)) {
        await sleep(200);
        continue;
      }
      try {
        const attempt = await stations.charge(pc, counter, 1_000 + Math.floor(Math.random() * 90_000));
        report.sales += 1;
        report.attempts.push(attempt);
        if (attempt.state !== 'in_progress') continue;
        await sleep(between(options.payDelayMs));
        const pays = Math.random() < 0.8;
        await stations.control.pay(attempt.terminalId, pays ? { outcome: 'succeeded', method: 'card' } : { outcome: 'failed', failure_code: 'card_declined', method: 'card' });
        if (pays) report.paid += 1;
        else report.declined += 1;
        const outcome = await waitForOutcome(stations, pc, attempt.invoiceId, options.outcomeTimeoutMs ?? 15_000);
        if (outcome?.state !== 'failed') continue;
        await stations.station(pc).host.ok('cash-settle', { invoiceId: attempt.invoiceId, counterId: attempt.counterId, tenderedMinor: attempt.amountMinor });
        report.cash += 1;
      } catch (error) {
        if (options.tillUp && !options.tillUp(pc)) continue; // the PC was killed under this sale
        report.errors.push(`PC ${pc + 1}: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(500);
      }
    }
  };
  await Promise.all(options.tills.map(till));
  return report;
}

/** Until the invoice's latest attempt has left the live states (as the PC's own backend says): that attempt, or null. */
export async function waitForOutcome(stations: StoreStations, pc: number, invoiceId: string, timeoutMs: number): Promise<ChargeAttempt | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { attempts } = await stations.station(pc).host.ok('invoice-get', { invoiceId });
    const last = attempts.at(-1);
    if (last && !isLiveState(last.state)) return last;
    await sleep(200);
  }
  return null;
}

/** Until no PC has a live payment and every PC's changes are in the store. */
export async function waitUntilStoreSettled(stations: StoreStations, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const cursors = await stations.cursors();
    const { union } = await stations.ledgers();
    const live = (union.charge_attempts ?? []).some((row) => isLiveState(row.state as ChargeAttempt['state']));
    if (!live && cursors.every((c) => c.waiting === 0 && c.shipped === c.queued)) return;
    await sleep(250);
  }
  throw new Error(`the store did not settle in ${timeoutMs} ms: ${JSON.stringify(await stations.cursors())}`);
}
