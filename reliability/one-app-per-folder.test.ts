// One Counter per data folder, with real processes: a second browser host started on the folder
// of a running one exits at once, saying which folder and which process holds it, and never
// serves (no second poller, no start-up recovery over the first one's payments); once the first
// is killed with kill -9, the operating system has released its lock and a new host starts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostProcess, type HostProcess as RunningHost } from '../testkit/host-process';
import { LiveHost } from '../testkit/live-host';
import { REPO_ROOT } from '../testkit/repo';

let setup: LiveHost;
let first: RunningHost;

beforeAll(async () => {
  setup = await LiveHost.start();
  first = await setup.startHost();
}, 60_000);

afterAll(async () => {
  await setup?.close();
});

/** `host/cli.ts` on the folder, as a person starts it; its exit code and everything it printed. */
async function startAnotherHost(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'host/cli.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, ZOHO_PAYMENTS_URL: setup.sim.url, ZOHO_ACCOUNTS_URL: setup.sim.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('two browser hosts on one data folder', () => {
  it('the second exits with a message naming the folder and the process that holds it; the first keeps serving', async () => {
    const second = await startAnotherHost(setup.dataDir);

    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`Counter is already running on the data folder ${setup.dataDir}: the browser host (process `);
    const holder = Number(/the browser host \(process (\d+)/.exec(second.stderr)?.[1]);
    expect(processAlive(holder)).toBe(true);
    expect(await first.ok('app-info', {})).toMatchObject({ mode: 'live' });
  }, 60_000);

  it('after kill -9 of the holder, a new host starts on the folder', async () => {
    await first.kill();
    const next = await HostProcess.start({ dataDir: setup.dataDir, paymentsUrl: setup.sim.url, accountsUrl: setup.sim.url });
    setup.host = next;
    expect(await next.ok('app-info', {})).toMatchObject({ mode: 'live' });
  }, 60_000);
});
