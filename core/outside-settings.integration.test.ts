// Outside settings through a real backend: a packaged app refuses an unsafe one before it touches
// the data folder; any setting in use is logged at start-up and reaches the screens in app-info.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_TUNING } from '../testkit/rig';
import { startBackend, type Backend } from './backend';
import type { Logger } from './logger';
import { MemorySecretStore } from './secrets/secret-store';
import { startSimulator } from '../simulator/index';

let parent: string;
let backend: Backend | null = null;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'counter-overrides-'));
});

afterEach(async () => {
  await backend?.close();
  backend = null;
  rmSync(parent, { recursive: true, force: true });
});

function recordingLogger(lines: { message: string; fields?: Record<string, unknown> }[]): Logger {
  const keep = (message: string, fields?: Record<string, unknown>) => void lines.push(fields ? { message, fields } : { message });
  return { info: keep, warn: keep, error: keep };
}

describe('outside settings', () => {
  it('a packaged app refuses an http Zoho address elsewhere than this computer, before touching the data folder', async () => {
    const dataDir = join(parent, 'data');
    const starting = startBackend({
      dataDir,
      packaged: true,
      secretStore: new MemorySecretStore(),
      startDemoZoho: startSimulator,
      env: { ZOHO_ACCOUNTS_URL: 'http://accounts.example.test' },
      tuning: TEST_TUNING,
    });
    await expect(starting).rejects.toThrow('Counter will not start: ZOHO_ACCOUNTS_URL is set to http://accounts.example.test, but a packaged Counter sends');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('any setting in use is logged at start-up and listed in app-info', async () => {
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const dataDir = join(parent, 'data');
    backend = await startBackend({
      dataDir,
      dataDirOverride: '--data-dir',
      packaged: true,
      secretStore: new MemorySecretStore(),
      startDemoZoho: startSimulator,
      env: { ZOHO_PAYMENTS_URL: 'https://payments-proxy.example.test' },
      tuning: { ...TEST_TUNING, log: recordingLogger(lines) },
    });
    const overrides = [
      { setting: 'ZOHO_PAYMENTS_URL', value: 'https://payments-proxy.example.test' },
      { setting: '--data-dir', value: dataDir },
    ];
    expect(lines.filter((line) => line.message === 'a setting from outside Counter is in use').map((line) => line.fields)).toEqual(overrides);
    const info = await backend.call('app-info', {});
    expect(info.ok && info.value.overrides).toEqual(overrides);
  });
});
