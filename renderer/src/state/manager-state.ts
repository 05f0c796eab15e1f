// The manager's side: PIN unlock (the token lives in memory only), counters, the Zoho connection,
// preferences, the store and help (files, updates, the support bundle). Locks itself after a few minutes without use.
import { create } from 'zustand';
import type { Edition } from '../../../contract/vocabulary';
import type { IntegrationScope, PaymentMethod, RefundReason } from '../../../contract/vocabulary';
import type { CashRefund, CashSale, ChargeAttempt, Counter, IntegrationKey, Refund } from '../../../contract/records';
import type { AppError, Result } from '../../../contract/result';
import type { ConnectionStatus, DayCloseReport, IntegrationApiStatus, ManagerStatus, Settings, StoreStatus, SupportInfo } from '../../../contract/answers';
import { call } from '../api/gateway';
import { saveSupportBundle } from '../api/index';
import { useAppStore } from './app-state';

/** The manager screens lock after this long without a key press or click. */
export const MANAGER_IDLE_LOCK_MS = 5 * 60_000;

export interface StoreJoinForm {
  url: string;
  storeName: string;
  stationName: string;
  pin: string;
  /** The CA file that signed the store server's certificate (empty: the system's CAs). */
  caFile: string;
}

export interface ConnectionForm {
  edition: Edition;
  accountId: string;
  clientId: string;
  clientSecret: string;
}

interface ManagerState {
  /** Whether a PIN is set, was reset, or cannot be read (null until loaded). */
  pinStatus: ManagerStatus | null;
  statusError: string | null;
  token: string | null;
  /** Why the screens locked (shown above the PIN form). */
  lockMessage: string | null;
  lastActivity: number;
  /** The form whose call is in flight. */
  busy: string | null;
  errors: Record<string, AppError | undefined>;
  notices: Record<string, string | undefined>;
  settings: Settings | null;
  /** Where the files are, the versions and the updates (the Help tab). */
  support: SupportInfo | null;
  /** The last consent URL, offered as a link in case no window opened. */
  signInUrl: string | null;

