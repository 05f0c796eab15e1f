// For the zustand stores' unit tests: the desktop bridge (window.billing) over an in-memory backend.
// It answers exactly the contract's calls (FakeHandlers is a mapped type over every HandlerName),
// parses every input with the contract's own parser and gates the manager-only calls the contract
// names, as the real backend does; the rules the screens rely on (one live attempt per invoice, the
// review check, the invoice's status after an outcome) are kept in their simplest form, by domain in
// ./fake/. Tests settle attempts as Zoho would (`settle`, `change`), push any event (`emit`), fail a
// call (`failNext`) or hold its answer back (`hold`).
import type { Bill } from '../../../contract/catalogue/bill';
import type { CatalogueItem, ImportReport, TaxSettings } from '../../../contract/catalogue/records';
import type { AppInfo, ConnectionStatus, Settings, StoreStatus, SupportInfo } from '../../../contract/answers';
import { camelCaseName, type BillingCalls } from '../../../contract/api';
import type { BillingEvent } from '../../../contract/events';
import { HANDLER_NAMES, MANAGER_ONLY, type CallResult, type HandlerInput, type HandlerName, type HandlerOutput, type ManagerSession } from '../../../contract/handlers';
import { sumMinor } from '../../../contract/money';
import { parseHandlerInput } from '../../../contract/parse';
import type { AttemptEvent, CashSale, ChargeAttempt, Counter, DayClose, IntegrationKey, Invoice, Refund } from '../../../contract/records';
import { fail, ok, type AppError, type Result } from '../../../contract/result';
import { BACKUP_KEEP_DAYS, POLL_INTERVAL_SECONDS } from '../../../contract/rules';
import type { AttemptState, PaymentMethod } from '../../../contract/vocabulary';
import type { DesktopBilling, PrintRequest } from '../../../preload/bridge';
import { resetBillingApi } from '../api/gateway';
import { Refusal, refuse, type FakeHandler, type FakeHandlers } from './fake/handlers';
import { integrationHandlers } from './fake/integrations';
import { ledgerHandlers } from './fake/ledger';
import { managerHandlers } from './fake/manager';
import { saleHandlers } from './fake/sales';
import { storeLinkHandlers } from './fake/store-link';
import { catalogueHandlers } from './fake/catalogue';

/** A call the zustand stores made, in the contract's name. */
export interface RecordedCall {
  name: HandlerName;
  input: unknown;
}

export function newCounter(id: string, name: string, terminalId: string, invoicePrefix: string, createdAt = 0): Counter {
  return { id, name, terminalId, invoicePrefix, active: true, createdAt };
}

export class FakeBackend {
  appInfo: AppInfo = { mode: 'demo', version: 'test', currency: 'INR', simulatorUrl: null, overrides: [] };
  connection: ConnectionStatus = {
    state: 'demo',
    edition: null,
    accountId: null,
    clientId: null,
    degraded: false,
    trouble: null,
    message: 'Demo mode',
    retryAt: null,
    refundsEnabled: true,
  };
  counters: Counter[] = [newCounter('c1', 'Counter A', 'TRM001', 'A-'), newCounter('c2', 'Counter B', 'TRM002', 'B-')];
  invoices: Invoice[] = [];
  attempts: ChargeAttempt[] = [];
  history: AttemptEvent[] = [];
  settings: Settings = { pollIntervalSeconds: POLL_INTERVAL_SECONDS.default, backupKeepDays: BACKUP_KEEP_DAYS.default, defaultMethod: 'card', storeName: '', storeAddress: '' };
  cashSales: CashSale[] = [];
  refunds: Refund[] = [];
  closes: DayClose[] = [];
  integrationKeys: IntegrationKey[] = [];
  pin: string | null = null;
  support: SupportInfo = {
    version: 'test',
    schemaVersion: 4,
    dataDir: '/data',
    logsDir: '/data/logs',
    backupsDir: '/data/backups',
    newestBackup: null,
    updates: { state: 'unavailable', message: 'This copy of Counter does not update itself.', version: null, checkedAt: null, canInstall: false },
  };
  /** Store mode: a PC of its own until a test joins it (`store-join`) or sets this. */
  store: StoreStatus = {
    link: 'off',
    storeName: null,
    stationId: null,
    stationName: null,
    address: null,
    downSince: null,
    pendingChanges: 0,
    message: 'This PC works on its own.',
    callsPerMinute: 500,
    stations: [],
    claims: [],
  };
  /** The catalogue's items, and the store's tax settings (none set). */
  catalogue: CatalogueItem[] = [];
  taxSettings: TaxSettings = { gstin: null, stateCode: null, stateName: null, usSalesTaxBasisPoints: 0, roundOff: true };
  /** The catalogue import's answer, when a test needs problems; else every row is counted as new. */
  importReport: ImportReport | null = null;
  /** Checkout bills by invoice id. */
  readonly bills = new Map<string, Bill>();
  /** The manager tokens granted and not locked or expired. */
  readonly unlocks = new Set<string>();
  readonly calls: RecordedCall[] = [];
  readonly savedFiles: { fileName: string; csv: string }[] = [];
  /** Support bundles saved through the desktop save dialog, by file name. */
  readonly savedBundles: string[] = [];
  /** What was sent to print, oldest first. */
  readonly printed: PrintRequest[] = [];
  /** Updates installed (the app would restart). */
  installs = 0;
  /** What the next save dialog does: save the file, or the person cancels it. */
  saveDialog: 'save' | 'cancel' = 'save';
  private readonly listeners = new Set<(event: BillingEvent) => void>();
  private readonly failures = new Map<HandlerName, AppError>();
  private readonly held = new Map<HandlerName, Promise<void>>();
  private readonly handlers: FakeHandlers = { ...saleHandlers(this), ...ledgerHandlers(this), ...managerHandlers(this), ...storeLinkHandlers(this), ...catalogueHandlers(this), ...integrationHandlers(this) };
  private seq = 0;

