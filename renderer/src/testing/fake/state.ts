// The fake backend's data and what its handlers (by domain, beside this file) share: the handlers
// take this state, never the backend that routes calls to them, so no import runs in a circle.
import type { Bill } from '../../../../contract/catalogue/bill';
import type { HeldBill, KeptBill } from '../../../../contract/bills';
import type { CatalogueItem, ImportReport, TaxSettings } from '../../../../contract/catalogue/records';
import type { AppInfo, ConnectionStatus, IntegrationApiStatus, Settings, ShiftReport, StoreStatus, SupportInfo } from '../../../../contract/answers';
import type { BillingEvent } from '../../../../contract/events';
import type { ManagerSession } from '../../../../contract/handlers';
import { sumMinor } from '../../../../contract/money';
import type { AttemptEvent, CashierSummary, CashRefund, CashSale, ChargeAttempt, Counter, DayClose, IntegrationKey, IntegrationRefundRequest, Invoice, Refund } from '../../../../contract/records';
import { BACKUP_KEEP_DAYS, POLL_INTERVAL_SECONDS } from '../../../../contract/rules';
import type { PaymentMethod } from '../../../../contract/vocabulary';
import { refuse } from './handlers';

export function newCounter(id: string, name: string, terminalId: string, invoicePrefix: string, createdAt = 0): Counter {
  return { id, name, terminalId, invoicePrefix, active: true, createdAt };
}

/** The in-memory backend's records, and the helpers its handlers share. */
export class FakeState {
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
  cashRefunds: CashRefund[] = [];
  refunds: Refund[] = [];
  closes: DayClose[] = [];
  shifts: ShiftReport[] = [];
  /** Cashiers with their PINs (the real backend keeps only a hash), and who is signed in at each counter. */
  cashiers: (CashierSummary & { pin: string })[] = [];
  signedIn = new Map<string, CashierSummary>();
  /** The bill being built at each counter, and bills held under a label (with what they hold). */
  keptBills = new Map<string, KeptBill>();
  heldBills: (HeldBill & { bill: KeptBill })[] = [];
  integrationKeys: IntegrationKey[] = [];
  integrationApi: IntegrationApiStatus = { url: 'http://127.0.0.1:47100', lan: false, lanForcedAtStart: false };
  /** Refunds billing programs asked for. */
  readonly refundRequests: IntegrationRefundRequest[] = [];
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
    setAside: [],
  };
  /** The catalogue's items, and the store's tax settings (none set). */
  catalogue: CatalogueItem[] = [];
  taxSettings: TaxSettings = { gstin: null, stateCode: null, stateName: null, usSalesTaxBasisPoints: 0, roundOff: true, invoiceNumbersRestartEachYear: false };
  /** The catalogue import's answer, when a test needs problems; else every row is counted as new. */
  importReport: ImportReport | null = null;
  /** Checkout bills by invoice id. */
  readonly bills = new Map<string, Bill>();
  /** The manager tokens granted and not locked or expired. */
  readonly unlocks = new Set<string>();
  /** Updates installed (the app would restart). */
  installs = 0;
  private readonly listeners = new Set<(event: BillingEvent) => void>();
  private seq = 0;

  /** Listens to every event the backend pushes; the returned function stops listening. */
  listen(listener: (event: BillingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: BillingEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  publish(attempt: ChargeAttempt): void {
    this.emit(structuredClone({ type: 'charge-updated', attempt, invoice: this.requireInvoice(attempt.invoiceId) }));
  }

  cashierAt(counterId: string | undefined): string | undefined {
    return counterId ? this.signedIn.get(counterId)?.name : undefined;
  }

  /** Who did it at the counter: the cashier signed in there (as the backend: never the name sent), else the name typed. */
  whoAt(counterId: string | undefined, typed: string | undefined, field: string): string {
    return this.cashierAt(counterId) ?? typed ?? refuse('invalid_input', 'Your name is required: it is recorded with what you do.', field);
  }

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
      paidInCashMinor: 0,
    };
    if (this.invoices.some((i) => i.number === invoice.number)) refuse('conflict', `Invoice ${invoice.number} already exists.`, 'number');
    this.invoices.push(invoice);
    return invoice;
  }

  /** A new attempt for the invoice's balance due (or `amountMinor` of it); with a session when Zoho created one. */
  newAttempt(invoice: Invoice, method: PaymentMethod, withSession: boolean, amountMinor = invoice.balanceDueMinor): ChargeAttempt {
    const at = this.now();
    const c = this.requireCounter(invoice.counterId);
    const attempt: ChargeAttempt = {
      id: `att-${this.seq}`,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      counterId: c.id,
      terminalId: c.terminalId,
      amountMinor,
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
}
