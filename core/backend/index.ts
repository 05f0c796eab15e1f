// The whole backend behind one `call` and one event stream, composed here: the registry of calls
// (handlers/registry.ts), the middleware around it (the manager's unlock, the mode switch's gate),
// the ports a store swaps in, the mode the stored connection calls for, and the store link.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BillingEvent } from '../../contract/events';
import type { HandlerName, HandlerOutput } from '../../contract/handlers';
import type { Result } from '../../contract/result';
import { CALL_BUDGET_PER_MINUTE } from '../../contract/rules';
import type { DayCsvSaved, SettingOverride } from '../../contract/answers';
import { appendAccessEvent } from '../../db/local/access-events';
import type { ChargeTuning } from '../mode-services';
import { lockDataFolder, type DataFolderLock } from '../data-folder/lock';
import { prepareDataFolder } from '../data-folder/permissions';
import { EventBus } from '../event-bus';
import { connectionHandlers } from '../handlers/connection';
import { managerHandlers } from '../handlers/manager';
import { createRegistry, type LastingDomains } from '../handlers/registry';
import { supportHandlers } from '../handlers/support';
import { consoleLogger, type Logger } from '../logger';
import { ManagerAccess } from '../manager/access';
import { ManagerSessions } from '../manager/auth';
import { ManagerPinFile } from '../manager/pin-file';
import type { KdfCost } from '../manager/pin-hash';
import { isLiveConnection, LIVE_DB_FILE, startDemoMode, startLiveMode, type ModeOptions, type StartDemoZoho } from '../mode';
import { checkOverrides } from '../outside-settings';
import { FileSecretStore } from '../secrets/file-secret-store';
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store';
import { publishPin, storeTakesPin } from '../store-link/config-writes';
import { addressPassword, sameDatabase } from '../../db/store/address';
import { joinAndAdopt, storeCalls, type StoreHandlerDeps } from '../store-link/handlers';
import { DEFAULT_CHARGE_TIMING } from '../charges/charge-service';
import { StoreLink, type StoreTiming } from '../store-link/link';
import { StoreLinkFile } from '../store-link/link-file';
import { storePorts } from '../store-link/store-ports';
import { LOCAL_PORTS, type Ports } from '../ports';
import type { DailyBackupOptions } from '../maintenance/daily-backups';
import { startUpdateChecks, type UpdateChecks } from '../maintenance/update-checks';
import type { Updater } from '../maintenance/update-policy';
import { TOKEN_REQUEST_LOG_FILE, TokenRequestLog } from '../zoho/token-request-log';
import { ConnectionVault } from '../zoho/vault';
import { exportDayCsv, type DayCsvTarget } from './day-csv';
import { dispatch, type Dispatch } from './dispatch';
import { managerOnly } from './middleware';
import { IntegrationApiRunner } from '../integration-api/runner';
import type { RateLimit } from '../integration-api/rate-limit';
import { ModeSwitch } from './mode-switch';
import { appInfo, ConnectionReport } from './status';

/** What every transport (Electron IPC, the browser host's HTTP) sees of the backend. */
export interface Backend {
  /** Parses `input` by the call's schema, runs it, and never throws: failures come back as results. */
  call<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>>;
  subscribe(listener: (event: BillingEvent) => void): () => void;
  /** log-export-csv with the rows written a page at a time into `target` (a file, a download). */
  exportDayCsv(input: unknown, target: DayCsvTarget): Promise<Result<DayCsvSaved>>;
  /** Where the integration API for other billing programs listens; null when it is off or its port was taken. */
  integrationApiUrl(): string | null;
  /** Stops polling and closes the database (and the demo simulator). */
  close(): Promise<void>;
}

