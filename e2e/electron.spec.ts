// The desktop app itself, driven through Playwright's Electron support. It needs the Electron
// binary, which downloads from GitHub on install: where that is impossible these specs are skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { camelCaseName } from '../contract/api';
import { HANDLER_NAMES } from '../contract/handlers';
import { electronBinary } from '../scripts/electron-binary.mjs';
import { REPO_ROOT } from '../testkit/repo';

const executablePath = electronBinary();

test.skip(!executablePath, 'Electron binary not installed here (no GitHub access); run where it is');
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let appWindow: Page;
let userData: string;

test.beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  expect(build.status, 'electron-vite build').toBe(0);
  userData = mkdtempSync(join(tmpdir(), 'counter-electron-'));
  app = await electron.launch({
    executablePath: executablePath ?? undefined,
    args: [REPO_ROOT],
    cwd: REPO_ROOT,
    env: { ...withoutDevServer(process.env), COUNTER_USER_DATA_DIR: userData },
  });
  appWindow = await app.firstWindow();
});

/** The built app must load its own files, never a dev server named in the environment. */
function withoutDevServer(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[0] !== 'ELECTRON_RENDERER_URL' && entry[1] !== undefined));
}

test.afterAll(async () => {
  await app?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test('the window opens on the app page with the demo banner', async () => {
  await expect(appWindow).toHaveTitle('Counter');
  expect(appWindow.url()).toMatch(/^app:\/\/counter\/index\.html/);
  await expect(appWindow.getByRole('region', { name: 'Demo mode' })).toBeVisible();
});

test('the renderer reaches no Node', async () => {
  const globals = await appWindow.evaluate(() => ({
    process: typeof (globalThis as { process?: unknown }).process,
    require: typeof (globalThis as { require?: unknown }).require,
    module: typeof (globalThis as { module?: unknown }).module,
  }));
  expect(globals).toEqual({ process: 'undefined', require: 'undefined', module: 'undefined' });
});

test('window.billing holds only the named functions', async () => {
  const shape = await appWindow.evaluate(() =>
    Object.entries((globalThis as unknown as { billing: Record<string, unknown> }).billing).map(([name, value]) => [name, typeof value]),
  );
  const expected = [...HANDLER_NAMES.map((name) => camelCaseName(name)), 'onEvent', 'saveCsv', 'saveDayCsv', 'saveSupportBundle', 'printPage', 'listPrinters'].sort();
  expect(shape.map(([name]) => name).sort()).toEqual(expected);
  expect(new Set(shape.map(([, type]) => type))).toEqual(new Set(['function']));
});

test('a call round-trips over IPC', async () => {
  const info = await appWindow.evaluate(() => (globalThis as unknown as { billing: { appInfo(input: object): Promise<unknown> } }).billing.appInfo({}));
  expect(info).toMatchObject({ ok: true, value: { mode: 'demo' } });
});

test('navigation away from the app and new windows are refused', async () => {
  await appWindow.evaluate(() => window.open('https://example.com/', '_blank'));
  await appWindow.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await appWindow.waitForTimeout(500);
  expect(app.windows()).toHaveLength(1);
  expect(appWindow.url()).toMatch(/^app:\/\/counter\//);
});

test('the page is served from app://counter/ with its CSP, and file:// and other files are out of reach', async () => {
  const page = await appWindow.evaluate(async () => {
    const index = await fetch('app://counter/index.html');
    const outside = await fetch('app://counter/..%2f..%2fpackage.json').then((r) => r.status);
    const file = await fetch('file:///etc/hostname').then(
      (r) => r.status,
      () => 'refused',
    );
    return { status: index.status, csp: index.headers.get('content-security-policy'), outside, file };
  });
  expect(page).toMatchObject({ status: 200, outside: 404, file: 'refused' });
  expect(page.csp).toContain("default-src 'self'");
});
