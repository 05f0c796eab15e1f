// A running mode: demo (a stand-in for Zoho, started by the shell, and demo.db) or live (the
// connected Zoho account and counter.db). Demo and live data never mix: each has its own database file.
import { join } from 'node:path';
import type { Currency, Edition } from '../contract/vocabulary';
import type { ZohoTrouble } from '../contract/failures';
import * as counters from '../db/local/counters';
import { startIdleCheckpoints } from '../db/local/checkpoints';
import { closeDatabase, type Db } from '../db/local/database';
import { countLiveAttempts } from '../db/local/live-attempts';
import { createDataServices, type ChargeTuning, type DataServices } from './mode-services';
import type { EventBus } from './event-bus';
import { readSettings } from './handlers/settings';
import type { Logger } from './logger';
import { MemorySecretStore } from './secrets/secret-store';
import { editionCurrency, zohoHosts } from './zoho/editions';
import { PaymentsClient } from './zoho/payments-client';
import { backupsDir } from './maintenance/backups';
import { startDailyBackups, type DailyBackupOptions } from './maintenance/daily-backups';
import { openCheckedDatabase } from './maintenance/open-checked';
import { TokenManager, type TokenState } from './zoho/token-manager';
import { TokenRequestLog } from './zoho/token-request-log';
import { ConnectionVault, type StoredConnection } from './zoho/vault';
import type { Ports } from './ports';

export interface RunningMode {
  kind: 'demo' | 'live';
  db: Db;
  /** The database file (counter.db or demo.db). */
  dbFile: string;
  /** The charge service, the poller and the data handlers over `db`. */
  services: DataServices;
  tokens: TokenManager;
  payments: PaymentsClient;
  currency: Currency;
  edition: Edition;
  accountId: string;
  /** Demo mode's stand-in for Zoho; null when live. */
  simulator: DemoZoho | null;
  stop(): Promise<void>;
}

/** What demo mode needs of its stand-in for Zoho (the simulator's own account and client). */
export interface DemoZoho {
  /** Both the accounts server and the payments API. */
  url: string;
  fixture: DemoAccount;
  stop(): Promise<void>;
}

export interface DemoAccount {
  account_id: string;
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

/**
 * Starts demo mode's stand-in for Zoho. The shells (main/, host/) and the test rigs pass the
 * in-process simulator: the core never imports it.
 */
export type StartDemoZoho = () => Promise<DemoZoho>;

export interface ModeOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  now: () => number;
  /** Monotonic milliseconds: see DataServicesOptions.clock. */
  clock: () => number;
  log: Logger;
  events: EventBus;
  /** The live account's token requests (the demo's simulator keeps its own count). */
  tokenRequests: TokenRequestLog;
  tuning?: ChargeTuning;
  /** When the daily backup looks for a quiet moment (tests shorten it). */
  backupTiming?: DailyBackupOptions['timing'];
  startDemoZoho: StartDemoZoho;
  onTokenState: (state: TokenState) => void;
  onZohoTrouble: (trouble: ZohoTrouble | null) => void;
  /** The poller's calls a minute now (a PC of a store: its share of the account's). */
  budgetPerMinute?: () => number;
  chargeableCounters?: (activeCounters: number) => number;
  /** Books each token request with the store's other PCs (see TokenManagerOptions.reserveRequest). */
  reserveTokenRequest?: (account: { edition: Edition; accountId: string }) => Promise<void>;
  /** What the handlers ask of the store (see DataServicesOptions.ports). */
  ports?: () => Ports;
}

/** The live account's database and the demo's, in the data folder. */
export const LIVE_DB_FILE = 'counter.db';
export const DEMO_DB_FILE = 'demo.db';

export const DEMO_COUNTERS = [
  { name: 'Counter A', terminalId: 'TRM001', invoicePrefix: 'A-' },
  { name: 'Counter B', terminalId: 'TRM002', invoicePrefix: 'B-' },
  { name: 'Counter C', terminalId: 'TRM003', invoicePrefix: 'C-' },
];

/** A stored connection with a sign-in (or one that needs renewing) makes the app live. */
export function isLiveConnection(stored: StoredConnection | null): stored is StoredConnection {
  return stored !== null && (stored.refreshToken !== null || stored.reconnectReason !== null);
}

export async function startLiveMode(options: ModeOptions, vault: ConnectionVault, stored: StoredConnection): Promise<RunningMode> {
  const hosts = zohoHosts(stored.edition, options.env);
  return assemble(options, {
    kind: 'live',
    dbFile: join(options.dataDir, LIVE_DB_FILE),
    vault,
    tokenRequests: options.tokenRequests,
    accountsUrl: hosts.accountsUrl,
    paymentsUrl: hosts.paymentsUrl,
    accountId: stored.accountId,
    edition: stored.edition,
    simulator: null,
  });
}

