import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../testing/fake-backend';
import { MemoryStorage } from '../testing/memory-storage';
import { routeFromHash } from './app-state';

let backend: FakeBackend;
let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  backend = new FakeBackend().install();
  vi.resetModules();
});

afterEach(() => {
  backend.uninstall();
  vi.unstubAllGlobals();
});

/** The app state as a fresh page load finds it (it reads the station's choice when it starts). */
async function freshAppStore() {
  const { useAppStore } = await import('./app-state');
  return useAppStore;
}

describe('the app', () => {
  it('starts with the backend\'s mode, the connection and every counter', async () => {
    const app = await freshAppStore();
    await app.getState().init();
    expect(app.getState()).toMatchObject({ appInfo: { mode: 'demo', currency: 'INR' }, connection: { state: 'demo' }, countersLoaded: true, loadError: null });
    expect(backend.callsTo('counters-list')).toEqual([{ includeInactive: true }]);
  });

  it('says why it could not start', async () => {
    const app = await freshAppStore();
    backend.failNext('app-info', { code: 'internal', message: 'The database could not be opened.' });
    await app.getState().init();
    expect(app.getState().loadError).toBe('The database could not be opened.');
  });

  it('remembers the station\'s counter across a reload, and forgets it once the counter is deactivated', async () => {
    const first = await freshAppStore();
    await first.getState().chooseCounter('c2');
    vi.resetModules();
    const reloaded = await freshAppStore();
    expect(reloaded.getState().stationCounterId).toBe('c2');

    backend.counters[1]!.active = false;
    await reloaded.getState().refreshCounters();
    expect(reloaded.getState().stationCounterId).toBeNull();
    expect(storage.getItem('counter.stationCounterId')).toBeNull();
  });

  it('follows the backend\'s events for the connection and the counters', async () => {
    const app = await freshAppStore();
    const { startEvents } = await import('./events');
    const stop = startEvents();
    expect(app.getState().transport).toBe('connected');
    backend.emit({ type: 'connection-changed', connection: { ...backend.connection, degraded: true, trouble: 'unreachable' } });
    expect(app.getState().connection?.degraded).toBe(true);
    backend.counters.push({ ...backend.counters[0]!, id: 'c3', name: 'Counter C', terminalId: 'TRM003' });
    backend.emit({ type: 'counters-changed' });
    await vi.waitFor(() => expect(app.getState().counters.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']));
    stop();
  });

  it('on a PC of a store, the checkout’s tax settings are read again when the store’s configuration moved on', async () => {
    const { startEvents } = await import('./events');
    const { useCartStore } = await import('./cart-state');
    await useCartStore.getState().loadTax();
    expect(useCartStore.getState().tax?.roundOff).toBe(true);
    const stop = startEvents();
    backend.taxSettings = { ...backend.taxSettings, gstin: '29AACCR7832C1ZD', stateCode: '29', stateName: 'Karnataka', roundOff: false };
    backend.emit({ type: 'counters-changed' });
    await vi.waitFor(() => expect(useCartStore.getState().tax).toMatchObject({ gstin: '29AACCR7832C1ZD', roundOff: false }));
    stop();
  });

  it('reads the screen from the address', () => {
    expect(routeFromHash('#/log')).toBe('log');
    expect(routeFromHash('#/nowhere')).toBe('counter');
    expect(routeFromHash('')).toBe('counter');
  });

  it('on a PC of a store, a counter another PC holds is refused, saying which PC; the one the till leaves is let go', async () => {
    backend.store = { ...backend.store, link: 'up', storeName: 'Main Street', stationId: 'pc-here', stationName: 'Till 1' };
    backend.store.claims = [{ counterId: 'c2', stationId: 'pc-2', stationName: 'Till 2', claimedAt: 0, stale: false, thisStation: false }];
    const app = await freshAppStore();
    await app.getState().init();
    expect(await app.getState().chooseCounter('c2')).toBe(false);
    expect(app.getState().claimError).toBe('Counter B is in use at PC “Till 2”.');
    expect(app.getState().stationCounterId).toBeNull();
    expect(await app.getState().chooseCounter('c1')).toBe(true);
    expect(app.getState().store?.claims.find((c) => c.thisStation)?.counterId).toBe('c1');
    backend.store.claims = backend.store.claims.filter((c) => c.counterId !== 'c2');
    await app.getState().chooseCounter('c2');
    expect(backend.calls.filter((c) => c.name === 'counter-claim').at(-1)?.input).toEqual({ counterId: 'c2', releaseCounterId: 'c1' });
  });
});
