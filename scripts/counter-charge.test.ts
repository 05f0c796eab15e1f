// The examples in docs/INTEGRATING.md run against the demo, as a shop would run them: the browser
// host as a process in demo mode with its integration API, the CLI (scripts/counter-charge.mjs),
// the Python example and the curl lines, so the docs cannot rot.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostProcess } from '../testkit/host-process';
import { TEST_PIN, writeManagerPin } from '../testkit/manager-pin';
import { REPO_ROOT } from '../testkit/repo';
import { SimControl } from '../testkit/sim-control';
import { sleep } from '../testkit/time';

let host: HostProcess;
let dataDir: string;
let sim: SimControl;
let apiUrl: string;
let key: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return once(child, 'close').then(([code]) => {
    clearTimeout(timer);
    return { code: code as number | null, stdout, stderr };
  });
}

/** Pays the next session that appears on the terminal, as a customer would. */
async function payWhenShown(terminalId: string, outcome: Parameters<SimControl['pay']>[1]): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if ((await sim.sessions()).some((s) => s.terminal_id === terminalId && s.session_status === 'in_progress')) {
      await sim.pay(terminalId, outcome);
      return;
    }
    await sleep(50);
  }
  throw new Error(`nothing appeared on ${terminalId}`);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'counter-examples-'));
  await writeManagerPin(dataDir);
  const port = await freePort();
  // Demo mode: no Zoho connection saved; the host runs its own simulator.
  host = await HostProcess.start({ dataDir, paymentsUrl: 'http://127.0.0.1:9', accountsUrl: 'http://127.0.0.1:9', args: ['--api-port', String(port)] });
  apiUrl = `http://127.0.0.1:${port}`;
  const info = await host.ok('app-info', {});
  if (!info.simulatorUrl) throw new Error('the host did not start in demo mode');
  sim = new SimControl(info.simulatorUrl);
  const { managerToken } = await host.ok('manager-unlock', { pin: TEST_PIN });
  const counters = await host.ok('counters-list', {});
  key = (await host.ok('integration-key-create', { managerToken, name: 'Shop books', scopes: ['charge', 'read'], counterIds: counters.map((c) => c.id) })).secret;
}, 120_000);

afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the examples in docs/INTEGRATING.md, against the demo', () => {
  it('the command prints PAID and exits 0 when the customer pays', async () => {
    const charging = run(process.execPath, ['scripts/counter-charge.mjs', '--amount', '1234.50', '--ref', 'INV-9', '--counter', 'Counter A'], { COUNTER_API_URL: apiUrl, COUNTER_API_KEY: key });
    await payWhenShown('TRM001', { outcome: 'succeeded', method: 'card' });
    const result = await charging;
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^PAID INV-9 ₹1,234\.50 on Counter A: succeeded/);
    expect(result.code).toBe(0);
  });

  it('the command prints NOT PAID and exits 1 when the card is declined, and exits 4 naming the field when refused', async () => {
    const charging = run(process.execPath, ['scripts/counter-charge.mjs', '--amount', '20', '--ref', 'INV-10', '--counter', 'Counter B', '--method', 'card'], { COUNTER_API_URL: apiUrl, COUNTER_API_KEY: key });
    await payWhenShown('TRM002', { outcome: 'failed', failure_code: 'insufficient_funds' });
    const declined = await charging;
    expect(declined.stdout).toMatch(/^NOT PAID INV-10 ₹20\.00 on Counter B: failed/);
    expect(declined.code).toBe(1);

    const refused = await run(process.execPath, ['scripts/counter-charge.mjs', '--amount', '5', '--ref', 'INV-11', '--counter', 'Counter Z'], { COUNTER_API_URL: apiUrl, COUNTER_API_KEY: key });
    expect(refused.stderr).toMatch(/^Refused: There is no counter named "Counter Z"\. \(counter\)/);
    expect(refused.code).toBe(4);
  });

  it('the Python example charges and waits', async () => {
    const charging = run('python3', ['docs/examples/charge.py', 'INV-12', '999', 'Counter C'], { COUNTER_API_URL: apiUrl, COUNTER_API_KEY: key });
    await payWhenShown('TRM003', { outcome: 'succeeded', method: 'card' });
    const result = await charging;
    expect(result.stdout.trim()).toBe('INV-12 succeeded');
    expect(result.code).toBe(0);
  });

  it('the curl lines of the docs page run as written', async () => {
    const page = readFileSync(join(REPO_ROOT, 'docs', 'INTEGRATING.md'), 'utf8');
    const block = /```sh\n([\s\S]*?)```/.exec(page)?.[1];
    expect(block).toContain('curl');
    const result = await run('bash', ['-euo', 'pipefail', '-c', block ?? ''], { COUNTER_API_URL: apiUrl, COUNTER_API_KEY: key });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('"reference":"INV-13"');
    expect(result.stdout).toContain('"counters":[');
    expect(result.code).toBe(0);
  });
});
