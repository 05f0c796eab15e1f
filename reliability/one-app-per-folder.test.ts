// One Counter per data folder, with real processes: a second browser host started on the folder
// of a running one exits at once, saying which folder and which process holds it, and never
// serves (no second poller, no start-up recovery over the first one's payments); once the first
// is killed with kill -9, the operating system has released its lock and a new host starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostProcess, type HostProcess as RunningHost } from '../testkit/host-process';
import { LiveHost } from '../testkit/live-host';
import { runHost, type ScriptRun } from '../testkit/script-run';

let setup: LiveHost;
let first: RunningHost;

beforeAll(async () => {
  setup = await LiveHost.start();
  first = await setup.startHost();
}, 60_000);

afterAll(async () => {
  await setup?.close();
});

/** The browser host on the folder, as a person starts it (killed by runHost if it ever serves). */
function startAnotherHost(dataDir: string): Promise<ScriptRun> {
  return runHost(['--port', '0', '--data-dir', dataDir], { env: { ...process.env, ZOHO_PAYMENTS_URL: setup.sim.url, ZOHO_ACCOUNTS_URL: setup.sim.url } });
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
