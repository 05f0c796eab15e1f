import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../testing/fake-backend';
import { useAppStore } from './app-store';
import { useManagerStore } from './manager-store';

const initialManager = useManagerStore.getState();
const initialApp = useAppStore.getState();
let backend: FakeBackend;

beforeEach(() => {
  backend = new FakeBackend().install();
  useManagerStore.setState(initialManager, true);
  useAppStore.setState(initialApp, true);
});

afterEach(() => backend.uninstall());

const store = () => useManagerStore.getState();

async function unlocked(): Promise<void> {
  backend.pin = '2468';
  expect(await store().unlock('2468')).toBe(true);
}

describe('the manager unlock', () => {
  it('sets the first PIN and is unlocked by it; a wrong PIN stays locked', async () => {
    await store().loadStatus();
    expect(store().pinStatus?.pin).toBe('not_set');
    expect(await store().setPin('1357')).toBe(true);
    expect(store().token).not.toBeNull();

    await store().lock();
    expect(store().token).toBeNull();
    expect(await store().unlock('1111')).toBe(false);
    expect(store().errors.unlock?.message).toBe('That PIN is not right.');
    expect(await store().unlock('1357')).toBe(true);
  });

  it('refuses a PIN the contract does not allow, with the contract\'s words', async () => {
    expect(await store().setPin('12')).toBe(false);
    expect(store().errors['set-pin']).toMatchObject({ code: 'invalid_input', field: 'pin', message: 'PIN must be 4 to 8 digits' });
  });

  it('locks with a message when the backend no longer knows the unlock', async () => {
    await unlocked();
    backend.expireUnlocks();
    expect(await store().saveSettings(7)).toBe(false);
    expect(store().token).toBeNull();
    expect(store().lockMessage).toBe('The manager unlock has expired. Enter the PIN again.');
  });
});

describe('manager actions', () => {
  it('adds a counter, says so, and the app\'s counters follow', async () => {
    await unlocked();
    expect(await store().createCounter({ name: 'Counter C', terminalId: 'TRM003', invoicePrefix: 'C-' })).toBe(true);
    expect(store().notices['counter-new']).toBe('Counter C added, on terminal TRM003.');
    expect(useAppStore.getState().counters.map((c) => c.name)).toEqual(['Counter A', 'Counter B', 'Counter C']);
  });

  it('puts a refusal on the form it came from', async () => {
    await unlocked();
    expect(await store().createCounter({ name: 'Counter C', terminalId: 'TRM001', invoicePrefix: '' })).toBe(false);
    expect(store().errors['counter-new']).toMatchObject({ field: 'terminalId' });
    store().clearMessages('counter-new');
    expect(store().errors['counter-new']).toBeUndefined();
  });

  it('takes one action at a time', async () => {
    await unlocked();
    const release = backend.hold('settings-update');
    const first = store().saveSettings(8);
    expect(store().busy).toBe('settings');
    expect(await store().deactivateCounter(backend.counters[0]!)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(store().settings).toEqual({ pollIntervalSeconds: 8 });
    expect(store().notices.settings).toBe('Saved: payments are checked every 8 seconds.');
    expect(backend.callsTo('counter-deactivate')).toEqual([]);
  });

  it('connects Zoho with a code and the header\'s connection follows; a failed test is an error', async () => {
    await unlocked();
    expect(await store().testConnection()).toBe(false);
    expect(store().errors['connection-test']?.message).toBe('Not connected to Zoho.');
    expect(await store().configureConnection({ edition: 'in', accountId: '123456', clientId: '1000.ABC', clientSecret: 'secret' })).toBe(true);
    expect(useAppStore.getState().connection?.state).toBe('not_configured');
    expect(await store().submitCode('1000.code')).toBe(true);
    expect(useAppStore.getState().connection?.state).toBe('connected');
    expect(await store().testConnection()).toBe(true);
  });

  it('marks a lost payment as checked', async () => {
    await unlocked();
    const lost = backend.addAttempt(backend.addInvoice('c1', 100), 'unknown');
    expect(await store().markReviewed(lost, 'Nothing on the terminal')).toBe(true);
    expect(backend.attempts[0]?.review?.note).toBe('Nothing on the terminal');
  });

  it('releases a held terminal; a payment that holds nothing is refused, and the message kept for its form', async () => {
    await unlocked();
    const invoice = backend.addInvoice('c1', 100);
    const held = backend.addAttempt(invoice, 'unknown', { hold: { until: Date.now() + 60_000, endedAt: null } });
    expect(await store().releaseHold(held, 'Terminal shows nothing')).toBe(true);
    expect(backend.attempts[0]?.hold?.endedAt).toEqual(expect.any(Number));
    const free = backend.addAttempt(invoice, 'failed');
    expect(await store().releaseHold(free, 'x')).toBe(false);
    expect(store().errors[`release-${free.id}`]?.message).toMatch(/does not hold/);
  });
});
