// The whole backend behind one `call` and one event stream: picks demo or live mode from the
// stored connection, checks the manager unlock, parses every input, and turns failures into results.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BillingEvent } from '../contract/events';
import { ZOHO_TROUBLE_MESSAGES, type ZohoTrouble } from '../contract/failures';
import { MANAGER_ONLY, type HandlerName, type HandlerOutput } from '../contract/handlers';
import { parseHandlerInput } from '../contract/parse';
import { fail, ok, type Result } from '../contract/result';
import { CALL_BUDGET_PER_MINUTE } from '../contract/rules';
import type { AppInfo, ConnectionStatus, SettingOverride } from '../contract/answers';
import { appendAccessEvent } from '../db/local/access-events';
import { countLiveAttempts } from '../db/local/live-attempts';
import type { SimulatorOptions } from '../simulator/index';
import type { ChargeTuning } from './mode-services';
import { lockDataFolder, type DataFolderLock } from './data-folder/lock';
import { prepareDataFolder } from './data-folder/permissions';
import { EventBus } from './event-bus';
import { HandlerFailure, toAppError } from './failure';
import { connectionHandlers } from './handlers/connection';
import { managerHandlers } from './handlers/manager';
import { supportHandlers } from './handlers/support';
import type { Handler } from './handlers/types';
import { consoleLogger, type Logger } from './logger';
import { ManagerAccess } from './manager/access';
import { ManagerSessions } from './manager/auth';
import { REFUND_SCOPE_MESSAGE } from './after-sale/refunds/refund-service';
import { ManagerPinFile } from './manager/pin-file';
import type { KdfCost } from './manager/pin-hash';
import { isLiveConnection, LIVE_DB_FILE, startDemoMode, startLiveMode, type ModeOptions, type RunningMode } from './mode';
import { checkOverrides } from './outside-settings';
import { LOCAL_PORTS, type Ports } from './ports';
import { FileSecretStore } from './secrets/file-secret-store';
import { MemorySecretStore, type SecretStore } from './secrets/secret-store';
import { publishPinHash } from './store-link/config-writes';
import { joinAndAdopt, storeCalls, type StoreHandlerDeps } from './store-link/handlers';
import { StoreLink, type StoreTiming } from './store-link/link';
import { StoreLinkFile } from './store-link/link-file';
import { storePorts } from './store-link/store-ports';
import type { DailyBackupOptions } from './maintenance/daily-backups';
import { startUpdateChecks, type UpdateChecks } from './maintenance/update-checks';
import type { Updater } from './maintenance/update-policy';
import type { TokenState } from './zoho/token-manager';
import { TOKEN_REQUEST_LOG_FILE, TokenRequestLog } from './zoho/token-request-log';
import { ConnectionVault } from './zoho/vault';

/** What every transport (Electron IPC, the browser host's HTTP) sees of the backend. */
export interface Backend {
  /** Parses `input` by the call's schema, runs it, and never throws: failures come back as results. */
  call<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>>;
  subscribe(listener: (event: BillingEvent) => void): () => void;
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
  /** A packaged app: outside settings are accepted only when they keep the Zoho secrets safe (overrides.ts). */
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
  /** The desktop app's updater (main/updater.ts); without one (browser host, tests) Counter never updates. */
  updater?: Updater;
  /** Where a joined PC keeps its store's address (it may hold the database password); default: memory. */
  storeSecretStore?: SecretStore;
  /** Join this store at start (the browser host's --store / COUNTER_STORE_URL), trusting the database credentials. */
  joinStoreAtStart?: { url: string; storeName: string; stationName?: string };
  /** How to reset the manager PIN on this install (the command, or the app's flag), for the manager's screen. */
  pinRecovery?: string;
}