export interface BackendOptions {
  /**
   * Folder for the database files (demo and live data are kept in separate files). It is made
   * owner-only, and held by this backend until it closes: a second one on it is refused.
   */
  dataDir: string;
  /** Which app runs the backend, as a second start on the same folder is told (default "Counter"). */
  appName?: string;
  /** The setting that chose `dataDir`, when one did (--data-dir, COUNTER_USER_DATA_DIR): shown and logged. */
  dataDirOverride?: string;
  /** A packaged app: outside settings are accepted only when they keep the Zoho secrets safe (outside-settings.ts). */
  packaged?: boolean;
  secretStore: SecretStore;
  /** Environment overrides: ZOHO_PAYMENTS_URL, ZOHO_ACCOUNTS_URL. */
  env?: Record<string, string | undefined>;
  /** Injected wall clock (unix ms), for what is recorded and shown; defaults to Date.now. */
  now?: () => number;
  /** Injected monotonic clock (ms), for every interval, deadline, budget and hold; defaults to performance.now. */
  clock?: () => number;
  /** Called with the Zoho consent URL when a manager starts "Sign in with Zoho" (the shell opens the system browser). */
  openExternal?: (url: string) => void;
  /** Starts demo mode's stand-in for Zoho: the shells and test rigs pass the in-process simulator. */
  startDemoZoho: StartDemoZoho;
  /** The desktop app's updater (main/updater.ts); without one (browser host, tests) Counter never updates. */
  updater?: Updater;
  /** Where a joined PC keeps its store's address (it may hold the database password); default: memory. */
  storeSecretStore?: SecretStore;
  /** Join this store at start (the browser host's --store / COUNTER_STORE_URL), trusting the database credentials. */
  joinStoreAtStart?: { url: string; storeName: string; stationName?: string; pin?: string };
  /** How to reset the manager PIN on this install (the command, or the app's flag), for the manager's screen. */
  pinRecovery?: string;
  /** The integration API for other billing programs (core/integration-api/): off when not given. */
  integrationApi?: { port: number; lan?: boolean; rateLimit?: RateLimit };
}

export interface BackendTuning extends ChargeTuning {
  /**
   * How long stopping or a mode switch waits for calls under way before going ahead (default 30 s).
   * Calls to Zoho under way are always waited for: the database never closes under one.
   */
  callDrainMs?: number;
  /** When the daily backup looks for a quiet moment (tests shorten it). */
  backups?: DailyBackupOptions['timing'];
  consentPort?: number;
  log?: Logger;
  version?: string;
  store?: Partial<StoreTiming>;
  /** The cost of new PIN hashes (tests use a cheap one; the app PIN_KDF_COST). */
  pinKdfCost?: KdfCost;
}

const DEFAULT_PIN_RECOVERY =
  'To choose a new PIN, someone who can sign in to this computer’s user account must reset it there: see “The manager PIN cannot be read” in Counter’s troubleshooting guide.';

const DEFAULT_CONSENT_PORT = 53682;

export async function startBackend(options: BackendOptions & { tuning?: BackendTuning }): Promise<Backend> {
  const overrides = checkOverrides({
    env: options.env ?? process.env,
    dataFolder: options.dataDirOverride ? { setting: options.dataDirOverride, path: options.dataDir } : undefined,
    packaged: options.packaged ?? false,
  });
  const log = options.tuning?.log ?? consoleLogger();
  for (const { setting, value } of overrides) log.warn('a setting from outside Counter is in use', { setting, value });
  prepareDataFolder(options.dataDir);
  const lock = lockDataFolder(options.dataDir, options.appName ?? 'Counter', options.now);
  try {
    const backend = new BackendRuntime(options, lock, overrides);
    await backend.start();
    return backend;
  } catch (error) {
    lock.release();
    throw error;
  }
}

class BackendRuntime implements Backend {
  private readonly events = new EventBus();
  private readonly vault: ConnectionVault;
  private readonly tokenRequests: TokenRequestLog;
  private readonly store: StoreLink;
  private readonly storeDeps: StoreHandlerDeps;
  /** What the local handlers ask of the store, while joined and live. */
  private readonly storePorts: Ports;
  private readonly modes: ModeSwitch;
  private readonly connection: ConnectionReport;
  private readonly route: Dispatch;
  private readonly now: () => number;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly env: Record<string, string | undefined>;
  private readonly updateChecks: UpdateChecks | null;
  private readonly integration: IntegrationApiRunner;

