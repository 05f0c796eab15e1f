// The README's start command on a machine without the Electron binary: `npm start` starts the browser
// mode instead, says so in one line, prints its address, and that address serves the app.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../testkit/repo';
import { shot } from './screens-support';

test('npm start without the Electron binary serves the app in browser mode', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-npm-start-'));
  // The electron package's own override points at an empty folder: no binary, whether or not this machine has one.
  const noElectron = mkdtempSync(join(tmpdir(), 'counter-no-electron-'));
  const child = spawn('npm', ['start', '--', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron, DISPLAY: '', WAYLAND_DISPLAY: '', BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm, the script and the host stop together.
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  try {
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address printed: ${lines.join('\n')}`)), 150_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) {
          clearTimeout(timer);
          resolve(line);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
      void exited.then(() => reject(new Error(`npm start exited: ${lines.join('\n')}`)));
    });
    expect(lines).toContain('Electron is not installed on this machine, so Counter starts in browser mode instead (see README: Browser mode).');
    // No display here: it does not try to open a browser.
    expect(lines).not.toContain('Opened it in your browser.');

    const response = await fetch(address, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    await page.goto(address);
    await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Counter A\b/ })).toBeVisible();
    await shot(page, 'npm-start-browser-mode');
  } finally {
    try {
      process.kill(-(child.pid ?? 0), 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(noElectron, { recursive: true, force: true });
  }
});
