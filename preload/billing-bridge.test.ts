import { describe, expect, it } from 'vitest';
import { camelCaseName } from '../contract/api';
import type { BillingEvent } from '../contract/events';
import { HANDLER_NAMES } from '../contract/handlers';
import { createBillingBridge, type IpcRendererLike } from './billing-bridge';
import { EVENT_CHANNEL, SAVE_CSV_CHANNEL, SAVE_DAY_CSV_CHANNEL, SAVE_SUPPORT_BUNDLE_CHANNEL } from './bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: channel });
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc internals' }, payload);
  };
  return { ipc, invoked, listeners, emit };
}

describe('createBillingBridge', () => {
  it('has exactly one function per call, plus onEvent, saveCsv, saveDayCsv, saveSupportBundle, printPage and listPrinters', () => {
    const bridge = createBillingBridge(fakeIpcRenderer().ipc);
    const expected = [...HANDLER_NAMES.map((name) => camelCaseName(name)), 'onEvent', 'saveCsv', 'saveDayCsv', 'saveSupportBundle', 'printPage', 'listPrinters'].sort();
    expect(Object.keys(bridge).sort()).toEqual(expected);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it.each(HANDLER_NAMES)('%s invokes its own channel with the input', async (name) => {
    const { ipc, invoked } = fakeIpcRenderer();
    const bridge = createBillingBridge(ipc) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    const input = { marker: name };
    await expect(bridge[camelCaseName(name)]?.(input)).resolves.toEqual({ ok: true, value: name });
    expect(invoked).toEqual([{ channel: name, args: [input] }]);
  });

  it('saveCsv invokes its own channel', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    await createBillingBridge(ipc).saveCsv('payments-2025-01-02.csv', 'a,b\n');
    expect(invoked).toEqual([{ channel: SAVE_CSV_CHANNEL, args: [{ fileName: 'payments-2025-01-02.csv', csv: 'a,b\n' }] }]);
  });

  it('saveDayCsv invokes its own channel with the log’s filters only', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    await createBillingBridge(ipc).saveDayCsv({ date: '2025-01-02', counterId: 'c1' });
    expect(invoked).toEqual([{ channel: SAVE_DAY_CSV_CHANNEL, args: [{ date: '2025-01-02', counterId: 'c1' }] }]);
  });

  it('saveSupportBundle invokes its own channel with the manager unlock only', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    await createBillingBridge(ipc).saveSupportBundle('unlock-token');
    expect(invoked).toEqual([{ channel: SAVE_SUPPORT_BUNDLE_CHANNEL, args: [{ managerToken: 'unlock-token' }] }]);
  });

  it('onEvent relays only the event, and stops after unsubscribing', () => {
    const { ipc, listeners, emit } = fakeIpcRenderer();
    const received: unknown[][] = [];
    const unsubscribe = createBillingBridge(ipc).onEvent((...args) => received.push(args));
    const event: BillingEvent = { type: 'counters-changed' };
    emit(EVENT_CHANNEL, event);
    unsubscribe();
    emit(EVENT_CHANNEL, event);
    expect(received).toEqual([[event]]);
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });
});