  /** The bridge the zustand stores see: every contract call, plus the desktop's save and print. */
  readonly api: DesktopBilling = {
    ...(Object.fromEntries(HANDLER_NAMES.map((name) => [camelCaseName(name), (input: unknown) => this.run(name, input)])) as BillingCalls),
    onEvent: (listener) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
    saveCsv: async (fileName, csv) => {
      if (this.saveDialog === 'cancel') return ok({ saved: false });
      this.savedFiles.push({ fileName, csv });
      return ok({ saved: true });
    },
    saveSupportBundle: async (managerToken) => {
      const bundle = await this.run('support-bundle', { managerToken });
      if (!bundle.ok) return bundle;
      if (this.saveDialog === 'cancel') return ok({ saved: false });
      this.savedBundles.push(bundle.value.fileName);
      return ok({ saved: true });
    },
    printPage: async (request) => {
      this.printed.push(request);
      return ok({ printed: true, reason: null });
    },
    // This PC has no printers of its own: a print goes to the system's dialog.
    listPrinters: async () => ok([]),
  };

  /** Puts this backend where the renderer looks for the desktop bridge (window.billing). */
  install(): this {
    (globalThis as { billing?: DesktopBilling }).billing = this.api;
    resetBillingApi();
    return this;
  }

  uninstall(): void {
    delete (globalThis as { billing?: DesktopBilling }).billing;
    resetBillingApi();
  }

