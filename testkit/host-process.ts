// The browser host as a real process, as `npm run start:browser` runs it: `node out/host/cli.mjs
// --port 0 --data-dir DIR` (host/cli.ts bundled, rebuilt here when stale), live mode against the
// URLs given, driven over its HTTP API with its per-run token, and killed with SIGKILL (its whole
// process group, should it ever start one).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { HandlerName, HandlerOutput } from '../contract/handlers';
import type { Result } from '../contract/result';
import { FileSecretStore } from '../core/secrets/file-secret-store';
import type { FixtureSummary } from '../simulator/fixture';
import { connectionToSimulator } from '../core/mode';
import { callHost } from './host-api';
import { writeManagerPin } from './manager-pin';
import { okValue } from './results';
import { hostBundle, REPO_ROOT } from './repo';

/** Where the host keeps the Zoho connection (host/cli.ts): a 0600 JSON file in the data folder. */
export function secretsFile(dataDir: string): string {
  return join(dataDir, 'zoho-connection.json');
}

/**
 * A data folder whose saved connection is signed in to `fixture`'s simulator (the host starts live),
 * with the manager PIN TEST_PIN set.
 */
export async function prepareLiveDataDir(dataDir: string, fixture: FixtureSummary): Promise<void> {
  await new FileSecretStore(secretsFile(dataDir)).write(JSON.stringify(connectionToSimulator(fixture)));
  await writeManagerPin(dataDir);
}

export interface HostProcessOptions {
  dataDir: string;
  paymentsUrl: string;
  accountsUrl: string;
  /** Give up waiting for the first line after this long (default 30 s). */
  startTimeoutMs?: number;
  /** More command-line arguments (e.g. --store URL --store-name NAME). */
  args?: string[];
  /** More environment for the host (as COUNTER_STORE_URL, which keeps a password out of the process list). */
  env?: Record<string, string>;
}

export class HostProcess {
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    /** The last lines the host wrote to stderr (its JSON log), for failure messages. */
    readonly stderrTail: string[],
    readonly origin: string,
    readonly token: string,
    /** Spawn → first stdout line, in ms. */
    readonly readyMs: number,
    readonly url: string,
    exited: Promise<void>,
  ) {
    this.exited = exited;
  }

  static async start(options: HostProcessOptions): Promise<HostProcess> {
    const bundle = await hostBundle();
    const started = performance.now();
    // The integration API only when a test asks for it (its default port is one per computer).
    const args = options.args ?? [];
    const api = args.includes('--api-port') ? [] : ['--no-api'];
    const child = spawn(process.execPath, [bundle, '--port', '0', '--data-dir', options.dataDir, ...api, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ZOHO_PAYMENTS_URL: options.paymentsUrl, ZOHO_ACCOUNTS_URL: options.accountsUrl, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that a kill reaches everything it runs.
      detached: true,
    });
    const stderrTail: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const lines = createInterface({ input: child.stdout });
    const firstLine = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host printed nothing in ${options.startTimeoutMs ?? 30_000} ms: ${stderrTail.join('\n')}`)), options.startTimeoutMs ?? 30_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve(line);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the host exited (${code}) before it was ready: ${stderrTail.join('\n')}`));
      });
    });
    const readyMs = performance.now() - started;
    lines.on('line', () => undefined); // keep draining stdout
    const url = new URL(firstLine.trim());
    const token = url.searchParams.get('token');
    if (!token) throw new Error(`the host's first line carries no token: ${firstLine}`);
    return new HostProcess(child, stderrTail, url.origin, token, readyMs, url.href, exited);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** POST /api/call/<name> with the token; the Result as the host sent it. */
  async call<K extends HandlerName>(name: K, input: unknown, timeoutMs = 30_000): Promise<Result<HandlerOutput<K>>> {
    return callHost(this.origin, this.token, name, input, timeoutMs);
  }

  async ok<K extends HandlerName>(name: K, input: unknown): Promise<HandlerOutput<K>> {
    return okValue(name, await this.call(name, input));
  }

  /** kill -9 of the host (its whole process group), and wait until it is gone. */
  async kill(): Promise<void> {
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await this.exited;
    await waitForGroupGone(this.pid);
  }

  /** A clean stop (SIGTERM): the host closes its database. */
  async stop(): Promise<void> {
    try {
      process.kill(-this.pid, 'SIGTERM');
    } catch {
      return;
    }
    const killed = setTimeout(() => void this.kill(), 10_000);
    await this.exited;
    clearTimeout(killed);
    await waitForGroupGone(this.pid);
  }
}

/** Until no process of the group is left. */
async function waitForGroupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (!groupAlive(pgid)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`process group ${pgid} is still alive 5 s after SIGKILL`);
}

/**
 * Whether a process of the group still runs. On Linux, from /proc, so that a killed process left a
 * zombie until its new parent reaps it counts as gone (it holds no files, locks or ports).
 */
function groupAlive(pgid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