  constructor(
    private readonly options: BackendOptions & { tuning?: BackendTuning },
    private readonly folderLock: DataFolderLock,
    private readonly overrides: SettingOverride[],
  ) {
    this.now = options.now ?? Date.now;
    this.clock = options.clock ?? (() => performance.now());
    this.log = options.tuning?.log ?? consoleLogger();
    this.env = options.env ?? process.env;
    this.vault = new ConnectionVault(options.secretStore);
    this.tokenRequests = new TokenRequestLog(new FileSecretStore(join(options.dataDir, TOKEN_REQUEST_LOG_FILE)));
    const managers = new ManagerSessions(this.now);
    const pinFile = new ManagerPinFile(options.dataDir);
    const access = new ManagerAccess({
      pinFile,
      sessions: managers,
      now: this.now,
      isFreshInstall: async () => (await this.vault.read()) === null && !existsSync(join(options.dataDir, LIVE_DB_FILE)),
      audit: (event) => appendAccessEvent(this.modes.current().db, { at: this.now(), ...event }),
      recovery: options.pinRecovery ?? DEFAULT_PIN_RECOVERY,
      publishPin: (pin, currentPin) => publishPin(this.store, pin, currentPin),
      storeVerifies: (pin) => storeTakesPin(this.store, pin),
      ...(options.tuning?.pinKdfCost ? { kdfCost: options.tuning.pinKdfCost } : {}),
    });
    this.store = new StoreLink({
      file: new StoreLinkFile(options.storeSecretStore ?? new MemorySecretStore()),
      events: this.events,
      log: this.log,
      now: this.now,
      clock: this.clock,
      budgetPerMinute: options.tuning?.budgetPerMinute ?? CALL_BUDGET_PER_MINUTE,
      ...(options.tuning?.store ? { timing: options.tuning.store } : {}),
    });
    const mode = () => this.modes.current();
    this.connection = new ConnectionReport({ vault: this.vault, events: this.events, mode, storeAccount: () => this.store.joined?.zoho ?? null });
    const chargeTiming = { ...DEFAULT_CHARGE_TIMING, ...options.tuning?.timing };
    this.storeDeps = {
      link: this.store,
      vault: this.vault,
      access,
      log: this.log,
      now: this.now,
      clock: this.clock,
      releaseWaitMs: chargeTiming.sessionValidityMs + chargeTiming.graceMs,
      mode,
    };
    this.storePorts = storePorts(this.storeDeps);
    this.integration = new IntegrationApiRunner(
      options.integrationApi ?? null,
      {
        call: (name, input) => this.call(name, input),
        subscribe: (listener) => this.events.subscribe(listener),
        emit: (event) => this.events.emit(event),
        db: () => this.modes.current().db,
        currency: () => this.modes.current().currency,
        now: this.now,
      },
      this.log,
      this.clock,
    );
    const lasting: LastingDomains = {
      app: { 'app-info': () => appInfo(mode(), this.version(), this.overrides) },
      manager: managerHandlers(access, managers),
      store: storeCalls(this.storeDeps),
      integration: this.integration.handlers(),
      connection: connectionHandlers({
        vault: this.vault,
        tokenRequests: this.tokenRequests,
        env: this.env,
        now: this.now,
        log: this.log,
        mode,
        status: () => this.connection.status(),
        reopen: (insideCall) => this.reopen(insideCall),
        announce: (message) => this.connection.announce(message),
        ...(options.openExternal ? { openExternal: options.openExternal } : {}),
        consentPort: options.tuning?.consentPort ?? DEFAULT_CONSENT_PORT,
        reserveTokenRequest: (account) => this.store.reserveTokenRequest(account),
        ports: () => this.ports(),
      }),
      support: supportHandlers({
        dataDir: options.dataDir,
        version: this.version(),
        now: this.now,
        updater: options.updater ?? null,
        mode,
        vault: this.vault,
        pinFile,
        connectionStatus: () => this.connection.status(),
        storePassword: () => (this.store.joined ? addressPassword(this.store.joined.url) : null),
      }),
    };
    this.modes = new ModeSwitch({
      clock: this.clock,
      drainMs: options.tuning?.callDrainMs ?? 30_000,
      registry: (running) => createRegistry(lasting, running.services.context),
    });
    this.route = {
      middleware: [managerOnly(managers), this.modes.gate],
      handler: this.modes.handler,
      log: this.log,
    };
    this.updateChecks = options.updater
      ? startUpdateChecks({ updater: options.updater, livePayments: () => this.modes.livePayments(), now: this.now, log: this.log })
      : null;
  }

