// The browser host as a person starts it (host/cli.ts, bundled): --packaged refuses an outside setting that would send the Zoho
// secrets over plain http to another computer; without it, the setting is used (and logged).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildRenderer, rendererBuilt, REPO_ROOT } from '../testkit/repo';
import { runHost } from '../testkit/script-run';

let dataDir: string;

beforeAll(async () => {
  if (!rendererBuilt()) await buildRenderer();
}, 120_000);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'counter-cli-'));
});

afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const HOST_ENV = { ...process.env, ZOHO_PAYMENTS_URL: 'http://payments.example.test', ZOHO_ACCOUNTS_URL: '' };

describe('npm run start:browser', () => {
  it('with --packaged, refuses ZOHO_PAYMENTS_URL over http to another computer', async () => {
    const run = await runHost(['--port', '0', '--data-dir', dataDir, '--packaged'], { env: HOST_ENV, timeoutMs: 20_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Counter will not start: ZOHO_PAYMENTS_URL is set to http://payments.example.test, but a packaged Counter sends the Zoho client secret and tokens only over https');
  }, 30_000);

  it('refuses a store address with a password on the command line, where the process list shows it', async () => {
    const run = await runHost(['--port', '0', '--data-dir', dataDir, '--store', 'postgres://till:s3cret@127.0.0.1:5432/store', '--store-name', 'Main Street'], {
      env: HOST_ENV,
      timeoutMs: 20_000,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--store: an address with a password would show in the process list. Give it in COUNTER_STORE_URL instead.');
    expect(run.stderr).not.toContain('s3cret');
  }, 30_000);

  it('refuses --store-ca without a store to use it for', async () => {
    const run = await runHost(['--port', '0', '--data-dir', dataDir, '--store-ca', '/etc/ssl/ca.crt'], { env: HOST_ENV, timeoutMs: 20_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--store-ca goes with --store (or COUNTER_STORE_URL).');
  }, 30_000);

  it('without it, starts and logs the settings from outside Counter', async () => {
    // As `npm run start:browser` runs it: the start script, which builds what is stale and runs the host's bundle.
    const child = spawn(process.execPath, ['scripts/start-browser.mjs', '--port', '0', '--data-dir', dataDir], { cwd: REPO_ROOT, env: HOST_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => log.push(line));
    try {
      const [first] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      // Logged before the address is printed; stderr may reach us a moment after stdout.
      const settings = async () => {
        for (let i = 0; i < 50 && !log.some((line) => line.includes('--data-dir')); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
        return log
          .map((line) => JSON.parse(line) as { message: string; setting?: string; value?: string })
          .filter((line) => line.message === 'a setting from outside Counter is in use')
          .map(({ setting, value }) => ({ setting, value }));
      };
      expect(await settings()).toEqual([
        { setting: 'ZOHO_PAYMENTS_URL', value: 'http://payments.example.test' },
        { setting: '--data-dir', value: dataDir },
      ]);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'close');
    }
  }, 30_000);
});
