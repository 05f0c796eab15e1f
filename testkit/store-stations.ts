// A store of several PCs as a person runs it: a throwaway PostgreSQL cluster (or a shared one),
// one simulator (the store's Zoho account), and one browser host process per PC, each with its own
// data folder signed in to the simulator and joined to the store with --store. PC 1 creates the
// store, sets the manager PIN and the counters (one per PC, on the simulator's terminals); the
// others join and take them from the store. The process-level store suites, the store's e2e specs,
// the sync benchmarks and `npm run demo:store` run on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChargeAttempt, Counter } from '../contract/records';
import Database from 'better-sqlite3';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../simulator/index';
import { HostProcess, prepareLiveDataDir } from './host-process';
import { freePort, PostgresCluster, type PostgresServer } from './postgres-cluster';
import { buildRenderer, rendererStale } from './repo';
import { TEST_PIN } from './manager-pin';
import { SimControl } from './sim-control';
import { eventually, pcLedgerRows, storeLedgerRows, unionOfLedgers, withStoreClient, type LedgerRows } from './store-ledger';

/** Every station's data folder starts with the test PIN (prepareLiveDataDir); the store takes the first's. */
export const STATION_PIN = TEST_PIN;

export interface StoreStationsOptions {
  stations: number;
  /** Counters of the store (default: one per PC). */
  counters?: number;
  /** A running cluster to create the store's database in (default: one of its own, removed by close()). */
  cluster?: PostgresServer;
  storeName?: string;
  /** The simulator's options (e.g. Zoho's rate limit, longer sessions). */
  simulator?: SimulatorOptions;
  /** Each PC serves the integration API on a free port of its own (Station.apiUrl). */
  integrationApi?: boolean;
}

export interface Station {
  index: number;
  name: string;
  dataDir: string;
  host: HostProcess;
  managerToken: string;
  stationId: string;
  /** The PC's integration API, when the stations were started with it. */
  apiUrl: string | null;
}

/** `cluster` is the store's own PostgresCluster (which a test may stop: an outage) unless one was given. */
export class StoreStations<Cluster extends PostgresServer = PostgresCluster> {
  readonly stations: Station[] = [];
  counters: Counter[] = [];

  private constructor(
    readonly cluster: Cluster,
    private readonly ownCluster: PostgresCluster | null,
    readonly url: string,
    readonly storeName: string,
    readonly sim: RunningSimulator,
    readonly control: SimControl,
    private readonly integrationApi: boolean,
  ) {}

  static async start(options: StoreStationsOptions & { cluster?: undefined }): Promise<StoreStations>;
  static async start(options: StoreStationsOptions): Promise<StoreStations<PostgresServer>>;
  static async start(options: StoreStationsOptions): Promise<StoreStations<PostgresServer>> {
    if (rendererStale()) await buildRenderer();
    let ownCluster: PostgresCluster | null = null;
    const cluster = options.cluster ?? (ownCluster = await PostgresCluster.start());
    const url = await cluster.createDatabase();
    const sim = await startSimulator(options.simulator ?? {});
    const stations = new StoreStations(cluster, ownCluster, url, options.storeName ?? 'Main Street', sim, new SimControl(sim.url), options.integrationApi ?? false);
    try {
      await stations.open(options);
    } catch (error) {
      await stations.close();
      throw error;
    }
    return stations;
  }

  /** The address of PC `index` (0-based), with its key. */
  address(index: number): string {
    return this.station(index).host.url;
  }

  station(index: number): Station {
    const station = this.stations[index];
    if (!station) throw new Error(`no PC ${index + 1}`);
    return station;
  }

  /** An invoice of one line on the counter, charged from PC `index` (which claims the counter). */
  async charge(index: number, counter: number, amountMinor: number): Promise<ChargeAttempt> {
    const { host } = this.station(index);
    const counterId = this.counters[counter]?.id;
    if (!counterId) throw new Error(`no counter ${counter}`);
    const invoice = await host.ok('invoice-create', { counterId, lines: [{ description: 'Item', quantity: 1, unitPriceMinor: amountMinor }] });
    return host.ok('charge-create', { invoiceId: invoice.id, counterId, method: 'card' });
  }

  /** The store's ledger, and the union of the PCs' own (read from their SQLite files), in one shape. */
  async ledgers(): Promise<{ store: LedgerRows; union: LedgerRows }> {
    const store = await withStoreClient(this.url, async (client) => {
      const id = (await client.query<{ id: string }>('SELECT id FROM stores WHERE name = $1', [this.storeName])).rows[0]?.id ?? '';
      return storeLedgerRows(client, id);
    });
    return { store, union: unionOfLedgers(...this.stations.map((s) => pcLedgerRows(this.databaseFile(s.index), s.stationId))) };
  }

