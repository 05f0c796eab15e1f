// A throwaway PostgreSQL cluster for tests, benchmarks and `npm run demo:store`: initdb in a temp
// folder, started on a free port on 127.0.0.1 with its unix socket in that folder, password
// (scram) logins over TCP for the app's role, and removed by destroy(). initdb refuses root, so
// when this runs as root (CI does) every server command runs as the unprivileged `postgres`
// account, which owns the folder. Starting one costs ~1-3 s: vitest starts one for the whole run
// (testkit/vitest-setup.ts) and each test makes its own database in it (PostgresServer).
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The role the app logs in as, and its password (tests only). */
export const APP_ROLE = 'counter_app';
export const APP_PASSWORD = 'store-test-password';

/** Where initdb and pg_ctl are: $PG_BIN, else Debian's layout for the newest installed version. */
export function postgresBinDir(env: Record<string, string | undefined> = process.env): string {
  if (env.PG_BIN) return env.PG_BIN;
  for (const version of [17, 16, 15]) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error('PostgreSQL is not installed: `apt-get install postgresql-15`, or set PG_BIN to the folder holding initdb and pg_ctl.');
}

const isRoot = () => process.getuid?.() === 0;

/** The command line, run as `postgres` when we are root (initdb and postgres refuse root). */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

async function serverCommand(binary: string, args: string[]): Promise<void> {
  const [command, argv] = asServerUser(join(postgresBinDir(), binary), args);
  try {
    await run(command, argv, { timeout: 60_000 });
  } catch (error) {
    const details = error as { stderr?: string; stdout?: string };
    throw new Error(`${binary} ${args[0] ?? ''} failed: ${details.stderr ?? ''}${details.stdout ?? ''}`);
  }
}

/** A TCP port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Where a running cluster listens: its folder (the unix socket) and its TCP port. */
export interface ClusterAddress {
  readonly dir: string;
  readonly port: number;
}

/**
 * A running cluster to make databases in, which others may share: it has no way to stop the
 * server (a suite that stops PostgreSQL starts a PostgresCluster of its own).
 */
export class PostgresServer implements ClusterAddress {
  constructor(
    /** The temp folder: data/, the log and the unix socket. */
    readonly dir: string,
    readonly port: number,
  ) {}

  /**
   * A new database owned by the app's role (a unique name by default), empty or a copy of
   * `template` (a database nobody is connected to); its URL with the role's password.
   */
  async createDatabase(name = `store_${randomUUID().replaceAll('-', '')}`, template: string | null = null): Promise<string> {
    await this.admin(`CREATE DATABASE ${name} OWNER ${APP_ROLE}${template ? ` TEMPLATE ${template} STRATEGY FILE_COPY` : ''}`);
    return this.url(name);
  }

  /** The address the app is given for `database`: TCP on 127.0.0.1 with the app role's password. */
  url(database: string, credentials = `${APP_ROLE}:${APP_PASSWORD}`): string {
    return `postgres://${credentials}@127.0.0.1:${this.port}/${database}`;
  }

  /** Runs SQL as the superuser over the unix socket (trust), in `database` (default postgres). */
  async admin<Row extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, database = 'postgres', params: unknown[] = []): Promise<Row[]> {
    const client = new pg.Client({ host: this.dir, port: this.port, user: 'postgres', database });
    await client.connect();
    try {
      return (await client.query<Row>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
}

/** A cluster of our own: started here, and stopped (an outage), resumed and removed from here. */
export class PostgresCluster extends PostgresServer {
  private running = false;

  private constructor(dir: string, port: number) {
    super(dir, port);
  }

  static async start(): Promise<PostgresCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'counter-pg-'));
    if (isRoot()) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const cluster = new PostgresCluster(dir, await freePort());
    try {
      const passwordFile = join(dir, 'superuser-password');
      writeFileSync(passwordFile, `${APP_PASSWORD}\n`, { mode: 0o644 });
      await serverCommand('initdb', [
        '-D', cluster.dataDir, '-U', 'postgres', '--pwfile', passwordFile, '-E', 'UTF8', '--locale', 'C',
        '--auth-local', 'trust', '--auth-host', 'scram-sha-256', '--no-sync',
      ]);
      await cluster.resume();
      // The store's owner: it owns each test database and creates the PCs' roles (store migration 006).
      await cluster.admin(`CREATE ROLE ${APP_ROLE} LOGIN CREATEROLE PASSWORD '${APP_PASSWORD}'`);
      return cluster;
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Stops the server as an outage would (fast: open connections are cut); the data stays. */
  async pause(): Promise<void> {
    if (!this.running) return;
    await serverCommand('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'fast', '-w']);
    this.running = false;
  }

  /** Starts the server (again) on the same port and data. */
  async resume(): Promise<void> {
    if (this.running) return;
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    await serverCommand('pg_ctl', ['start', '-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o', options]);
    this.running = true;
  }

  /** Stops the server and removes every file. */
  async destroy(): Promise<void> {
    if (this.running) {
      await serverCommand('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'immediate', '-w']).catch(() => undefined);
      this.running = false;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
