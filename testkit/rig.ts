// A backend in live mode against a real simulator over HTTP, with a real SQLite file in a temp
// folder: what the integration tests, soak suites and benchmarks run on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BillingEvent } from '../contract/events';
import type { HandlerName, HandlerOutput } from '../contract/handlers';
import type { ChargeAttempt, Counter, Refund } from '../contract/records';
import type { Result } from '../contract/result';
import { getAttempt } from '../db/local/attempts';
import { getRefund } from '../db/local/refunds';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../simulator/index';
import { startBackend, type Backend, type BackendOptions, type BackendTuning } from '../core/backend';
import { silentLogger } from '../core/logger';
import { MemorySecretStore } from '../core/secrets/secret-store';
import { connectionToSimulator } from '../core/mode';
import type { Updater } from '../core/maintenance/update-policy';
import { TEST_PIN, TEST_PIN_KDF_COST, writeManagerPin } from './manager-pin';
import { okValue } from './results';
import { SimControl } from './sim-control';
import { sleep } from './time';

/** A backend for tests: silent, polling every 250 ms, its consent listener on any free port, cheap PIN hashes. */
export const TEST_TUNING = { log: silentLogger, pollIntervalMs: 250, consentPort: 0, pinKdfCost: TEST_PIN_KDF_COST } satisfies BackendTuning;

export interface RigOptions {
  simulator?: SimulatorOptions;
  tuning?: BackendTuning;
  /** How many counters to create, mapped to the simulator's terminals in order (default 3). */
  counters?: number;
  /** Replaces the payments API address (e.g. a port where nothing listens). */
  paymentsUrl?: string;
  /** The desktop app's updater (the backend has none by default, as in the browser host). */
  updater?: Updater;
  /** The backend's wall clock (default Date.now as it was at load: a faked Date does not reach it unless given here). */
  now?: () => number;
  /** Another rig's simulator (several PCs of one store on one Zoho account): not stopped by close(). */
  sharedSimulator?: RunningSimulator;
  /** Join this store at start, as the browser host's --store does. */
  joinStore?: { url: string; storeName: string; stationName?: string };
  /** Start the integration API (port 0: any free one). */
  integrationApi?: BackendOptions['integrationApi'];
}

export class Rig {
  readonly events: BillingEvent[] = [];
  backend!: Backend;
  counters: Counter[] = [];
  managerToken = '';
  private unsubscribe: () => void = () => undefined;
  private reader: Database.Database | null = null;

  private constructor(
    readonly sim: RunningSimulator,
    readonly control: SimControl,
    readonly dataDir: string,
    readonly secrets: MemorySecretStore,
    private readonly options: RigOptions,
    /** Where the store link is kept (the PC's secret store), across restarts. */
    readonly storeSecrets = new MemorySecretStore(),
  ) {}

  static async start(options: RigOptions = {}): Promise<Rig> {
    const sim = options.sharedSimulator ?? (await startSimulator(options.simulator ?? {}));
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-rig-'));
    const { fixture } = sim;
    const connection = connectionToSimulator(fixture);
    const rig = new Rig(sim, new SimControl(sim.url), dataDir, new MemorySecretStore(JSON.stringify(connection)), options);
    await writeManagerPin(dataDir);
    await rig.boot();
    rig.managerToken = (await rig.call('manager-unlock', { pin: TEST_PIN })).managerToken;
    const wanted = options.counters ?? 3;
    for (let i = 0; i < wanted; i += 1) {
      const terminalId = fixture.terminals[i] ?? (await sim.addTerminal(`TRM${String(i + 1).padStart(3, '0')}`));
      rig.counters.push(await rig.call('counter-create', { managerToken: rig.managerToken, name: `Counter ${i + 1}`, terminalId, invoicePrefix: `C${i + 1}-` }));
    }
    return rig;
  }

