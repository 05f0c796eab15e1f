import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../testing/fake-backend';
import { useAppStore } from './app-state';
import { useManagerStore } from './manager-state';

const initialManager = useManagerStore.getState();
const initialApp = useAppStore.getState();
let backend: FakeBackend;

beforeEach(() => {
  backend = new FakeBackend().install();
  useManagerStore.setState(initialManager, true);
  useAppStore.setState(initialApp, true);
});

afterEach(() => backend.uninstall());

const state = () => useManagerStore.getState();

async function unlocked(): Promise<void> {
  backend.pin = '2468';
  expect(await state().unlock('2468')).toBe(true);
}

describe('the manager unlock', () => {
  it('sets the first PIN and is unlocked by it; a wrong PIN stays locked', async () => {
    await state().loadStatus();
    expect(state().pinStatus?.pin).toBe('not_set');
    expect(await state().setPin('1357')).toBe(true);
    expect(state().token).not.toBeNull();

    await state().lock();
    expect(state().token).toBeNull();
    expect(await state().unlock('1111')).toBe(false);
    expect(state().errors.unlock?.message).toBe('That PIN is not right.');
    expect(await state().unlock('1357')).toBe(true);
  });

  it('refuses a PIN the contract does not allow, with the contract\'s words', async () => {
    expect(await state().setPin('12')).toBe(false);
    expect(state().errors['set-pin']).toMatchObject({ code: 'invalid_input', field: 'pin', message: 'PIN must be 4 to 8 digits' });
  });

  it('locks with a message when the backend no longer knows the unlock', async () => {
    await unlocked();
    backend.expireUnlocks();
    expect(await state().saveSettings({ pollIntervalSeconds: 7 })).toBe(false);
    expect(state().token).toBeNull();
    expect(state().lockMessage).toBe('The manager unlock has expired. Enter the PIN again.');
  });
});