  loadStatus: () => Promise<void>;
  unlock: (pin: string) => Promise<boolean>;
  setPin: (pin: string, currentPin?: string) => Promise<boolean>;
  lock: (message?: string) => Promise<void>;
  touch: () => void;
  clearMessages: (form: string) => void;
  createCounter: (input: { name: string; terminalId: string; invoicePrefix: string }) => Promise<boolean>;
  updateCounter: (counterId: string, patch: { name?: string; terminalId?: string; invoicePrefix?: string }) => Promise<boolean>;
  deactivateCounter: (counter: Counter) => Promise<boolean>;
  markReviewed: (attempt: ChargeAttempt, note: string) => Promise<boolean>;
  releaseHold: (attempt: ChargeAttempt, note: string) => Promise<boolean>;
  /** A refund that needs review: the manager has looked on Zoho's dashboard and records whether it was made. */
  decideRefund: (refund: Refund, outcome: 'made' | 'not_made', note: string) => Promise<boolean>;
  loadSettings: () => Promise<void>;
  /** Saves the preferences given: the poll interval on the 'settings' form, the days of backups on 'backups'. */
  saveSettings: (patch: Partial<Settings>) => Promise<boolean>;
  savePreferences: (preferences: { storeName?: string; storeAddress?: string; defaultMethod?: PaymentMethod }) => Promise<boolean>;
  /** Pays back (part of) an invoice's cash out of the drawer; the same `requestKey` again is the same refund. */
  refundCash: (sale: CashSale, refund: { amountMinor: number; reason: RefundReason; requestKey: string }) => Promise<CashRefund | null>;
  /** Refunds a paid payment; the same `requestKey` again (a second press) is the same refund. */
  createRefund: (attempt: ChargeAttempt, refund: { amountMinor: number; reason: RefundReason; note: string; requestKey: string }) => Promise<Refund | null>;
  /** Closes the day; `preview` checks all a close would and answers the report, for the manager to confirm. */
  /** `closedBy`: the name typed, or null where a cashier is signed in at this screen's counter (the backend names them). */
  closeDay: (date: string, closedBy: string | null, options: { closeAnyway: boolean; preview?: boolean }) => Promise<DayCloseReport | null>;
  configureConnection: (form: ConnectionForm) => Promise<boolean>;
  startSignIn: (openWindow: (url: string) => void) => Promise<boolean>;
  submitCode: (code: string) => Promise<boolean>;
  testConnection: () => Promise<boolean>;
  disconnect: () => Promise<boolean>;
  /** Reads the Help tab's facts; quietly, so it never holds up a form. */
  loadSupport: () => Promise<void>;
  saveSupportBundle: () => Promise<boolean>;
  installUpdate: () => Promise<boolean>;
  joinStore: (form: StoreJoinForm) => Promise<boolean>;
  releaseCounter: (counterId: string) => Promise<boolean>;
  /** Takes an entry off the store link's set-aside alert in `by`'s name (the entry stays recorded). */
  dismissSetAside: (entryId: number, by: string) => Promise<boolean>;
  /** Cuts another PC of the store off with the owner's address (used once). */
  removePc: (stationId: string, stationName: string, url: string) => Promise<boolean>;
  /** Manager → Integrations: the billing programs' API keys (null until loaded). */
  integrationKeys: IntegrationKey[] | null;
  /** The key just made, shown once until dismissed. */
  newIntegrationKey: { name: string; secret: string } | null;
  loadIntegrationKeys: () => Promise<void>;
  createIntegrationKey: (input: { name: string; scopes: IntegrationScope[]; counterIds: string[] }) => Promise<boolean>;
  revokeIntegrationKey: (key: IntegrationKey) => Promise<boolean>;
  dismissNewIntegrationKey: () => void;
  /** A manager-only call for `form` from another manager screen's store (Items, Tax): the busy flag, its error or notice, the relock. */
  runCall: <T>(form: string, send: (token: string) => Promise<Result<T>>, notice?: (value: T) => string | undefined) => Promise<T | null>;
  /** Where the integration API listens and whether the shop's network may use it. */
  integrationApi: IntegrationApiStatus | null;
  loadIntegrationApi: () => Promise<void>;
  setIntegrationLan: (lan: boolean) => Promise<boolean>;
}

/** This screen's counter (the station's), where the cashier who does something is signed in. */
function screenCounter(): { counterId?: string } {
  const counterId = useAppStore.getState().stationCounterId;
  return counterId ? { counterId } : {};
}