  /** Stops the backend (as a crash would not: cleanly) and starts a new one on the same files. */
  async restart(): Promise<void> {
    await this.stopBackend();
    await this.boot();
    this.managerToken = (await this.call('manager-unlock', { pin: TEST_PIN })).managerToken;
  }

  /** Changes the backend's tuning from the next boot (or restart) on. */
  retune(tuning: BackendTuning): void {
    this.options.tuning = { ...this.options.tuning, ...tuning };
  }

  async stopBackend(): Promise<void> {
    this.unsubscribe();
    await this.backend.close();
  }

  async boot(): Promise<void> {
    // The file may have been replaced meanwhile (a restore): read the one the backend opens.
    this.reader?.close();
    this.reader = null;
    this.backend = await startBackend({
      dataDir: this.dataDir,
      secretStore: this.secrets,
      startDemoZoho: startSimulator,
      env: { ZOHO_PAYMENTS_URL: this.options.paymentsUrl ?? this.sim.url, ZOHO_ACCOUNTS_URL: this.sim.url },
      ...(this.options.updater ? { updater: this.options.updater } : {}),
      ...(this.options.now ? { now: this.options.now } : {}),
      tuning: { ...TEST_TUNING, ...this.options.tuning },
      storeSecretStore: this.storeSecrets,
      ...(this.options.joinStore ? { joinStoreAtStart: this.options.joinStore } : {}),
      ...(this.options.integrationApi ? { integrationApi: this.options.integrationApi } : {}),
    });
    this.unsubscribe = this.backend.subscribe((event) => this.events.push(event));
  }

  raw<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>> {
    return this.backend.call(name, input);
  }

  async call<K extends HandlerName>(name: K, input: unknown): Promise<HandlerOutput<K>> {
    return okValue(name, await this.backend.call(name, input));
  }

  /** Creates an invoice of one line on counter `index` and charges it. */
  async charge(amountMinor: number, options: { counter?: number; method?: 'card' | 'upi' } = {}): Promise<ChargeAttempt> {
    const counter = this.counters[options.counter ?? 0];
    if (!counter) throw new Error('no such counter');
    const invoice = await this.call('invoice-create', {
      counterId: counter.id,
      lines: [{ description: 'Test item', quantity: 1, unitPriceMinor: amountMinor }],
    });
    return this.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: options.method ?? 'card' });
  }

  /** The attempt as stored, read through a second, read-only connection to the database file. */
  attempt(attemptId: string): ChargeAttempt {
    const found = getAttempt(this.readOnly(), attemptId);
    if (!found) throw new Error(`no attempt ${attemptId}`);
    return found;
  }

  /** The refund as stored, read as `attempt` is. */
  refund(refundId: string): Refund {
    const found = getRefund(this.readOnly(), refundId);
    if (!found) throw new Error(`no refund ${refundId}`);
    return found;
  }

  /** Waits until the attempt satisfies `done`, checking the backend (not the events) every 50 ms. */
  waitFor(attemptId: string, done: (attempt: ChargeAttempt) => boolean, timeoutMs = 10_000): Promise<ChargeAttempt> {
    return waitUntil(() => this.attempt(attemptId), done, timeoutMs, `attempt ${attemptId}`);
  }

  /** Waits until the refund satisfies `done`, as waitFor does. */
  waitForRefund(refundId: string, done: (refund: Refund) => boolean, timeoutMs = 10_000): Promise<Refund> {
    return waitUntil(() => this.refund(refundId), done, timeoutMs, `refund ${refundId}`);
  }

  private readOnly(): Database.Database {
    this.reader ??= new Database(join(this.dataDir, 'counter.db'), { readonly: true });
    return this.reader;
  }

  async close(): Promise<void> {
    this.reader?.close();
    await this.stopBackend().catch(() => undefined);
    if (!this.options.sharedSimulator) await this.sim.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function waitUntil<T extends { state: string }>(read: () => T, done: (record: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = read();
    if (done(record)) return record;
    if (Date.now() > deadline) throw new Error(`${what} stayed ${record.state}`);
    await sleep(50);
  }
}