export interface BackendTuning extends ChargeTuning {
  /**
   * How long stopping or a mode switch waits for calls under way before going ahead (default 30 s).
   * Calls to Zoho under way are always waited for: the database never closes under one.
   */
  callDrainMs?: number;
  simulator?: SimulatorOptions;
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
  private mode: RunningMode | null = null;
  private readonly events = new EventBus();
  private readonly vault: ConnectionVault;
  private readonly tokenRequests: TokenRequestLog;
  private readonly managers: ManagerSessions;
  private readonly handlers: { [K in HandlerName]?: Handler<K> } = {};
  /** What the local handlers ask of the store, while joined and live. */
  private readonly storePorts: Ports;
  private readonly store: StoreLink;
  private readonly storeDeps: StoreHandlerDeps;
  private readonly now: () => number;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly env: Record<string, string | undefined>;
  /** What kept Zoho from answering the last call, or null once it answered. */
  private trouble: ZohoTrouble | null = null;
  private tokenState: TokenState = { kind: 'ready' };
  private lastProblem: string | null = null;
  /** Calls running now; a mode switch waits for them, and new calls wait for the switch. */
  private running = 0;
  private switching: Promise<void> | null = null;
  private readonly updateChecks: UpdateChecks | null;

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
    this.managers = new ManagerSessions(this.now);
    const pinFile = new ManagerPinFile(options.dataDir);
    const access = new ManagerAccess({
      pinFile,
      sessions: this.managers,
      now: this.now,
      isFreshInstall: async () => (await this.vault.read()) === null && !existsSync(join(options.dataDir, LIVE_DB_FILE)),
      audit: (event) => appendAccessEvent(this.current().db, { at: this.now(), ...event }),
      recovery: options.pinRecovery ?? DEFAULT_PIN_RECOVERY,
      publishHash: (hash) => publishPinHash(this.store, hash),
      ...(options.tuning?.pinKdfCost ? { kdfCost: options.tuning.pinKdfCost } : {}),
    });
    this.store = new StoreLink({
      file: new StoreLinkFile(options.storeSecretStore ?? new MemorySecretStore()),
      pin: access,
      events: this.events,
      log: this.log,
      now: this.now,
      budgetPerMinute: options.tuning?.budgetPerMinute ?? CALL_BUDGET_PER_MINUTE,
      ...(options.tuning?.store ? { timing: options.tuning.store } : {}),
    });
    const storeDeps: StoreHandlerDeps = {
      link: this.store,
      vault: this.vault,
      access,
      log: this.log,
      now: this.now,
      mode: () => this.current(),
    };
    this.storeDeps = storeDeps;
    this.storePorts = storePorts(storeDeps);
    Object.assign(
      this.handlers,
      managerHandlers(access, this.managers),
      storeCalls(storeDeps),
      connectionHandlers({
        vault: this.vault,
        tokenRequests: this.tokenRequests,
        env: this.env,
        now: this.now,
        log: this.log,
        mode: () => this.current(),
        status: () => this.connectionStatus(),
        reopen: (insideCall) => this.reopen(insideCall),
        announce: (message) => this.announceConnection(message),
        ...(options.openExternal ? { openExternal: options.openExternal } : {}),
        consentPort: options.tuning?.consentPort ?? DEFAULT_CONSENT_PORT,
        reserveTokenRequest: (account) => this.store.reserveTokenRequest(account),
        ports: () => this.ports(),
      }),
      supportHandlers({
        dataDir: options.dataDir,
        version: this.version(),
        now: this.now,
        updater: options.updater ?? null,
        mode: () => this.current(),
        vault: this.vault,
        pinFile,
        connectionStatus: () => this.connectionStatus(),
      }),
      { 'app-info': () => this.appInfo() },
    );
    this.updateChecks = options.updater
      ? startUpdateChecks({ updater: options.updater, livePayments: () => this.livePayments(), now: this.now, log: this.log })
      : null;
  }

  /** Opens the mode the vault calls for, then the store link (which rejoins a remembered store in the background). */
  async start(): Promise<void> {
    await this.store.start();
    await this.open();
    const join = this.options.joinStoreAtStart;
    if (join && (this.store.joined?.storeName !== join.storeName || this.store.joined.url !== join.url)) await this.joinAtStart(join);
  }

  private async open(): Promise<void> {
    const stored = await this.vault.read();
    const modeOptions = this.modeOptions();
    this.mode = isLiveConnection(stored) ? await startLiveMode(modeOptions, this.vault, stored) : await startDemoMode(modeOptions);
    this.tokenState = await this.mode.tokens.state();
    this.store.attach(this.mode);
  }

  /** The command line names a store: join it as its database credentials allow (no PIN). A failure is logged; the PC works on. */
  private async joinAtStart(join: NonNullable<BackendOptions['joinStoreAtStart']>): Promise<void> {
    try {
      await joinAndAdopt(this.storeDeps, { ...join, pin: null }, async () => undefined);
    } catch (error) {
      this.log.error('could not join the store named at start', { store: join.storeName, error: error instanceof Error ? error.message : String(error) });
    }
  }

  subscribe(listener: Parameters<Backend['subscribe']>[0]): () => void {
    return this.events.subscribe(listener);
  }

  async call<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>> {
    const parsed = parseHandlerInput(name, input);
    if (!parsed.ok) return parsed;
    try {
      if (MANAGER_ONLY.has(name)) this.requireManager(parsed.value);
      while (this.switching) await this.switching;
      // Chosen inside the gate, so a call never runs on the mode a switch just closed.
      const handler = this.localHandler(name);
      if (!handler) return fail('not_found', `Unknown call ${name}`);
      this.running += 1;
      try {
        return ok(await handler(parsed.value));
      } finally {
        this.running -= 1;
      }
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'internal') this.log.error('call failed', { call: name, error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: appError };
    }
  }

  /** Lets calls under way finish (a charge waiting for Zoho must record its session id), then stops. */
  async close(): Promise<void> {
    this.updateChecks?.stop();
    await this.exclusively(0, async () => {
      try {
        await this.store.stop();
        await this.mode?.stop();
      } finally {
        this.mode = null;
        this.folderLock.release();
      }
    });
  }

  /** Payments live now; while modes switch, counted as one (nothing starts meanwhile). */
  private livePayments(): number {
    return this.mode && !this.switching ? countLiveAttempts(this.mode.db) : 1;
  }

  private version(): string {
    return this.options.tuning?.version ?? '0.1.0';
  }

  /** A PC of a store, live (a demo's counters and ledger are not the store's). */
  private joinedLive(): boolean {
    return this.store.joined !== null && this.current().kind === 'live';
  }

  private ports(): Ports {
    return this.joinedLive() ? this.storePorts : LOCAL_PORTS;
  }

  /** The call as a PC of its own runs it (with the ports of the moment). */
  private localHandler<K extends HandlerName>(name: K): Handler<K> | undefined {
    return (this.handlers[name] ?? this.current().services.handlers[name as keyof RunningMode['services']['handlers']]) as Handler<K> | undefined;
  }

  private current(): RunningMode {
    if (!this.mode) throw new HandlerFailure('internal', 'Counter is shutting down.');
    return this.mode;
  }

  private requireManager(input: unknown): void {
    const token = (input as { managerToken?: string }).managerToken;
    if (!token || !this.managers.check(token)) {
      throw new HandlerFailure('locked', 'The manager screens are locked. Enter the manager PIN.', 'managerToken');
    }
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
      reserveTokenRequest: (account) => this.store.reserveTokenRequest(account),
      ports: () => this.ports(),
      ...(tuning.simulator ? { simulator: tuning.simulator } : {}),
      ...(tuning.backups ? { backupTiming: tuning.backups } : {}),
      onTokenState: (state) => {
        this.tokenState = state;
        void this.announceConnection();
      },
      onZohoTrouble: (trouble) => {
        if (this.trouble === trouble) return;
        this.trouble = trouble;
        void this.announceConnection();
      },
    };
  }

  /**
   * After a sign-in or disconnect: a re-sign-in to the running live account only refreshes the
   * connection state (its payments keep being checked); anything else starts the mode the vault calls for.
   */
  private async reopen(insideCall: boolean): Promise<void> {
    const stored = await this.vault.read();
    const mode = this.current();
    if (mode.kind === 'live' && isLiveConnection(stored) && stored.accountId === mode.accountId && stored.edition === mode.edition) {
      this.tokenState = await mode.tokens.state();
      await this.announceConnection();
      return;
    }
    await this.exclusively(insideCall ? 1 : 0, async () => {
      await this.store.detach();
      await this.mode?.stop();
      this.mode = null;
      this.trouble = null;
      await this.open();
    });
    this.events.emit({ type: 'app-changed', app: this.appInfo() });
    this.events.emit({ type: 'counters-changed' });
    await this.announceConnection();
  }

  /**
   * Holds new calls, waits (at most callDrainMs) until only `allowed` calls still run, then runs
   * `work`, which stops a mode: that waits for every call to Zoho still under way, whatever the time.
   */
  private async exclusively(allowed: number, work: () => Promise<void>): Promise<void> {
    while (this.switching) await this.switching;
    let release!: () => void;
    this.switching = new Promise((resolve) => (release = resolve));
    try {
      const deadline = this.clock() + (this.options.tuning?.callDrainMs ?? 30_000);
      while (this.running > allowed && this.clock() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await work();
    } finally {
      this.switching = null;
      release();
    }
  }

  private async announceConnection(problem?: string): Promise<void> {
    this.lastProblem = problem ?? null;
    this.events.emit({ type: 'connection-changed', connection: await this.connectionStatus() });
  }

  private appInfo(): AppInfo {
    const mode = this.current();
    return {
      mode: mode.kind,
      version: this.version(),
      currency: mode.currency,
      simulatorUrl: mode.simulator?.url ?? null,
      overrides: this.overrides,
    };
  }

  private async connectionStatus(): Promise<ConnectionStatus> {
    const mode = this.current();
    const stored = await this.vault.read();
    const refundsEnabled = await mode.tokens.refundsAllowed();
    // A PC of a store that has not connected Zoho yet is shown the store's account, to connect to.
    const account = stored ?? this.store.joined?.zoho ?? null;
    const base = {
      edition: account?.edition ?? null,
      accountId: account?.accountId ?? null,
      clientId: account?.clientId ?? null,
      degraded: this.trouble !== null,
      trouble: this.trouble,
      retryAt: null,
      refundsEnabled,
    };
    const problem = this.lastProblem ? ` ${this.lastProblem}` : '';
    if (mode.kind === 'demo') {
      return {
        ...base,
        state: 'demo',
        message: `Demo mode: payments are simulated and no money moves. Connect a Zoho account to take real payments.${problem}`,
      };
    }
    const state = this.tokenState.kind === 'ready' ? await mode.tokens.state() : this.tokenState;
    switch (state.kind) {
      case 'reconnect_required':
        return { ...base, state: 'reconnect_required', message: state.reason };
      case 'throttled':
        return { ...base, state: 'throttled', retryAt: state.retryAt, message: 'Zoho is limiting sign-in requests; Counter will try again shortly.' };
      default:
        return {
          ...base,
          state: 'connected',
          message: this.trouble
            ? `${ZOHO_TROUBLE_MESSAGES[this.trouble]} Payments in progress are still being checked.`
            : refundsEnabled
              ? 'Connected to Zoho Payments.'
              : `Connected to Zoho Payments for charging. ${REFUND_SCOPE_MESSAGE}`,
        };
    }
  }
}
