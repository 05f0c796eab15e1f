import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingEvent } from '../contract/events';
import { HANDLER_NAMES } from '../contract/handlers';
import { INTERNAL_FAILURE_MESSAGE, type Result } from '../contract/result';
import { startBackend, type Backend } from '../core/backend';
import { silentLogger } from '../core/logger';
import { MemorySecretStore } from '../core/secrets/secret-store';
import { EVENT_CHANNEL, PRINT_CHANNEL, PRINTERS_CHANNEL, SAVE_CSV_CHANNEL, SAVE_DAY_CSV_CHANNEL, SAVE_SUPPORT_BUNDLE_CHANNEL } from '../preload/bridge';
import { isAppPageUrl } from './hardening';
import { forwardEvents, REFUSED_SENDER_MESSAGE, registerBillingIpc, type IpcInvokeEventLike, type IpcMainLike } from './ipc';
import { listPrinters, printPage, type PrintOptions, type PrintTarget } from './print';
import { saveDayCsv } from './save-day-csv';
import { saveSupportBundle } from './save-support-bundle';
import { startSimulator } from '../simulator/index';

const APP_PAGE = 'file:///opt/Counter/resources/app.asar/out/renderer/index.html';
type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  /** What ipcRenderer.invoke(channel, input) from a frame at `url` gets back. */
  const invoke = async (channel: string, input: unknown, frame: IpcInvokeEventLike['senderFrame'] = { url: `${APP_PAGE}#/counter`, parent: null }) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler({ senderFrame: frame }, input)) as Result<unknown>;
  };
  return { ipc, handlers, invoke };
}