  /** The calls of one name the zustand stores made, oldest first. */
  callsTo<K extends HandlerName>(name: K): HandlerInput<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as HandlerInput<K>);
  }

  emit(event: BillingEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** The next call of this name answers with this error. */
  failNext(name: HandlerName, error: AppError): void {
    this.failures.set(name, error);
  }

  /** The next call of this name is answered as it arrives but delivered only when the returned function is called (a slow answer). */
  hold(name: HandlerName): () => void {
    let release: () => void = () => undefined;
    this.held.set(name, new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  /** Forgets every manager unlock, as a restart of the backend does. */
  expireUnlocks(): void {
    this.unlocks.clear();
  }

  /** Zoho's final answer for an attempt: the attempt and its invoice change together, and the screens are told. */
  settle(attemptId: string, state: Extract<AttemptState, 'succeeded' | 'failed' | 'unresolved'>, failureCode: string | null = null): ChargeAttempt {
    const at = this.now();
    const attempt = this.update(attemptId, {
      state,
      failureCode,
      finalAt: state === 'unresolved' ? null : at,
      paymentId: state === 'succeeded' ? `pay-${attemptId}` : null,
    });
    const invoice = this.requireInvoice(attempt.invoiceId);
    if (state === 'succeeded') {
      invoice.balanceDueMinor = Math.max(0, invoice.balanceDueMinor - attempt.amountMinor);
      if (invoice.balanceDueMinor === 0) Object.assign(invoice, { status: 'paid', paidAt: at });
    }
    if (state === 'failed' && invoice.status === 'open') invoice.status = 'payment_failed';
    this.publish(attempt);
    return attempt;
  }

  /** Any other change to an attempt (a refusal, a declined try…), told to the screens. */
  change(attemptId: string, patch: Partial<ChargeAttempt>): ChargeAttempt {
    const attempt = this.update(attemptId, patch);
    this.publish(attempt);
    return attempt;
  }

  /** A sale made straight in the backend (another station, or before a reload). */
  addInvoice(counterId: string, totalMinor: number): Invoice {
    return this.createInvoice(counterId, [{ description: 'Goods', quantity: 1, unitPriceMinor: totalMinor }]);
  }

  /** An attempt in any state, as the backend would have it. */
  addAttempt(invoice: Invoice, state: AttemptState, patch: Partial<ChargeAttempt> = {}): ChargeAttempt {
    const attempt = this.newAttempt(invoice, 'card', state !== 'unknown' && state !== 'rejected');
    Object.assign(attempt, { state, ...patch });
    return attempt;
  }

  publish(attempt: ChargeAttempt): void {
    this.emit(structuredClone({ type: 'charge-updated', attempt, invoice: this.requireInvoice(attempt.invoiceId) }));
  }

  // What the handlers in ./fake/ share.

  now(): number {
    this.seq += 1;
    return Date.now() + this.seq;
  }

  requireInvoice(id: string): Invoice {
    return this.invoices.find((i) => i.id === id) ?? refuse('not_found', 'No such invoice', 'invoiceId');
  }

  requireCounter(id: string): Counter {
    return this.counters.find((c) => c.id === id) ?? refuse('not_found', 'No such counter', 'counterId');
  }

  requireAttempt(id: string): ChargeAttempt {
    return this.attempts.find((a) => a.id === id) ?? refuse('not_found', 'No such payment', 'attemptId');
  }

  attemptsOf(invoiceId: string): ChargeAttempt[] {
    return this.attempts.filter((a) => a.invoiceId === invoiceId);
  }

  nextNumber(counterId: string): string {
    const c = this.requireCounter(counterId);
    const made = this.invoices.filter((i) => i.counterId === counterId).length;
    return `${c.invoicePrefix}${String(made + 1).padStart(6, '0')}`;
  }

  createInvoice(counterId: string, lines: Invoice['lines'], number?: string): Invoice {
    const total = sumMinor(lines.map((l) => l.unitPriceMinor * l.quantity));
    if (!total.ok) refuse('invalid_input', total.message, 'lines');
    const invoice: Invoice = {
      id: `inv-${this.seq + 1}`,
      number: number ?? this.nextNumber(counterId),
      counterId,
      lines,
      totalMinor: total.value,
      currency: this.appInfo.currency,
      status: 'open',
      createdAt: this.now(),
      paidAt: null,
      balanceDueMinor: total.value,
    };
    if (this.invoices.some((i) => i.number === invoice.number)) refuse('conflict', `Invoice ${invoice.number} already exists.`, 'number');
    this.invoices.push(invoice);
    return invoice;
  }

  /** A new attempt for the invoice's balance due; with a session when Zoho created one. */
  newAttempt(invoice: Invoice, method: PaymentMethod, withSession: boolean): ChargeAttempt {
    const at = this.now();
    const c = this.requireCounter(invoice.counterId);
    const attempt: ChargeAttempt = {
      id: `att-${this.seq}`,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      counterId: c.id,
      terminalId: c.terminalId,
      amountMinor: invoice.balanceDueMinor,
      currency: invoice.currency,
      method,
      paymentsSessionId: withSession ? `s-${this.seq}` : null,
      state: 'in_progress',
      failureCode: null,
      failureMessage: null,
      paymentId: null,
      paidMethod: null,
      declinedTries: [],
      mismatch: null,
      createdAt: at,
      updatedAt: at,
      finalAt: null,
      lastPolledAt: null,
      pollCount: 0,
      sessionCreatedAt: withSession ? at : null,
      hold: null,
      review: null,
    };
    this.attempts.push(attempt);
    this.history.push({ id: this.history.length + 1, attemptId: attempt.id, at, fromState: null, toState: 'creating', actor: 'cashier', reason: 'Charge' });
    return attempt;
  }

  update(attemptId: string, patch: Partial<ChargeAttempt>): ChargeAttempt {
    const attempt = this.requireAttempt(attemptId);
    const from = attempt.state;
    Object.assign(attempt, patch, { updatedAt: this.now() });
    if (patch.state && patch.state !== from) {
      this.history.push({ id: this.history.length + 1, attemptId, at: attempt.updatedAt, fromState: from, toState: patch.state, actor: 'zoho', reason: 'Zoho answered' });
    }
    return attempt;
  }

  grant(): ManagerSession {
    const managerToken = `token-${this.now()}`;
    this.unlocks.add(managerToken);
    return { managerToken, expiresAt: Date.now() + 60_000 };
  }

  private async run<K extends HandlerName>(name: K, input: unknown): CallResult<K> {
    this.calls.push({ name, input });
    // A copy, as over IPC or HTTP: the zustand stores never share an object with this backend.
    const answer = structuredClone(this.answer(name, input));
    const held = this.held.get(name);
    if (held) {
      this.held.delete(name);
      await held;
    }
    return answer;
  }

  private answer<K extends HandlerName>(name: K, input: unknown): Result<HandlerOutput<K>> {
    const failure = this.failures.get(name);
    if (failure) {
      this.failures.delete(name);
      return { ok: false, error: failure };
    }
    const parsed = parseHandlerInput(name, input);
    if (!parsed.ok) return parsed;
    const { managerToken } = parsed.value as { managerToken?: string };
    if (MANAGER_ONLY.has(name) && !this.unlocks.has(managerToken ?? '')) return fail('locked', 'The manager unlock has expired.');
    try {
      return (this.handlers[name] as FakeHandler<K>)(parsed.value);
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error };
      throw error;
    }
  }
}