  /**
   * Exactly once: for each PC, the last outbox event the store applied (its cursor) and the last
   * one the PC queued, and how many wait. Equal and none waiting: every change arrived, once.
   */
  async cursors(): Promise<{ name: string; shipped: number; queued: number; waiting: number }[]> {
    const shipped = await withStoreClient(this.url, async (client) => {
      const rows = await client.query<{ id: string; shipped_seq: number }>('SELECT id, shipped_seq FROM stations');
      return new Map(rows.rows.map((r) => [r.id, r.shipped_seq]));
    });
    return this.outboxes().map((outbox, i) => ({ ...outbox, shipped: shipped.get(this.station(i).stationId) ?? -1 }));
  }

  /** Each PC's outbox, read from its SQLite file: the last change it queued and how many wait. */
  outboxes(): { name: string; queued: number; waiting: number }[] {
    return this.stations.map((station) => {
      const db = new Database(this.databaseFile(station.index), { readonly: true });
      try {
        const queued = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'store_outbox'").get() as { seq: number } | undefined)?.seq ?? 0;
        const waiting = (db.prepare('SELECT count(*) AS n FROM store_outbox').get() as { n: number }).n;
        return { name: station.name, queued, waiting };
      } finally {
        db.close();
      }
    });
  }

  /** The live database of PC `index`. */
  databaseFile(index: number): string {
    return join(this.station(index).dataDir, 'counter.db');
  }

  /** kill -9 of PC `index`. */
  async kill(index: number): Promise<void> {
    await this.station(index).host.kill();
  }

  /** Starts PC `index` again on its data folder (after a kill or a stop); it rejoins its store by itself. */
  async restart(index: number): Promise<void> {
    const station = this.station(index);
    station.host = await this.startHost(station.dataDir, station.name, station.apiUrl === null ? null : Number(new URL(station.apiUrl).port));
    station.managerToken = (await station.host.ok('manager-unlock', { pin: STATION_PIN })).managerToken;
  }

  async close(): Promise<void> {
    for (const station of this.stations) await station.host.stop().catch(() => undefined);
    await this.sim.stop();
    for (const station of this.stations) rmSync(station.dataDir, { recursive: true, force: true });
    await this.ownCluster?.destroy();
  }

  private async open(options: StoreStationsOptions): Promise<void> {
    const first = await this.addStation(0);
    first.managerToken = (await first.host.ok('manager-unlock', { pin: STATION_PIN })).managerToken;
    for (let i = 0; i < (options.counters ?? options.stations); i += 1) {
      const terminalId = this.sim.fixture.terminals[i] ?? (await this.sim.addTerminal(`TRM${String(i + 1).padStart(3, '0')}`));
      const label = i < 26 ? String.fromCharCode(65 + i) : String(i + 1);
      this.counters.push(await first.host.ok('counter-create', { managerToken: first.managerToken, name: `Counter ${label}`, terminalId, invoicePrefix: `${label}-` }));
    }
    const others = await Promise.all(Array.from({ length: options.stations - 1 }, (_, i) => this.addStation(i + 1)));
    for (const station of others) await this.awaitStoreConfig(station);
    this.stations.sort((a, b) => a.index - b.index);
  }

  /** Another PC joins the store (it takes the counters and PIN from the store). */
  async addPc(): Promise<Station> {
    const station = await this.addStation(this.stations.length);
    await this.awaitStoreConfig(station);
    return station;
  }

  private async awaitStoreConfig(station: Station): Promise<void> {
    await eventually(async () => ((await station.host.ok('counters-list', {})).length === this.counters.length ? true : undefined), 15_000, `${station.name} getting the counters`);
    station.managerToken = (await eventually(async () => {
      const unlocked = await station.host.call('manager-unlock', { pin: STATION_PIN });
      return unlocked.ok ? unlocked.value : undefined;
    }, 15_000, `${station.name} getting the store's PIN`)).managerToken;
  }

  private async addStation(index: number): Promise<Station> {
    const dataDir = mkdtempSync(join(tmpdir(), `counter-station-${index + 1}-`));
    await prepareLiveDataDir(dataDir, this.sim.fixture);
    const name = `PC ${index + 1}`;
    const apiPort = this.integrationApi ? await freePort() : null;
    const host = await this.startHost(dataDir, name, apiPort);
    const status = await eventually(async () => {
      const current = await host.ok('store-status', {});
      return current.link === 'up' && current.stationId ? current : undefined;
    }, 20_000, `${name} joining the store`);
    const station: Station = { index, name, dataDir, host, managerToken: '', stationId: status.stationId ?? '', apiUrl: apiPort === null ? null : `http://127.0.0.1:${apiPort}` };
    this.stations.push(station);
    return station;
  }

  private startHost(dataDir: string, name: string, apiPort: number | null = null): Promise<HostProcess> {
    return HostProcess.start({
      dataDir,
      paymentsUrl: this.sim.url,
      accountsUrl: this.sim.url,
      args: ['--store-name', this.storeName, '--station-name', name, ...(apiPort === null ? [] : ['--api-port', String(apiPort)])],
      // The address holds the password: through the environment, never the command line.
      env: { COUNTER_STORE_URL: this.url },
    });
  }
}
