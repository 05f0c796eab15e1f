// What runs over one mode's database (demo or live): one charge service, one poller, and the data
// handlers (counters, invoices, charges, the log, settings) that share them.
import type { Currency } from '../contract/domain';
import type { ZohoTrouble } from '../contract/failures';
import { CALL_BUDGET_PER_MINUTE, MAX_POLL_INTERVAL_MS } from '../contract/rules';
import type { Db } from '../db/database';
import { ChargeService, DEFAULT_CHARGE_TIMING, type ChargeTiming } from './charges/charge-service';
import { Poller } from './charges/poller';
import type { EventBus } from './event-bus';
import { chargeHandlers } from './handlers/charges';
import { counterHandlers } from './handlers/counters';
import { invoiceHandlers } from './handlers/invoices';
import { logHandlers } from './handlers/log';
import { readSettings, settingsHandlers } from './handlers/settings';
import { statusHandlers } from './handlers/status';
import type { DataContext } from './handlers/types';
import type { Logger } from './log';
import type { PaymentsClient } from './zoho/payments-client';

export interface ChargeTuning {
  /** Overrides the poll-interval setting (tests use short intervals). */
  pollIntervalMs?: number;
  timing?: Partial<ChargeTiming>;
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
  onZohoTrouble: (trouble: ZohoTrouble | null) => void;
  /** The poller's calls a minute now: a PC of a store gets its share (default: the tuning's, else CALL_BUDGET_PER_MINUTE). */
  budgetPerMinute?: () => number;
  tuning?: ChargeTuning;
}

export function createDataServices(options: DataServicesOptions) {
  const { db, tuning = {} } = options;
  const intervalMs = () => tuning.pollIntervalMs ?? readSettings(db).pollIntervalSeconds * 1000;
  const charges = new ChargeService({
    db,
    now: options.now,
    clock: options.clock,
    log: options.log,
    events: options.events,
    payments: options.payments,
    timing: { ...DEFAULT_CHARGE_TIMING, ...tuning.timing },
    intervalMs,
    onZohoTrouble: options.onZohoTrouble,
  });
  const poller = new Poller({
    check: (attemptId, actor) => charges.check(attemptId, actor),
    intervalMs,
    maxIntervalMs: Math.max(MAX_POLL_INTERVAL_MS, intervalMs()),
    budgetPerMinute: options.budgetPerMinute ?? (() => tuning.budgetPerMinute ?? CALL_BUDGET_PER_MINUTE),
    clock: options.clock,
    onError: (attemptId, error) => options.log.error('payment check crashed', { attemptId, error: String(error) }),
  });
  charges.attachPoller(poller);
  const ctx: DataContext = { db, now: options.now, log: options.log, events: options.events, currency: options.currency, charges, poller };
  const handlers = {
    ...counterHandlers(ctx),
    ...invoiceHandlers(ctx),
    ...statusHandlers(ctx),
    ...chargeHandlers(ctx),
    ...logHandlers(ctx),
    ...settingsHandlers(ctx),
  };
  return {
    handlers,
    charges,
    poller,
    /** Picks up every payment left unfinished by the last run, and every hold. */
    start: () => charges.resume(),
    /**
     * Refuses new charges, stops checking (charges still waiting for the budget are not sent),
     * then waits for every call to Zoho under way: the database stays open until each has recorded its answer.
     */
    stop: async () => {
      const creates = charges.stop();
      await poller.stop();
      await creates;
    },
  };
}

export type DataServices = ReturnType<typeof createDataServices>;
