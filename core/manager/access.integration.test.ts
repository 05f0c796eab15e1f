// The manager PIN through the backend, on real files in a temporary data folder: it fails closed,
// its recovery is a reset on the computer that leaves an audit event, a first PIN is for a fresh
// install only, and wrong PINs get exactly 5 tries, kept across restarts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerName, HandlerOutput } from '../../contract/handlers';
import type { Result } from '../../contract/result';
import { listAccessEvents } from '../../db/local/access-events';
import { closeDatabase, openDatabase } from '../../db/local/database';
import { TEST_TUNING } from '../../testkit/rig';
import { TEST_PIN, writeManagerPin } from '../../testkit/manager-pin';
import { okValue } from '../../testkit/results';
import { startBackend, type Backend, type BackendTuning } from '../backend';
import { DataFolderInUseError } from '../data-folder/lock';
import { MemorySecretStore } from '../secrets/secret-store';
import type { StoredConnection } from '../zoho/vault';
import { PIN_FILE } from './pin-file';
import { resetManagerPin } from './pin-reset';
import { startSimulator } from '../../simulator/index';

const NOWHERE = 'http://127.0.0.1:9';
const CONNECTED: StoredConnection = {
  edition: 'in',
  accountId: '23137556',
  clientId: '1000.CLIENT',
  clientSecret: 'client-secret',
  refreshToken: 'refresh-token',
  accessToken: null,
  accessTokenExpiresAt: null,
  reconnectReason: null,
  accountsServer: null,
};

let dataDir: string;
let backend: Backend | null = null;
let clock: number;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'counter-pin-'));
  clock = Date.UTC(2026, 10, 30, 9, 0);
});

afterEach(async () => {
  await backend?.close();
  backend = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** A backend on the data folder: live when `secrets` holds a connection, demo otherwise. */
async function start(secrets = new MemorySecretStore(), tuning: BackendTuning = TEST_TUNING): Promise<Backend> {
  await backend?.close();
  backend = await startBackend({
    dataDir,
    secretStore: secrets,
    startDemoZoho: startSimulator,
    env: { ZOHO_PAYMENTS_URL: NOWHERE, ZOHO_ACCOUNTS_URL: NOWHERE },
    now: () => clock,
    pinRecovery: 'Run the reset on this computer.',
    tuning,
  });
  return backend;
}

const liveSecrets = () => new MemorySecretStore(JSON.stringify(CONNECTED));

function call<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>> {
  if (!backend) throw new Error('no backend');
  return backend.call(name, input);
}

async function ok<K extends HandlerName>(name: K, input: unknown): Promise<HandlerOutput<K>> {
  return okValue(name, await call(name, input));
}

async function accessEvents(file: string) {
  await backend?.close();
  backend = null;
  const db = openDatabase(join(dataDir, file));
  try {
    return listAccessEvents(db).map(({ kind, actor }) => ({ kind, actor }));
  } finally {
    closeDatabase(db);
  }
}

describe('the first manager PIN', () => {
  it('may be set on a fresh install, once: of two sent at once, one is set and the other needs the current PIN', async () => {
    await start();
    expect(await ok('manager-status', {})).toEqual({ pin: 'not_set', message: null, reset: null });
    const [first, second] = await Promise.all([call('manager-set-pin', { pin: '1357' }), call('manager-set-pin', { pin: '9753' })]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'currentPin' } });
    expect((await ok('manager-status', {})).pin).toBe('set');
    expect(await accessEvents('demo.db')).toEqual([{ kind: 'pin_set', actor: 'manager' }]);
  });

  it('may not be set where a store already runs: a missing PIN file there locks the manager screens', async () => {
    await start(liveSecrets());
    const status = await ok('manager-status', {});
    expect(status.pin).toBe('needs_recovery');
    expect(status.message).toMatch(/manager-pin\.json\) is missing .* already has a Zoho connection or live payments, so the manager screens stay locked\. Run the reset on this computer\.$/);
    expect(await call('manager-set-pin', { pin: '1357' })).toMatchObject({ ok: false, error: { code: 'locked', message: status.message } });
    expect(await call('manager-unlock', { pin: '1357' })).toMatchObject({ ok: false, error: { code: 'locked', message: status.message } });
  });
});