describe('manager actions', () => {
  it('adds a counter, says so, and the app\'s counters follow', async () => {
    await unlocked();
    expect(await state().createCounter({ name: 'Counter C', terminalId: 'TRM003', invoicePrefix: 'C-' })).toBe(true);
    expect(state().notices['counter-new']).toBe('Counter C added, on terminal TRM003.');
    expect(useAppStore.getState().counters.map((c) => c.name)).toEqual(['Counter A', 'Counter B', 'Counter C']);
  });

  it('puts a refusal on the form it came from', async () => {
    await unlocked();
    expect(await state().createCounter({ name: 'Counter C', terminalId: 'TRM001', invoicePrefix: '' })).toBe(false);
    expect(state().errors['counter-new']).toMatchObject({ field: 'terminalId' });
    state().clearMessages('counter-new');
    expect(state().errors['counter-new']).toBeUndefined();
  });

  it('takes one action at a time', async () => {
    await unlocked();
    const release = backend.hold('settings-update');
    const first = state().saveSettings({ pollIntervalSeconds: 8 });
    expect(state().busy).toBe('settings');
    expect(await state().deactivateCounter(backend.counters[0]!)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(state().settings).toMatchObject({ pollIntervalSeconds: 8 });
    expect(state().notices.settings).toBe('Saved: payments are checked every 8 seconds.');
    expect(backend.callsTo('counter-deactivate')).toEqual([]);
  });

  it('connects Zoho with a code and the header\'s connection follows; a failed test is an error', async () => {
    await unlocked();
    expect(await state().testConnection()).toBe(false);
    expect(state().errors['connection-test']?.message).toBe('Not connected to Zoho.');
    expect(await state().configureConnection({ edition: 'in', accountId: '123456', clientId: '1000.ABC', clientSecret: 'secret' })).toBe(true);
    expect(useAppStore.getState().connection?.state).toBe('not_configured');
    expect(await state().submitCode('1000.code')).toBe(true);
    expect(useAppStore.getState().connection?.state).toBe('connected');
    expect(await state().testConnection()).toBe(true);
  });

  it('marks a lost payment as checked', async () => {
    await unlocked();
    const lost = backend.addAttempt(backend.addInvoice('c1', 100), 'unknown');
    expect(await state().markReviewed(lost, 'Nothing on the terminal')).toBe(true);
    expect(backend.attempts[0]?.review?.note).toBe('Nothing on the terminal');
  });

  it('releases a held terminal; a payment that holds nothing is refused, and the message kept for its form', async () => {
    await unlocked();
    const invoice = backend.addInvoice('c1', 100);
    const held = backend.addAttempt(invoice, 'unknown', { hold: { until: Date.now() + 60_000, endedAt: null } });
    expect(await state().releaseHold(held, 'Terminal shows nothing')).toBe(true);
    expect(backend.attempts[0]?.hold?.endedAt).toEqual(expect.any(Number));
    const free = backend.addAttempt(invoice, 'failed');
    expect(await state().releaseHold(free, 'x')).toBe(false);
    expect(state().errors[`release-${free.id}`]?.message).toMatch(/does not hold/);
  });
});

describe('backups and help', () => {
  it('saves the days of backups on their own form, leaving the poll interval alone', async () => {
    await unlocked();
    expect(await state().saveSettings({ backupKeepDays: 30 })).toBe(true);
    expect(state().settings).toMatchObject({ pollIntervalSeconds: 5, backupKeepDays: 30 });
    expect(state().notices.backups).toBe('Saved: backups of the last 30 days are kept.');
    expect(state().notices.settings).toBeUndefined();
    expect(await state().saveSettings({ backupKeepDays: 0 })).toBe(false);
    expect(state().errors.backups).toMatchObject({ field: 'backupKeepDays', message: 'Keep backups of at least 1 day' });
  });

  it('reads where the files are, and saves the support bundle through the desktop save dialog', async () => {
    await unlocked();
    await state().loadSupport();
    expect(state().support?.logsDir).toBe('/data/logs');
    expect(await state().saveSupportBundle()).toBe(true);
    expect(backend.savedBundles).toEqual(['counter-support-20261129-143005.zip']);
    expect(state().notices['support-bundle']).toBe('The support bundle is saved. Send it to whoever supports Counter.');

    backend.saveDialog = 'cancel';
    expect(await state().saveSupportBundle()).toBe(false);
    expect(state().notices['support-bundle']).toBeUndefined();
    expect(backend.savedBundles).toHaveLength(1);
  });

  it('installs an update only when the backend allows it, and says why not', async () => {
    await unlocked();
    backend.support = { ...backend.support, updates: { state: 'ready', message: 'Ready', version: '0.2.0', checkedAt: null, canInstall: false } };
    expect(await state().installUpdate()).toBe(false);
    expect(state().errors.update?.message).toBe('A payment is in progress. Install the update once no payment is waiting on a terminal.');
    expect(backend.installs).toBe(0);
    expect(state().support?.updates.canInstall).toBe(false);

    backend.support = { ...backend.support, updates: { ...backend.support.updates, canInstall: true } };
    expect(await state().installUpdate()).toBe(true);
    expect(backend.installs).toBe(1);
    expect(state().notices.update).toBe('Installing the update: Counter restarts in a moment.');
  });

  it('locks when the unlock expired while the Help tab was open', async () => {
    await unlocked();
    backend.expireUnlocks();
    await state().loadSupport();
    expect(state().token).toBeNull();
    expect(state().lockMessage).toBe('The manager unlock has expired. Enter the PIN again.');
  });
});

describe('refunds, the day close and the store’s preferences', () => {
  function paidAttempt() {
    const attempt = backend.addAttempt(backend.addInvoice('c1', 10_000), 'in_progress');
    return backend.settle(attempt.id, 'succeeded');
  }

  it('refunds once however often the form is sent with its key, and a second press while the first is on its way sends nothing', async () => {
    await unlocked();
    const attempt = paidAttempt();
    const release = backend.hold('refund-create');
    const first = state().createRefund(attempt, { amountMinor: 4_000, reason: 'requested_by_customer', note: ' Damaged ', requestKey: 'key-00000001' });
    const second = state().createRefund(attempt, { amountMinor: 4_000, reason: 'requested_by_customer', note: 'Damaged', requestKey: 'key-00000001' });
    release();
    expect(await second).toBeNull();
    expect((await first)?.amountMinor).toBe(4_000);
    expect(await state().createRefund(attempt, { amountMinor: 4_000, reason: 'requested_by_customer', note: '', requestKey: 'key-00000001' })).toMatchObject({ amountMinor: 4_000 });
    expect(backend.refunds).toHaveLength(1);
    expect(backend.callsTo('refund-create')[0]).toMatchObject({ note: 'Damaged', requestKey: 'key-00000001' });
  });

  it('shows a refusal at the refund form of that payment', async () => {
    await unlocked();
    const attempt = paidAttempt();
    expect(await state().createRefund(attempt, { amountMinor: 20_000, reason: 'others', note: '', requestKey: 'key-00000002' })).toBeNull();
    expect(state().errors[`refund-${attempt.id}`]).toMatchObject({ field: 'amountMinor' });
  });

  it('closes the day only with “close anyway” while a payment needs review, after a preview that closes nothing', async () => {
    await unlocked();
    const lost = backend.addAttempt(backend.addInvoice('c1', 500), 'unknown');
    const today = new Date(lost.createdAt).toLocaleDateString('en-CA');
    expect(await state().closeDay(today, 'Asha', { closeAnyway: false, preview: true })).toBeNull();
    expect(state().errors['day-close']).toMatchObject({ field: 'closeAnyway' });
    expect((await state().closeDay(today, 'Asha', { closeAnyway: true, preview: true }))?.close).toBeNull();
    expect((await state().closeDay(today, 'Asha', { closeAnyway: true }))?.close).toMatchObject({ closedBy: 'Asha', awaitingReview: 1 });
  });

  it('saves the store’s name, address and default method', async () => {
    await unlocked();
    expect(await state().savePreferences({ storeName: 'Sharma Stores', storeAddress: '12 MG Road', defaultMethod: 'upi' })).toBe(true);
    expect(state().settings).toMatchObject({ storeName: 'Sharma Stores', storeAddress: '12 MG Road', defaultMethod: 'upi' });
    expect(state().notices.preferences).toBe('Saved.');
  });

  it('dismisses a set-aside entry in the manager’s name: the alert’s list follows, and a blank name is refused at its field', async () => {
    await unlocked();
    const entry = { id: 7, at: 1, what: 'The store refused this PC’s change.', advice: 'Ask your IT support.' };
    backend.store = { ...backend.store, link: 'up', setAside: [entry] };
    useAppStore.getState().setStore(backend.store);
    expect(await state().dismissSetAside(7, '  ')).toBe(false);
    expect(state().errors['set-aside-dismiss']).toMatchObject({ field: 'by', message: 'Your name is required' });
    expect(useAppStore.getState().store?.setAside).toEqual([entry]);
    expect(await state().dismissSetAside(7, 'Asha')).toBe(true);
    expect(useAppStore.getState().store?.setAside).toEqual([]);
    expect(state().notices['set-aside-dismiss']).toBe('Dismissed in Asha’s name: it is kept in this PC’s records.');
  });
});