export async function startDemoMode(options: ModeOptions): Promise<RunningMode> {
  const simulator = await options.startDemoZoho();
  const { fixture } = simulator;
  const vault = new ConnectionVault(new MemorySecretStore(JSON.stringify(connectionToSimulator(fixture))));
  const mode = await assemble(options, {
    kind: 'demo',
    dbFile: join(options.dataDir, DEMO_DB_FILE),
    vault,
    tokenRequests: new TokenRequestLog(new MemorySecretStore()),
    accountsUrl: simulator.url,
    paymentsUrl: simulator.url,
    accountId: fixture.account_id,
    edition: 'in',
    simulator,
  });
  if (counters.listCounters(mode.db, { includeInactive: true }).length === 0) {
    for (const counter of DEMO_COUNTERS) counters.createCounter(mode.db, { ...counter, createdAt: options.now() });
  }
  return mode;
}

/** A signed-in connection to a simulator: the demo's, or a test's stand-in for Zoho. */
export function connectionToSimulator(fixture: DemoAccount): StoredConnection {
  return {
    edition: 'in',
    accountId: fixture.account_id,
    clientId: fixture.client_id,
    clientSecret: fixture.client_secret,
    refreshToken: fixture.refresh_token,
    accessToken: null,
    accessTokenExpiresAt: null,
    reconnectReason: null,
    accountsServer: null,
  };
}

interface Assembly {
  kind: 'demo' | 'live';
  dbFile: string;
  vault: ConnectionVault;
  tokenRequests: TokenRequestLog;
  accountsUrl: string;
  paymentsUrl: string;
  accountId: string;
  edition: Edition;
  simulator: DemoZoho | null;
}

async function assemble(options: ModeOptions, parts: Assembly): Promise<RunningMode> {
  const db = await openCheckedDatabase(parts.dbFile, { now: options.now, log: options.log });
  const checkpoints = startIdleCheckpoints(db, { onError: (error) => options.log.error('WAL checkpoint failed', { error: String(error) }) });
  const close = () => {
    try {
      checkpoints.stop();
    } finally {
      closeDatabase(db);
    }
  };
  // The demo's simulator has a limit of its own; a live account's is shared with the store's other PCs.
  const reserve = options.reserveTokenRequest;
  const tokens = new TokenManager({
    vault: parts.vault,
    requests: parts.tokenRequests,
    accountsUrl: parts.accountsUrl,
    log: options.log,
    now: options.now,
    onStateChange: options.onTokenState,
    ...(reserve && parts.kind === 'live' ? { reserveRequest: () => reserve({ edition: parts.edition, accountId: parts.accountId }) } : {}),
  });
  const payments = new PaymentsClient({
    paymentsUrl: parts.paymentsUrl,
    accountId: parts.accountId,
    tokens,
    log: options.log,
    now: options.now,
  });
  const currency = editionCurrency(parts.edition);
  let services: DataServices;
  try {
    services = createDataServices({
      db,
      now: options.now,
      clock: options.clock,
      log: options.log,
      events: options.events,
      currency,
      payments: () => payments,
      refundScope: { allowed: () => tokens.refundsAllowed(), markMissing: () => tokens.markRefundScopeMissing() },
      onZohoTrouble: options.onZohoTrouble,
      ...(options.budgetPerMinute ? { budgetPerMinute: options.budgetPerMinute } : {}),
      ...(options.chargeableCounters ? { chargeableCounters: options.chargeableCounters } : {}),
      ...(options.ports ? { ports: options.ports } : {}),
      ...(options.tuning ? { tuning: options.tuning } : {}),
    });
    services.start();
  } catch (error) {
    close();
    throw error;
  }
  const backups = startDailyBackups({
    file: parts.dbFile,
    dir: backupsDir(options.dataDir),
    now: options.now,
    log: options.log,
    keepDays: () => readSettings(db).backupKeepDays,
    livePayments: () => countLiveAttempts(db),
    ...(options.backupTiming ? { timing: options.backupTiming } : {}),
  });
  return {
    kind: parts.kind,
    db,
    dbFile: parts.dbFile,
    services,
    tokens,
    payments,
    currency,
    edition: parts.edition,
    accountId: parts.accountId,
    simulator: parts.simulator,
    stop: async () => {
      try {
        await services.stop();
      } finally {
        await backups.stop();
        close();
        await parts.simulator?.stop();
      }
    },
  };
}