describe('a PIN file that cannot be read', () => {
  for (const [damage, make] of [
    ['is not JSON', () => writeFileSync(join(dataDir, PIN_FILE), '{"hash":"scry')],
    ['holds no hash Counter can check', () => writeFileSync(join(dataDir, PIN_FILE), '{"hash":""}')],
    ['is a folder', () => mkdirSync(join(dataDir, PIN_FILE))],
  ] as const) {
    it(`locks the manager screens when it ${damage}: no unlock, no new PIN, with or without the old one`, async () => {
      await start();
      const { managerToken } = await ok('manager-set-pin', { pin: '1357' });
      await backend?.close();
      rmSync(join(dataDir, PIN_FILE), { recursive: true });
      make();
      await start();

      const status = await ok('manager-status', {});
      expect(status.pin).toBe('needs_recovery');
      expect(status.message).toMatch(/is damaged or cannot be read, so the manager screens stay locked\. Run the reset on this computer\./);
      for (const input of [{ pin: '2468' }, { pin: '2468', currentPin: '1357' }]) {
        expect(await call('manager-set-pin', input)).toMatchObject({ ok: false, error: { code: 'locked', message: status.message } });
      }
      expect(await call('manager-unlock', { pin: '1357' })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await call('counter-create', { managerToken, name: 'Back door', terminalId: 'TRM009' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    });
  }
});

describe('the PIN reset on this computer', () => {
  it('is refused while Counter runs on the folder', async () => {
    await start(liveSecrets());
    await expect(resetManagerPin(dataDir, { by: 'asha on shop-pc' })).rejects.toBeInstanceOf(DataFolderInUseError);
  });

  it('is recorded in the audit trail, then the next manager sets a new PIN once, which unlocks', async () => {
    await writeManagerPin(dataDir, '1357');
    await start(liveSecrets());
    await ok('manager-unlock', { pin: '1357' });
    await backend?.close();
    writeFileSync(join(dataDir, PIN_FILE), 'garbage');

    clock += 60_000;
    expect(await resetManagerPin(dataDir, { by: 'asha on shop-pc', now: () => clock })).toEqual({ audited: ['counter.db'] });
    await start(liveSecrets());
    expect(await ok('manager-status', {})).toEqual({ pin: 'reset', message: null, reset: { at: clock, by: 'asha on shop-pc' } });
    await ok('manager-set-pin', { pin: '8642' });
    expect(await call('manager-set-pin', { pin: '1111' })).toMatchObject({ ok: false, error: { field: 'currentPin' } });
    expect(await call('manager-unlock', { pin: '1357' })).toMatchObject({ ok: false, error: { message: 'That PIN is not right.' } });
    await ok('manager-unlock', { pin: '8642' });

    expect(await accessEvents('counter.db')).toEqual([
      { kind: 'pin_reset', actor: 'asha on shop-pc' },
      { kind: 'pin_set', actor: 'manager' },
    ]);
  });
});

describe('wrong PINs', () => {
  it('a burst of 20 at once gets exactly 5 tries; then the screens stay locked, across a restart, until the lockout ends', async () => {
    await writeManagerPin(dataDir);
    await start(liveSecrets());
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call('manager-unlock', { pin: String(1000 + i) })));
    const messages = answers.map((answer) => (answer.ok ? 'unlocked' : answer.error.message));
    expect(messages.filter((m) => m === 'That PIN is not right.')).toHaveLength(5);
    expect(messages.filter((m) => m === 'Too many wrong PINs. Try again in 60 seconds.')).toHaveLength(15);

    await start(liveSecrets());
    expect(await call('manager-unlock', { pin: TEST_PIN })).toMatchObject({ ok: false, error: { code: 'locked', message: 'Too many wrong PINs. Try again in 60 seconds.' } });
    clock += 60_000;
    await ok('manager-unlock', { pin: TEST_PIN });
    expect(JSON.parse(readFileSync(join(dataDir, PIN_FILE), 'utf8'))).toMatchObject({ guard: { failedTries: 0, lockouts: 0, lockedUntil: 0 } });
    expect(await accessEvents('counter.db')).toEqual([{ kind: 'pin_locked_out', actor: 'manager screen' }]);
  });

  it('a change of PIN with a wrong current one counts as a try too', async () => {
    await writeManagerPin(dataDir);
    await start(liveSecrets());
    for (let i = 0; i < 5; i += 1) expect((await call('manager-set-pin', { pin: '1111', currentPin: '9999' })).ok).toBe(false);
    expect(await call('manager-unlock', { pin: TEST_PIN })).toMatchObject({ ok: false, error: { message: /^Too many wrong PINs/ } });
  });
});

describe('a PIN hash from before the cost was raised', () => {
  it('still unlocks, and is rewritten at the current cost', async () => {
    // Written by the earlier app: scryptSync('2468', 16 zero bytes, 32) at Node's default cost.
    writeFileSync(join(dataDir, PIN_FILE), JSON.stringify({ hash: 'scrypt:AAAAAAAAAAAAAAAAAAAAAA==:PWDkL049a8+aEqJa5+pGSOLpE8cEGpvvJPTdiyureoc=' }));
    const { pinKdfCost: _cheap, ...realCost } = TEST_TUNING;
    await start(liveSecrets(), realCost);
    await ok('manager-unlock', { pin: '2468' });
    expect((JSON.parse(readFileSync(join(dataDir, PIN_FILE), 'utf8')) as { hash: string }).hash).toMatch(/^scrypt\$16\$8\$1\$/);
    await ok('manager-unlock', { pin: '2468' });
  });
});