export const useManagerStore = create<ManagerState>()((set, get) => {
  /** Runs a manager-only call for `form`: busy flag, error or notice, relock on an expired unlock. */
  async function run<T>(form: string, send: (token: string) => Promise<Result<T>>, notice?: (value: T) => string | undefined): Promise<T | null> {
    const token = get().token;
    if (!token || get().busy) return null;
    set({ busy: form, errors: { ...get().errors, [form]: undefined }, notices: { ...get().notices, [form]: undefined }, lastActivity: Date.now() });
    const result = await send(token);
    set({ busy: null });
    if (!result.ok) {
      refused(form, result.error);
      return null;
    }
    if (notice) set({ notices: { ...get().notices, [form]: notice(result.value) } });
    return result.value;
  }

  function refused(form: string, error: AppError): void {
    if (error.code === 'locked') {
      // Every manager call carries the token: 'locked' means the unlock expired (or the app restarted).
      set({ token: null, lockMessage: 'The manager unlock has expired. Enter the PIN again.' });
    } else {
      set({ errors: { ...get().errors, [form]: error } });
    }
  }

  const setConnection = (connection: ConnectionStatus) => useAppStore.getState().setConnection(connection);
  const setStore = (store: StoreStatus) => useAppStore.getState().setStore(store);

  return {
    pinStatus: null,
    statusError: null,
    token: null,
    lockMessage: null,
    lastActivity: Date.now(),
    busy: null,
    errors: {},
    notices: {},
    settings: null,
    support: null,
    signInUrl: null,
    integrationKeys: null,
    newIntegrationKey: null,
    runCall: run,
    integrationApi: null,

    async loadIntegrationApi() {
      const status = await run('integration-api', (managerToken) => call((api) => api.integrationApiStatus({ managerToken })));
      if (status) set({ integrationApi: status });
    },

    async setIntegrationLan(lan) {
      const status = await run('integration-api', (managerToken) => call((api) => api.integrationApiConfigure({ managerToken, lan })));
      if (status) set({ integrationApi: status });
      return status !== null;
    },

    async loadIntegrationKeys() {
      const keys = await run('integrations', (managerToken) => call((api) => api.integrationKeyList({ managerToken })));
      if (keys) set({ integrationKeys: keys });
    },

    async createIntegrationKey(input) {
      const made = await run('integration-new', (managerToken) => call((api) => api.integrationKeyCreate({ managerToken, ...input })));
      if (!made) return false;
      set({ newIntegrationKey: { name: made.key.name, secret: made.secret }, integrationKeys: [...(get().integrationKeys ?? []), made.key] });
      return true;
    },

    async revokeIntegrationKey(key) {
      const revoked = await run(`integration-${key.id}`, (managerToken) => call((api) => api.integrationKeyRevoke({ managerToken, keyId: key.id })));
      if (!revoked) return false;
      set({ integrationKeys: (get().integrationKeys ?? []).map((k) => (k.id === revoked.id ? revoked : k)) });
      return true;
    },

    dismissNewIntegrationKey() {
      set({ newIntegrationKey: null });
    },

    async loadStatus() {
      const result = await call((api) => api.managerStatus({}));
      if (result.ok) set({ pinStatus: result.value, statusError: null });
      else set({ statusError: result.error.message });
    },

    async unlock(pin) {
      if (get().busy) return false;
      set({ busy: 'unlock', errors: { ...get().errors, unlock: undefined } });
      const result = await call((api) => api.managerUnlock({ pin }));
      set({ busy: null });
      if (!result.ok) {
        set({ errors: { ...get().errors, unlock: result.error } });
        return false;
      }
      set({ token: result.value.managerToken, lockMessage: null, lastActivity: Date.now(), errors: {}, notices: {} });
      return true;
    },

    async setPin(pin, currentPin) {
      const form = currentPin === undefined ? 'set-pin' : 'change-pin';
      if (get().busy) return false;
      set({ busy: form, errors: { ...get().errors, [form]: undefined }, notices: { ...get().notices, [form]: undefined } });
      const result = await call((api) => api.managerSetPin(currentPin === undefined ? { pin } : { pin, currentPin }));
      set({ busy: null });
      if (!result.ok) {
        set({ errors: { ...get().errors, [form]: result.error } });
        return false;
      }
      set({
        pinStatus: { pin: 'set', message: null, reset: null },
        token: result.value.managerToken,
        lockMessage: null,
        lastActivity: Date.now(),
        notices: { ...get().notices, [form]: currentPin === undefined ? undefined : 'The manager PIN is changed.' },
      });
      return true;
    },

    async lock(message) {
      const token = get().token;
      set({ token: null, lockMessage: message ?? null, errors: {}, notices: {}, signInUrl: null, busy: null, newIntegrationKey: null, integrationKeys: null, integrationApi: null });
      if (token) await call((api) => api.managerLock({ managerToken: token }));
    },

    touch() {
      if (get().token) set({ lastActivity: Date.now() });
    },

    clearMessages(form) {
      set({ errors: { ...get().errors, [form]: undefined }, notices: { ...get().notices, [form]: undefined } });
    },

    async createCounter({ name, terminalId, invoicePrefix }) {
      const created = await run(
        'counter-new',
        (managerToken) => call((api) => api.counterCreate({ managerToken, name, terminalId, invoicePrefix })),
        (counter) => `${counter.name} added, on terminal ${counter.terminalId}.`,
      );
      if (created) await useAppStore.getState().refreshCounters();
      return created !== null;
    },

    async updateCounter(counterId, patch) {
      const updated = await run(
        `counter-${counterId}`,
        (managerToken) => call((api) => api.counterUpdate({ managerToken, counterId, ...patch })),
        (counter) => `${counter.name} saved.`,
      );
      if (updated) await useAppStore.getState().refreshCounters();
      return updated !== null;
    },

    async deactivateCounter(counter) {
      const done = await run(
        `counter-${counter.id}`,
        (managerToken) => call((api) => api.counterDeactivate({ managerToken, counterId: counter.id })),
        (c) => `${c.name} is deactivated.`,
      );
      if (done) await useAppStore.getState().refreshCounters();
      return done !== null;
    },

    async markReviewed(attempt, note) {
      // The screens showing the attempt update from the charge-updated event the backend sends.
      const reviewed = await run(`review-${attempt.id}`, (managerToken) =>
        call((api) => api.attemptMarkReviewed({ managerToken, attemptId: attempt.id, note })),
      );
      return reviewed !== null;
    },

    async decideRefund(refund, outcome, note) {
      // The log's panel updates from the refund-updated event the backend sends.
      const decided = await run(`refund-decide-${refund.id}`, (managerToken) => call((api) => api.refundDecide({ managerToken, refundId: refund.id, outcome, note })));
      return decided !== null;
    },

    async releaseHold(attempt, note) {
      const released = await run(`release-${attempt.id}`, (managerToken) =>
        call((api) => api.attemptReleaseHold({ managerToken, attemptId: attempt.id, note })),
      );
      return released !== null;
    },

    async loadSettings() {
      const result = await call((api) => api.settingsGet({}));
      if (result.ok) set({ settings: result.value });
    },

    async saveSettings(patch) {
      const backups = patch.backupKeepDays !== undefined;
      const saved = await run(
        backups ? 'backups' : 'settings',
        (managerToken) => call((api) => api.settingsUpdate({ managerToken, ...patch })),
        (s) => (backups ? `Saved: backups of the last ${s.backupKeepDays} days are kept.` : `Saved: payments are checked every ${s.pollIntervalSeconds} seconds.`),
      );
      if (saved) set({ settings: saved });
      return saved !== null;
    },

    async savePreferences(preferences) {
      const saved = await run(
        'preferences',
        (managerToken) => call((api) => api.preferencesUpdate({ managerToken, ...preferences })),
        () => 'Saved.',
      );
      if (saved) set({ settings: saved });
      return saved !== null;
    },

    // Refunds and the day close name the cashier signed in at this screen's counter (the backend looks them up).
    async createRefund(attempt, refund) {
      const note = refund.note.trim();
      return run(`refund-${attempt.id}`, (managerToken) =>
        call((api) =>
          api.refundCreate({ managerToken, ...screenCounter(), attemptId: attempt.id, amountMinor: refund.amountMinor, reason: refund.reason, requestKey: refund.requestKey, ...(note ? { note } : {}) }),
        ),
      );
    },

    async refundCash(sale, refund) {
      return run(`cash-refund-${sale.id}`, (managerToken) => call((api) => api.cashRefund({ managerToken, ...screenCounter(), invoiceId: sale.invoiceId, tenderId: sale.id, ...refund })));
    },

    async closeDay(date, closedBy, { closeAnyway, preview }) {
      return run('day-close', (managerToken) =>
        call((api) => api.dayClose({ managerToken, ...screenCounter(), date, ...(closedBy === null ? {} : { closedBy }), ...(closeAnyway ? { closeAnyway: true } : {}), ...(preview ? { preview: true } : {}) })),
      );
    },

    async configureConnection(form) {
      const status = await run(
        'connection-configure',
        (managerToken) => call((api) => api.connectionConfigure({ managerToken, ...form })),
        () => 'Saved. Now sign in with Zoho, or paste a Self Client code.',
      );
      if (status) setConnection(status);
      return status !== null;
    },

    async startSignIn(openWindow) {
      const started = await run(
        'connection-signin',
        (managerToken) => call((api) => api.connectionSigninStart({ managerToken })),
        () => 'The Zoho sign-in page is open. Approve access there; this screen updates when it is done.',
      );
      if (!started) return false;
      set({ signInUrl: started.authUrl });
      openWindow(started.authUrl);
      return true;
    },

    async submitCode(code) {
      const status = await run(
        'connection-code',
        (managerToken) => call((api) => api.connectionCodeSubmit({ managerToken, code })),
        (s) => s.message,
      );
      if (status) setConnection(status);
      return status !== null;
    },

    async testConnection() {
      const result = await run('connection-test', (managerToken) => call((api) => api.connectionTest({ managerToken })));
      if (!result) return false;
      if (result.ok) set({ notices: { ...get().notices, 'connection-test': result.message } });
      else set({ errors: { ...get().errors, 'connection-test': { code: 'zoho_error', message: result.message } } });
      void useAppStore.getState().refreshConnection();
      return result.ok;
    },

    async disconnect() {
      const status = await run(
        'connection-disconnect',
        (managerToken) => call((api) => api.connectionDisconnect({ managerToken })),
        () => 'Disconnected from Zoho.',
      );
      if (status) setConnection(status);
      return status !== null;
    },

    async loadSupport() {
      const token = get().token;
      if (!token) return;
      const result = await call((api) => api.supportInfo({ managerToken: token }));
      if (result.ok) set({ support: result.value });
      else refused('support', result.error);
    },

    async saveSupportBundle() {
      const saved = await run(
        'support-bundle',
        (managerToken) => call(() => saveSupportBundle(managerToken)),
        (done) => (done ? 'The support bundle is saved. Send it to whoever supports Counter.' : undefined),
      );
      return saved === true;
    },

    async installUpdate() {
      const started = await run('update', (managerToken) => call((api) => api.updateInstall({ managerToken })), () => 'Installing the update: Counter restarts in a moment.');
      if (!started) await get().loadSupport();
      return started !== null;
    },

    async joinStore(form) {
      const stationName = form.stationName.trim();
      const caFile = form.caFile.trim();
      const store = await run(
        'store-join',
        (managerToken) =>
          call((api) => api.storeJoin({ managerToken, url: form.url, storeName: form.storeName, pin: form.pin, ...(stationName ? { stationName } : {}), ...(caFile ? { caFile } : {}) })),
        (joined) => `This PC is “${joined.stationName ?? ''}” of store “${joined.storeName ?? ''}”.`,
      );
      if (store) {
        setStore(store);
        await useAppStore.getState().refreshCounters();
      }
      return store !== null;
    },

    async removePc(stationId, stationName, url) {
      const store = await run('store-remove', (managerToken) => call((api) => api.storePcRemove({ managerToken, url, stationId })), () => `PC “${stationName}” is removed: it cannot reach the store any more. Its sales stay in the store’s log.`);
      if (store) setStore(store);
      return store !== null;
    },

    async releaseCounter(counterId) {
      const store = await run(`store-release-${counterId}`, (managerToken) => call((api) => api.counterRelease({ managerToken, counterId })), () => 'Released: any PC may take the counter now.');
      if (store) setStore(store);
      return store !== null;
    },

    async dismissSetAside(entryId, by) {
      const store = await run('set-aside-dismiss', (managerToken) => call((api) => api.storeSetAsideDismiss({ managerToken, entryId, by })), () => `Dismissed in ${by.trim()}’s name: it is kept in this PC’s records.`);
      if (store) setStore(store);
      return store !== null;
    },
  };
});