  /** Opens the mode the vault calls for, then the store link (which rejoins a remembered store in the background). */
  async start(): Promise<void> {
    await this.store.start();
    await this.open();
    const join = this.options.joinStoreAtStart;
    // The PC keeps its own role's address, not the owner's it was given: the same store on the same database is joined already.
    if (join && (this.store.joined?.storeName !== join.storeName || !sameDatabase(this.store.joined.url, join.url))) await this.joinAtStart(join);
    await this.integration.start();
  }

  integrationApiUrl(): string | null {
    return this.integration.url();
  }

  private async open(): Promise<void> {
    const stored = await this.vault.read();
    const modeOptions = this.modeOptions();
    const mode = isLiveConnection(stored) ? await startLiveMode(modeOptions, this.vault, stored) : await startDemoMode(modeOptions);
    this.modes.enter(mode);
    await this.connection.readTokens(mode);
    this.store.attach(mode);
  }

  /** The command line names a store: join it as its database credentials allow (no PIN). A failure is logged; the PC works on. */
  private async joinAtStart(join: NonNullable<BackendOptions['joinStoreAtStart']>): Promise<void> {
    try {
      await joinAndAdopt(this.storeDeps, { ...join, pin: join.pin ?? null }, async () => undefined);
    } catch (error) {
      this.log.error('could not join the store named at start', { store: join.storeName, error: error instanceof Error ? error.message : String(error) });
    }
  }

  subscribe(listener: Parameters<Backend['subscribe']>[0]): () => void {
    return this.events.subscribe(listener);
  }

  call<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>> {
    return dispatch(this.route, name, input);
  }

  exportDayCsv(input: unknown, target: DayCsvTarget): Promise<Result<DayCsvSaved>> {
    return exportDayCsv(this.route, () => this.modes.current().services.context, input, target);
  }

  /** Lets calls under way finish (a charge waiting for Zoho must record its session id), then stops. */
  async close(): Promise<void> {
    this.updateChecks?.stop();
    await this.integration.close();
    await this.modes.exclusively(0, async () => {
      try {
        await this.store.stop();
        await this.modes.stop();
      } finally {
        this.modes.forget();
        this.folderLock.release();
      }
    });
  }

  private version(): string {
    return this.options.tuning?.version ?? '0.1.0';
  }

  /** A PC of a store, live (a demo's counters and ledger are not the store's). */
  private joinedLive(): boolean {
    return this.store.joined !== null && this.modes.current().kind === 'live';
  }

  /** The store's ports while joined and live, else this PC's own. */
  private ports(): Ports {
    return this.joinedLive() ? this.storePorts : LOCAL_PORTS;
  }

  private modeOptions(): ModeOptions {
    const tuning = this.options.tuning ?? {};
    return {
      dataDir: this.options.dataDir,
      env: this.env,
      now: this.now,
      clock: this.clock,
      log: this.log,
      events: this.events,
      tokenRequests: this.tokenRequests,
      tuning,
      budgetPerMinute: () => this.store.budgetPerMinute(),
      chargeableCounters: (active) => this.store.chargeableCounters(active),
      reserveTokenRequest: (account) => this.store.reserveTokenRequest(account),
      ports: () => this.ports(),
      startDemoZoho: this.options.startDemoZoho,
      ...(tuning.backups ? { backupTiming: tuning.backups } : {}),
      onTokenState: this.connection.onTokenState,
      onZohoTrouble: this.connection.onZohoTrouble,
    };
  }

  /**
   * After a sign-in or disconnect: a re-sign-in to the running live account only refreshes the
   * connection state (its payments keep being checked); anything else starts the mode the vault calls for.
   */
  private async reopen(insideCall: boolean): Promise<void> {
    const stored = await this.vault.read();
    const mode = this.modes.current();
    if (mode.kind === 'live' && isLiveConnection(stored) && stored.accountId === mode.accountId && stored.edition === mode.edition) {
      await this.connection.readTokens(mode);
      await this.connection.announce();
      return;
    }
    await this.modes.exclusively(insideCall ? 1 : 0, async () => {
      await this.store.detach();
      await this.modes.stop();
      this.connection.forgetTrouble();
      await this.open();
    });
    this.events.emit({ type: 'app-changed', app: appInfo(this.modes.current(), this.version(), this.overrides) });
    this.events.emit({ type: 'counters-changed' });
    await this.connection.announce();
  }
}
