// What runs over one mode's database (demo or live): one charge service, one refund service, one
// poller for both, and the context that the data handlers (handlers/registry.ts) share.
import type { Currency } from '../contract/vocabulary';
import type { ZohoTrouble } from '../contract/failures';
import { CALL_BUDGET_PER_MINUTE, MAX_POLL_INTERVAL_MS } from '../contract/rules';
import { countActiveCounters } from '../db/local/counters';
import type { Db } from '../db/local/database';
import { ChargeService, DEFAULT_CHARGE_TIMING, type ChargeTiming } from './charges/charge-service';
import { Poller } from './charges/poller';
import type { FollowingServiceOptions } from './charges/service-options';
import type { EventBus } from './event-bus';
import { readSettings } from './handlers/settings';
import type { DataContext } from './handlers/types';
import type { Logger } from './logger';
import { LOCAL_PORTS, type Ports } from './ports';
import { DEFAULT_REFUND_TIMING, RefundService, type RefundScope, type RefundTiming } from './after-sale/refunds/refund-service';
import type { PaymentsClient } from './zoho/payments-client';

export interface ChargeTuning {
  /** Overrides the poll-interval setting (tests use short intervals). */
  pollIntervalMs?: number;
  timing?: Partial<ChargeTiming>;
  refundTiming?: Partial<RefundTiming>;
  /** Calls a minute the poller may spend across all sessions (default CALL_BUDGET_PER_MINUTE). */
  budgetPerMinute?: number;
}

export interface DataServicesOptions {
  db: Db;
  /** Wall clock (unix ms): what is recorded and shown. */
  now: () => number;
  /** Monotonic milliseconds (performance.now): every interval, deadline, budget and hold. */
  clock: () => number;
  log: Logger;
  events: EventBus;
  currency: Currency;
  payments: () => PaymentsClient;
  refundScope: RefundScope;
  onZohoTrouble: (trouble: ZohoTrouble | null) => void;
  /** The poller's calls a minute now: a PC of a store gets its share (default: the tuning's, else CALL_BUDGET_PER_MINUTE). */
  budgetPerMinute?: () => number;
  /** Of the active counters, those this PC may charge on next (a PC of a store: not those other PCs hold); default all. */
  chargeableCounters?: (activeCounters: number) => number;
  /** What the handlers ask of the store (default: LOCAL_PORTS, a PC of its own). */
  ports?: () => Ports;
  tuning?: ChargeTuning;
}

export function createDataServices(options: DataServicesOptions) {
  const { db, tuning = {} } = options;
  const chargeable = options.chargeableCounters ?? ((active: number) => active);
  const intervalMs = () => tuning.pollIntervalMs ?? readSettings(db).pollIntervalSeconds * 1000;
  // One poller follows both services' records: each registers itself with it.
  const poller: Poller = new Poller({
    intervalMs,
    maxIntervalMs: Math.max(MAX_POLL_INTERVAL_MS, intervalMs()),
    budgetPerMinute: options.budgetPerMinute ?? (() => tuning.budgetPerMinute ?? CALL_BUDGET_PER_MINUTE),
    // The counters without a live payment are the ones that could charge next: their creates are kept room for.
    createReservePerMinute: (): number => Math.max(0, chargeable(countActiveCounters(db)) - poller.size),
    clock: options.clock,
    onError: (attemptId, error) => options.log.error('payment check crashed', { attemptId, error: String(error) }),
  });
  const following: FollowingServiceOptions = {
    db,
    now: options.now,
    clock: options.clock,
    log: options.log,
    events: options.events,
    payments: options.payments,
    intervalMs,
    onZohoTrouble: options.onZohoTrouble,
    poller,
  };
  const charges = new ChargeService({ ...following, timing: { ...DEFAULT_CHARGE_TIMING, ...tuning.timing } });
  const ports = options.ports ?? (() => LOCAL_PORTS);
  const refunds = new RefundService({ ...following, scope: options.refundScope, timing: { ...DEFAULT_REFUND_TIMING, ...tuning.refundTiming }, guard: () => ports().refunds });
  const context: DataContext = { db, now: options.now, log: options.log, events: options.events, currency: options.currency, charges, refunds, ports };
  return {
    context,
    charges,
    poller,
    /** Picks up every payment and refund left unfinished by the last run, and every hold. */
    start: () => {
      charges.resume();
      refunds.resume();
    },
    /**
     * Refuses new charges and refunds, stops checking (calls still waiting for the budget are not sent),
     * then waits for every call to Zoho under way: the database stays open until each has recorded its answer.
     */
    stop: async () => {
      const creates = Promise.all([charges.stop(), refunds.stop()]);
      await poller.stop();
      await creates;
    },
  };
}

export type DataServices = ReturnType<typeof createDataServices>;