describe('registerBillingIpc with the real backend', () => {
  let dataDir: string;
  let backend: Backend;
  const fake = fakeIpcMain();
  const saved: unknown[] = [];
  /** Where the save dialog puts the day's CSV; null: the person cancels it. */
  let dayCsvFolder: string | null = null;
  const dialogs: string[] = [];
  const bundles: { filePath: string; bytes: Buffer }[] = [];
  const printed: PrintOptions[] = [];
  const printer: PrintTarget = {
    print: (options, callback) => {
      printed.push(options);
      callback(true, '');
    },
    getPrintersAsync: () => Promise.resolve([{ name: 'TVS_RP3160', displayName: 'TVS RP 3160' }]),
  };
  let unregister: () => void;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'counter-ipc-'));
    backend = await startBackend({ dataDir, secretStore: new MemorySecretStore(), startDemoZoho: startSimulator, tuning: { log: silentLogger, consentPort: 0 } });
    unregister = registerBillingIpc(fake.ipc, {
      backend,
      isAppPage: (url) => isAppPageUrl(url, APP_PAGE),
      saveCsv: (input) => {
        saved.push(input);
        return Promise.resolve({ ok: true, value: { saved: true } });
      },
      saveDayCsv: (input) =>
        saveDayCsv(input, {
          exportDayCsv: (filter, target) => backend.exportDayCsv(filter, target),
          chooseFile: async (fileName) => {
            dialogs.push(fileName);
            return dayCsvFolder === null ? null : join(dayCsvFolder, fileName);
          },
        }),
      saveSupportBundle: (input) =>
        saveSupportBundle(input, {
          makeBundle: (bundleInput) => backend.call('support-bundle', bundleInput),
          chooseFile: (fileName) => Promise.resolve(`/home/manager/${fileName}`),
          writeFile: (filePath, bytes) => {
            bundles.push({ filePath, bytes });
            return Promise.resolve();
          },
        }),
      printPage: (input) => printPage(input, printer),
      listPrinters: () => listPrinters(printer),
      log: silentLogger,
    });
  });

  afterAll(async () => {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers one channel per call, plus the CSV and support bundle saves and printing', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...HANDLER_NAMES, SAVE_CSV_CHANNEL, SAVE_DAY_CSV_CHANNEL, SAVE_SUPPORT_BUNDLE_CHANNEL, PRINT_CHANNEL, PRINTERS_CHANNEL].sort());
  });

  it('prints the page on the chosen printer and lists printers, for the app’s own page only', async () => {
    expect(await fake.invoke(PRINTERS_CHANNEL, {})).toEqual({ ok: true, value: [{ name: 'TVS_RP3160', displayName: 'TVS RP 3160' }] });
    expect(await fake.invoke(PRINT_CHANNEL, { deviceName: 'TVS_RP3160', layout: 'thermal' })).toEqual({ ok: true, value: { printed: true, reason: null } });
    expect(printed).toMatchObject([{ silent: true, deviceName: 'TVS_RP3160' }]);
    expect((await fake.invoke(PRINT_CHANNEL, { deviceName: null, layout: 'a4' }, { url: 'https://evil.example/', parent: null })).ok).toBe(false);
    expect(printed).toHaveLength(1);
  });

  it('round-trips app-info and counters-list', async () => {
    const info = await fake.invoke('app-info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'demo', currency: 'INR' } });
    const counters = await fake.invoke('counters-list', {});
    expect(counters.ok && (counters.value as { name: string }[]).map((c) => c.name)).toEqual(['Counter A', 'Counter B', 'Counter C']);
  });

  it('refuses foreign senders, subframes and destroyed frames', async () => {
    const refused = { ok: false, error: { code: 'internal', message: REFUSED_SENDER_MESSAGE } };
    expect(await fake.invoke('app-info', {}, { url: 'https://evil.example/', parent: null })).toEqual(refused);
    expect(await fake.invoke('app-info', {}, { url: 'file:///tmp/index.html', parent: null })).toEqual(refused);
    expect(await fake.invoke('app-info', {}, { url: APP_PAGE, parent: { url: APP_PAGE } })).toEqual(refused);
    expect(await fake.invoke('app-info', {}, null)).toEqual(refused);
    expect(await fake.invoke(SAVE_CSV_CHANNEL, { fileName: 'x.csv', csv: '' }, { url: 'https://evil.example/', parent: null })).toEqual(refused);
    expect(saved).toEqual([]);
  });

  it("hands the input as sent to the backend, whose schema refusals name the field and the rule", async () => {
    expect(await fake.invoke('counter-status', { counterId: 'no spaces allowed' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Id may only use letters, digits, - and _', field: 'counterId' },
    });
    expect(await fake.invoke('app-info', { extra: true })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown field: extra', field: 'extra' },
    });
    expect(await fake.invoke('invoice-create', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('passes backend refusals through', async () => {
    expect(await fake.invoke('counter-create', { managerToken: 'x'.repeat(43), name: 'Counter D', terminalId: 'TRM009' })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
  });

  it('hands the CSV save its input', async () => {
    expect(await fake.invoke(SAVE_CSV_CHANNEL, { fileName: 'payments.csv', csv: 'a\n' })).toEqual({ ok: true, value: { saved: true } });
    expect(saved).toEqual([{ fileName: 'payments.csv', csv: 'a\n' }]);
  });

  it('writes the day’s CSV into the chosen file as the log call would answer it; a refused input opens no dialog; a cancelled dialog writes nothing', async () => {
    const date = new Date().toISOString().slice(0, 10);
    expect(await fake.invoke(SAVE_DAY_CSV_CHANNEL, { date: '7 Dec' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'date' } });
    expect(dialogs).toEqual([]);

    dayCsvFolder = mkdtempSync(join(dataDir, 'chosen-'));
    const answer = await backend.call('log-export-csv', { date });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(await fake.invoke(SAVE_DAY_CSV_CHANNEL, { date })).toEqual({ ok: true, value: { saved: true, fileName: `payments-${date}.csv`, rowCount: answer.value.rowCount } });
    expect(readdirSync(dayCsvFolder)).toEqual([`payments-${date}.csv`]);
    expect(readFileSync(join(dayCsvFolder, `payments-${date}.csv`), 'utf8')).toBe(answer.value.csv);

    const cancelled = join(dayCsvFolder, 'nothing');
    dayCsvFolder = null;
    expect(await fake.invoke(SAVE_DAY_CSV_CHANNEL, { date })).toEqual({ ok: true, value: { saved: false, fileName: `payments-${date}.csv`, rowCount: 0 } });
    expect(existsSync(cancelled)).toBe(false);
    expect(dialogs).toEqual([`payments-${date}.csv`, `payments-${date}.csv`]);
  });

  it('never throws across IPC', async () => {
    const throwing = fakeIpcMain();
    registerBillingIpc(throwing.ipc, {
      backend: { call: () => Promise.reject(new Error('database is locked')) },
      isAppPage: () => true,
      saveCsv: () => Promise.reject(new Error('disk full')),
      saveDayCsv: () => Promise.reject(new Error('disk full')),
      saveSupportBundle: () => Promise.reject(new Error('disk full')),
      printPage: () => Promise.reject(new Error('printer on fire')),
      listPrinters: () => Promise.reject(new Error('no spooler')),
      log: silentLogger,
    });
    const failed = { ok: false, error: { code: 'internal', message: INTERNAL_FAILURE_MESSAGE } };
    expect(await throwing.invoke('app-info', {})).toEqual(failed);
    expect(await throwing.invoke(SAVE_CSV_CHANNEL, {})).toEqual(failed);
    expect(await throwing.invoke(SAVE_DAY_CSV_CHANNEL, {})).toEqual(failed);
    expect(await throwing.invoke(SAVE_SUPPORT_BUNDLE_CHANNEL, {})).toEqual(failed);
    expect(await throwing.invoke(PRINT_CHANNEL, {})).toEqual(failed);
  });

  it('forwards backend events to the window while it exists', async () => {
    const sent: [string, BillingEvent][] = [];
    let destroyed = false;
    const stop = forwardEvents(backend, () => ({ isDestroyed: () => destroyed, send: (channel, event) => sent.push([channel, event]) }));
    const pin = await fake.invoke('manager-set-pin', { pin: '2468' });
    const managerToken = pin.ok ? (pin.value as { managerToken: string }).managerToken : '';
    await fake.invoke('counter-create', { managerToken, name: 'Counter D', terminalId: 'TRM004' });
    expect(sent).toContainEqual([EVENT_CHANNEL, { type: 'counters-changed' }]);

    destroyed = true;
    const before = sent.length;
    await fake.invoke('counter-create', { managerToken, name: 'Counter E', terminalId: 'TRM005' });
    expect(sent.length).toBe(before);
    stop();
  });

  it('saves the support bundle the backend makes, only for a manager unlock', async () => {
    expect(await fake.invoke(SAVE_SUPPORT_BUNDLE_CHANNEL, { managerToken: 'x'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await fake.invoke(SAVE_SUPPORT_BUNDLE_CHANNEL, { managerToken: 'x'.repeat(43), path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'path' } });
    expect(bundles).toEqual([]);

    // The PIN set by the test before.
    const unlock = await fake.invoke('manager-unlock', { pin: '2468' });
    const managerToken = unlock.ok ? (unlock.value as { managerToken: string }).managerToken : '';
    expect(await fake.invoke(SAVE_SUPPORT_BUNDLE_CHANNEL, { managerToken })).toEqual({ ok: true, value: { saved: true } });
    expect(bundles).toHaveLength(1);
    expect(bundles[0]?.filePath).toMatch(/^\/home\/manager\/counter-support-\d{8}-\d{6}\.zip$/);
    expect(bundles[0]?.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });

  it('removes every channel when unregistered', () => {
    unregister();
    expect(fake.handlers.size).toBe(0);
  });
});
