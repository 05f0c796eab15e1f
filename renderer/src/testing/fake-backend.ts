// For the stores' unit tests: the BillingApi (as the desktop preload puts it on window.billing) over
// an in-memory backend. Every input is parsed by the contract's schema, as the real backend does;
// the rules the screens rely on (one live attempt per invoice, the review check, the invoice's status
// after an outcome) are kept here in their simplest form. Tests settle attempts as Zoho would
// (`settle`, `change`), push any event (`emit`), fail a call (`failNext`) or hold its answer back (`hold`).
import { camelCaseName } from '../../../contract/api';
import { isLiveState, type AttemptState } from '../../../contract/vocabulary';
import type { BillingEvent } from '../../../contract/events';
import { HANDLER_NAMES, inputSchemas, type HandlerInput, type HandlerName, type HandlerOutput } from '../../../contract/handlers';
import { invoiceAwaitsReview, type AttemptEvent, type CashSale, type ChargeAttempt, type Counter, type DayClose, type Invoice, type Refund } from '../../../contract/records';
import { sumMinor } from '../../../contract/money';
import { fail, ok, type AppError, type Result } from '../../../contract/result';
import { BACKUP_KEEP_DAYS, POLL_INTERVAL_SECONDS } from '../../../contract/rules';
import { DAY_LOG_MAX_ROWS, DAY_LOG_PAGE, type AppInfo, type ConnectionStatus, type CounterStatus, type DayCloseReport, type DayLog, type DayTotals, type Settings, type StoreStatus, type SupportInfo } from '../../../contract/answers';
import type { DesktopBilling, SaveOutcome } from '../../../preload/bridge';
import { isoDate } from '../format/time';
import { resetBillingApi } from '../api/gateway';

type Handler<K extends HandlerName> = (input: HandlerInput<K>) => Result<HandlerOutput<K>> | Promise<Result<HandlerOutput<K>>>;
type Handlers = { [K in HandlerName]: Handler<K> };

/** A call the store made, in the contract's name. */
export interface RecordedCall {
  name: HandlerName;
  input: unknown;
}

function counter(id: string, name: string, terminalId: string, prefix: string): Counter {
  return { id, name, terminalId, invoicePrefix: prefix, active: true, createdAt: 0 };
}

class Failure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

function refuse(code: AppError['code'], message: string, field?: string): never {
  throw new Failure(field === undefined ? { code, message } : { code, message, field });
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
  counters: Counter[] = [counter('c1', 'Counter A', 'TRM001', 'A-'), counter('c2', 'Counter B', 'TRM002', 'B-')];
  invoices: Invoice[] = [];
  attempts: ChargeAttempt[] = [];
  history: AttemptEvent[] = [];
  settings: Settings = { pollIntervalSeconds: POLL_INTERVAL_SECONDS.default, backupKeepDays: BACKUP_KEEP_DAYS.default, defaultMethod: 'card', storeName: '', storeAddress: '' };
  cashSales: CashSale[] = [];
  refunds: Refund[] = [];
  closes: DayClose[] = [];
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
  readonly calls: RecordedCall[] = [];
  readonly savedFiles: { fileName: string; csv: string }[] = [];
  /** Support bundles saved through the desktop save dialog, by file name. */
  readonly savedBundles: string[] = [];
  /** Updates installed (the app would restart). */
  installs = 0;
  /** What the next save dialog does: save the file, or the person cancels it. */
  saveDialog: 'save' | 'cancel' = 'save';
  private readonly tokens = new Set<string>();
  private readonly listeners = new Set<(event: BillingEvent) => void>();
  private readonly failures = new Map<HandlerName, AppError>();
  private readonly held = new Map<HandlerName, Promise<void>>();
  private seq = 0;

  /** The BillingApi the stores see (the desktop preload's shape, with saveCsv). */
  readonly api: DesktopBilling;

  constructor() {
    const handlers = this.handlers();
    const calls = Object.fromEntries(
      HANDLER_NAMES.map((name) => [camelCaseName(name), (input: unknown) => this.run(name, input, handlers[name])]),
    );
    this.api = {
      ...(calls as unknown as DesktopBilling),
      onEvent: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      saveCsv: async (fileName: string, csv: string): Promise<Result<SaveOutcome>> => {
        if (this.saveDialog === 'cancel') return ok({ saved: false });
        this.savedFiles.push({ fileName, csv });
        return ok({ saved: true });
      },
      saveSupportBundle: async (managerToken: string): Promise<Result<SaveOutcome>> => {
        const bundle = await this.run('support-bundle', { managerToken }, handlers['support-bundle']);
        if (!bundle.ok) return bundle;
        if (this.saveDialog === 'cancel') return ok({ saved: false });
        this.savedBundles.push((bundle.value as { fileName: string }).fileName);
        return ok({ saved: true });
      },
    };
  }

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

  /** The calls of one name the stores made, oldest first. */
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
    if (state === 'succeeded') Object.assign(invoice, { status: 'paid', paidAt: at });
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
    const attempt = this.newAttempt(invoice, 'card', state === 'unknown' || state === 'rejected' ? null : `s-${this.seq + 1}`);
    Object.assign(attempt, { state, ...patch });
    return attempt;
  }

  publish(attempt: ChargeAttempt): void {
    this.emit(structuredClone({ type: 'charge-updated', attempt, invoice: this.requireInvoice(attempt.invoiceId) }));
  }

  private now(): number {
    this.seq += 1;
    return Date.now() + this.seq;
  }

  private async run(name: HandlerName, input: unknown, handler: Handler<HandlerName>): Promise<Result<unknown>> {
    this.calls.push({ name, input });
    // A copy, as over IPC or HTTP: the stores never share an object with this backend.
    const answer = structuredClone(await this.answer(name, input, handler));
    const held = this.held.get(name);
    if (held) {
      this.held.delete(name);
      await held;
    }
    return answer;
  }

  private async answer(name: HandlerName, input: unknown, handler: Handler<HandlerName>): Promise<Result<unknown>> {
    const failure = this.failures.get(name);
    if (failure) {
      this.failures.delete(name);
      return { ok: false, error: failure };
    }
    const parsed = inputSchemas[name].safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('invalid_input', issue?.message ?? 'Invalid input', issue?.path.join('.') || undefined);
    }
    if ('managerToken' in parsed.data && !this.tokens.has(parsed.data.managerToken)) {
      return fail('locked', 'The manager unlock has expired.');
    }
    try {
      return await handler(parsed.data);
    } catch (error) {
      if (error instanceof Failure) return { ok: false, error: error.error };
      throw error;
    }
  }

  private requireInvoice(id: string): Invoice {
    return this.invoices.find((i) => i.id === id) ?? refuse('not_found', 'No such invoice', 'invoiceId');
  }

  private requireCounter(id: string): Counter {
    return this.counters.find((c) => c.id === id) ?? refuse('not_found', 'No such counter', 'counterId');
  }

  private requireAttempt(id: string): ChargeAttempt {
    return this.attempts.find((a) => a.id === id) ?? refuse('not_found', 'No such payment', 'attemptId');
  }

  private attemptsOf(invoiceId: string): ChargeAttempt[] {
    return this.attempts.filter((a) => a.invoiceId === invoiceId);
  }

  private nextNumber(counterId: string): string {
    const c = this.requireCounter(counterId);
    const made = this.invoices.filter((i) => i.counterId === counterId).length;
    return `${c.invoicePrefix}${String(made + 1).padStart(6, '0')}`;
  }

  private createInvoice(counterId: string, lines: Invoice['lines'], number?: string): Invoice {
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
    };
    if (this.invoices.some((i) => i.number === invoice.number)) refuse('conflict', `Invoice ${invoice.number} already exists.`, 'number');
    this.invoices.push(invoice);
    return invoice;
  }

  private newAttempt(invoice: Invoice, method: ChargeAttempt['method'], sessionId: string | null): ChargeAttempt {
    const at = this.now();
    const c = this.requireCounter(invoice.counterId);
    const attempt: ChargeAttempt = {
      id: `att-${this.seq}`,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      counterId: c.id,
      terminalId: c.terminalId,
      amountMinor: invoice.totalMinor,
      currency: invoice.currency,
      method,
      paymentsSessionId: sessionId,
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
      sessionCreatedAt: sessionId ? at : null,
      hold: null,
      review: null,
    };
    this.attempts.push(attempt);
    this.history.push({ id: this.history.length + 1, attemptId: attempt.id, at, fromState: null, toState: 'creating', actor: 'cashier', reason: 'Charge' });
    return attempt;
  }

  private update(attemptId: string, patch: Partial<ChargeAttempt>): ChargeAttempt {
    const attempt = this.requireAttempt(attemptId);
    const from = attempt.state;
    Object.assign(attempt, patch, { updatedAt: this.now() });
    if (patch.state && patch.state !== from) {
      this.history.push({ id: this.history.length + 1, attemptId, at: attempt.updatedAt, fromState: from, toState: patch.state, actor: 'zoho', reason: 'Zoho answered' });
    }
    return attempt;
  }

  private status(c: Counter): CounterStatus {
    const cash = this.cashSales.filter((s) => s.counterId === c.id).at(-1);
    if (cash) return { counter: c, invoice: this.requireInvoice(cash.invoiceId), attempt: null };
    const open = this.invoices.filter((i) => i.counterId === c.id && i.status === 'open').at(-1);
    const latest = this.attempts.filter((a) => a.counterId === c.id).at(-1);
    const invoice = open ?? (latest ? this.requireInvoice(latest.invoiceId) : null);
    return { counter: c, invoice, attempt: invoice ? (this.attemptsOf(invoice.id).at(-1) ?? null) : null };
  }

  private dayLog(input: HandlerInput<'log-day'>): DayLog {
    const day = this.attempts
      .filter((a) => isoDate(a.createdAt) === input.date)
      .filter((a) => !input.counterId || a.counterId === input.counterId)
      .filter((a) => !input.state || a.state === input.state)
      .filter((a) => !input.method || a.method === input.method)
      .filter((a) => !input.search || a.invoiceNumber.includes(input.search))
      .reverse();
    const rows = input.rows ?? DAY_LOG_PAGE;
    const paid = day.filter((a) => a.state === 'succeeded');
    return {
      date: input.date,
      currency: this.appInfo.currency,
      attempts: day.slice(0, rows),
      truncated: day.length > rows,
      totals: this.totals(paid, day.length, day.filter((a) => invoiceAwaitsReview([a])).length),
      refunds: this.refunds.filter((r) => isoDate(r.createdAt) === input.date),
      cashSales: this.cashSales.filter((s) => isoDate(s.createdAt) === input.date),
      corrections: [],
      close: this.closes.find((c) => c.day === input.date) ?? null,
    };
  }

  /** Collected and refunded, in their simplest form; the tenders and counters are the real backend's to count. */
  private totals(paid: readonly ChargeAttempt[], attemptCount: number, awaitingReview: number): DayTotals {
    const collectedMinor = paid.reduce((sum, a) => sum + a.amountMinor, 0) + this.cashSales.reduce((sum, s) => sum + s.amountMinor, 0);
    const refundedMinor = this.refunds.filter((r) => r.state === 'succeeded').reduce((sum, r) => sum + r.amountMinor, 0);
    return {
      collectedMinor,
      refundedMinor,
      refundsInProgressMinor: 0,
      netMinor: collectedMinor - refundedMinor,
      attemptCount,
      awaitingReview,
      byState: [],
      byMethod: [],
      byTender: [],
      byCounter: [],
      collectedByHour: Array.from({ length: 24 }, () => 0),
    };
  }

  private closeReport(date: string): DayCloseReport {
    const log = this.dayLog({ date });
    return {
      date,
      currency: this.appInfo.currency,
      totals: log.totals,
      needsReview: log.attempts.filter((a) => invoiceAwaitsReview([a])),
      refundsInProgress: [],
      liveCount: log.attempts.filter((a) => isLiveState(a.state)).length,
      close: log.close,
    };
  }

  private settleCash(input: HandlerInput<'cash-settle'>): { invoice: Invoice; sale: CashSale } {
    const invoice = this.requireInvoice(input.invoiceId);
    if (this.attemptsOf(invoice.id).some((a) => isLiveState(a.state)) || invoiceAwaitsReview(this.attemptsOf(invoice.id))) {
      refuse('conflict', 'This invoice has a card or UPI payment that is still running or whose outcome is unknown.', 'invoiceId');
    }
    if (input.tenderedMinor < invoice.totalMinor) refuse('invalid_input', 'Amount tendered must be at least the total.', 'tenderedMinor');
    const at = this.now();
    Object.assign(invoice, { status: 'paid', paidAt: at });
    const sale: CashSale = {
      id: `cash-${at}`,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      counterId: invoice.counterId,
      amountMinor: invoice.totalMinor,
      tenderedMinor: input.tenderedMinor,
      changeMinor: input.tenderedMinor - invoice.totalMinor,
      currency: invoice.currency,
      createdAt: at,
    };
    this.cashSales.push(sale);
    return { invoice, sale };
  }

  private createRefund(input: HandlerInput<'refund-create'>): Refund {
    const repeated = this.refunds.find((r) => r.id === `refund-${input.requestKey}`);
    if (repeated) return repeated;
    const attempt = this.requireAttempt(input.attemptId);
    if (attempt.state !== 'succeeded' || !attempt.paymentId) refuse('conflict', 'Only a paid card or UPI payment can be refunded.', 'attemptId');
    const taken = this.refunds.filter((r) => r.attemptId === attempt.id && !['failed', 'rejected', 'canceled'].includes(r.state)).reduce((sum, r) => sum + r.amountMinor, 0);
    if (taken + input.amountMinor > attempt.amountMinor) refuse('invalid_input', 'Refund amount is more than is left to refund.', 'amountMinor');
    const at = this.now();
    const refund: Refund = {
      id: `refund-${input.requestKey}`,
      attemptId: attempt.id,
      invoiceId: attempt.invoiceId,
      invoiceNumber: attempt.invoiceNumber,
      counterId: attempt.counterId,
      paymentId: attempt.paymentId,
      amountMinor: input.amountMinor,
      currency: attempt.currency,
      reason: input.reason,
      note: input.note ?? null,
      state: 'initiated',
      zohoRefundId: `z-${at}`,
      failureReason: null,
      failureMessage: null,
      createdAt: at,
      updatedAt: at,
      finalAt: null,
    };
    this.refunds.push(refund);
    this.emit({ type: 'refund-updated', refund });
    return refund;
  }

  private grant(): { managerToken: string; expiresAt: number } {
    const managerToken = `token-${this.now()}`;
    this.tokens.add(managerToken);
    return { managerToken, expiresAt: Date.now() + 60_000 };
  }

  /** Forgets every manager unlock, as a restart of the backend does. */
  expireUnlocks(): void {
    this.tokens.clear();
  }

  private handlers(): Handlers {
    return {
      'app-info': () => ok(this.appInfo),
      'counters-list': (input) => ok(this.counters.filter((c) => input.includeInactive === true || c.active)),
      'counter-status': (input) => ok(this.status(this.requireCounter(input.counterId))),
      dashboard: () => ok(this.counters.map((c) => this.status(c))),
      'invoice-next-number': (input) => ok({ number: this.nextNumber(input.counterId) }),
      'invoice-create': (input) => ok(this.createInvoice(input.counterId, input.lines, input.number)),
      'invoice-get': (input) => ok({ invoice: this.requireInvoice(input.invoiceId), attempts: this.attemptsOf(input.invoiceId) }),
      'invoice-void': (input) => {
        const invoice = this.requireInvoice(input.invoiceId);
        invoice.status = 'void';
        return ok(invoice);
      },
      'charge-create': (input) => {
        const invoice = this.requireInvoice(input.invoiceId);
        if (invoice.status === 'paid') refuse('conflict', `Invoice ${invoice.number} is already paid.`);
        const earlier = this.attemptsOf(invoice.id);
        if (earlier.some((a) => isLiveState(a.state))) refuse('conflict', 'This invoice already has a payment in progress.');
        if (invoiceAwaitsReview(earlier) && input.confirmChecked !== true) {
          refuse('conflict', 'Check the terminal before charging this invoice again.', 'confirmChecked');
        }
        const attempt = this.newAttempt(invoice, input.method, `s-${this.seq + 1}`);
        this.publish(attempt);
        return ok(attempt);
      },
      'charge-recheck': (input) => ok(this.requireAttempt(input.attemptId)),
      'attempt-events': (input) => ok(this.history.filter((e) => e.attemptId === this.requireAttempt(input.attemptId).id)),
      'log-day': (input) => ok(this.dayLog(input)),
      'log-export-csv': (input) => {
        const { attempts } = this.dayLog({ ...input, rows: DAY_LOG_MAX_ROWS });
        return ok({ fileName: `payments-${input.date}.csv`, csv: ['invoice', ...attempts.map((a) => a.invoiceNumber)].join('\r\n'), rowCount: attempts.length });
      },
      'settings-get': () => ok(this.settings),
      'connection-status': () => ok(this.connection),
      'manager-status': () => ok({ pin: this.pin === null ? 'not_set' : 'set', message: null, reset: null }),
      'manager-unlock': (input) => (input.pin === this.pin ? ok(this.grant()) : fail('locked', 'That PIN is not right.', 'pin')),
      'manager-set-pin': (input) => {
        if (this.pin !== null && input.currentPin !== this.pin) refuse('locked', 'That PIN is not right.', 'currentPin');
        this.pin = input.pin;
        return ok(this.grant());
      },
      'manager-lock': (input) => {
        this.tokens.delete(input.managerToken);
        return ok({ locked: true });
      },
      'counter-create': (input) => {
        if (this.counters.some((c) => c.active && c.terminalId === input.terminalId)) {
          refuse('conflict', `Another counter already uses this terminal.`, 'terminalId');
        }
        const created = { ...counter(`c${this.counters.length + 1}`, input.name, input.terminalId, input.invoicePrefix ?? ''), createdAt: this.now() };
        this.counters.push(created);
        this.emit({ type: 'counters-changed' });
        return ok(created);
      },
      'counter-update': (input) => {
        const c = this.requireCounter(input.counterId);
        Object.assign(c, {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.terminalId === undefined ? {} : { terminalId: input.terminalId }),
          ...(input.invoicePrefix === undefined ? {} : { invoicePrefix: input.invoicePrefix }),
        });
        this.emit({ type: 'counters-changed' });
        return ok(c);
      },
      'counter-deactivate': (input) => {
        const c = this.requireCounter(input.counterId);
        c.active = false;
        this.emit({ type: 'counters-changed' });
        return ok(c);
      },
      'attempt-mark-reviewed': (input) => {
        const attempt = this.update(input.attemptId, { review: { at: Date.now(), note: input.note } });
        this.publish(attempt);
        return ok(attempt);
      },
      'attempt-release-hold': (input) => {
        const held = this.requireAttempt(input.attemptId);
        if (!held.hold) refuse('conflict', 'This payment does not hold its terminal.');
        const attempt = this.update(input.attemptId, { hold: { until: held.hold?.until ?? Date.now(), endedAt: Date.now() } });
        this.publish(attempt);
        return ok(attempt);
      },
      'settings-update': (input) => {
        const { managerToken: _token, ...patch } = input;
        this.settings = { ...this.settings, ...patch };
        return ok(this.settings);
      },
      'preferences-update': ({ managerToken: _token, ...changes }) => {
        this.settings = { ...this.settings, ...changes };
        return ok(this.settings);
      },
      'cash-settle': (input) => ok(this.settleCash(input)),
      'receipt-get': (input) => {
        const invoice = this.requireInvoice(input.invoiceId);
        if (invoice.status !== 'paid') refuse('conflict', 'A receipt is printed once the invoice is paid.', 'invoiceId');
        const cash = this.cashSales.find((s) => s.invoiceId === invoice.id);
        const paid = this.attemptsOf(invoice.id).find((a) => a.state === 'succeeded');
        return ok({
          storeName: this.settings.storeName,
          storeAddress: this.settings.storeAddress,
          invoice,
          counterName: this.requireCounter(invoice.counterId).name,
          tender: cash ? 'cash' : (paid?.method ?? 'card'),
          paymentId: paid?.paymentId ?? null,
          tenderedMinor: cash?.tenderedMinor ?? null,
          changeMinor: cash?.changeMinor ?? null,
          paidAt: invoice.paidAt ?? 0,
          refunds: this.refunds.filter((r) => r.invoiceId === invoice.id),
        });
      },
      'refund-create': (input) => ok(this.createRefund(input)),
      'refund-list': (input) => ok(this.refunds.filter((r) => r.attemptId === this.requireAttempt(input.attemptId).id).map((refund) => ({ refund, events: [] }))),
      'refund-recheck': (input) => ok(this.refunds.find((r) => r.id === input.refundId) ?? refuse('not_found', 'No such refund', 'refundId')),
      'day-close-report': (input) => ok(this.closeReport(input.date)),
      'day-close': (input) => {
        const report = this.closeReport(input.date);
        if (report.needsReview.length > 0 && !input.closeAnyway) refuse('conflict', 'Payments still need a check.', 'closeAnyway');
        this.closes.push({ id: `close-${input.date}`, day: input.date, closedBy: input.closedBy, closedAt: this.now(), awaitingReview: report.needsReview.length });
        return ok(this.closeReport(input.date));
      },
      'connection-configure': (input) => {
        this.connection = { ...this.connection, state: 'not_configured', edition: input.edition, accountId: input.accountId, clientId: input.clientId, message: 'Sign in with Zoho.' };
        return ok(this.connection);
      },
      'connection-signin-start': () => ok({ authUrl: 'https://accounts.example/consent' }),
      'connection-code-submit': () => {
        this.connection = { ...this.connection, state: 'connected', message: 'Connected to Zoho.' };
        return ok(this.connection);
      },
      'connection-test': () => ok(this.connection.state === 'connected' ? { ok: true, message: 'Zoho answered.' } : { ok: false, message: 'Not connected to Zoho.' }),
      'connection-disconnect': () => {
        this.connection = { ...this.connection, state: 'demo', message: 'Demo mode' };
        return ok(this.connection);
      },
      'support-info': () => ok(this.support),
      // An empty zip (its end-of-central-directory record alone).
      'support-bundle': () => ok({ fileName: 'counter-support-20261129-143005.zip', zipBase64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' }),
      'update-install': () => {
        if (!this.support.updates.canInstall) refuse('conflict', 'A payment is in progress. Install the update once no payment is waiting on a terminal.');
        this.installs += 1;
        return ok({ installing: true as const });
      },
      'store-status': () => ok(this.store),
      'store-join': (input) => {
        if (input.pin !== this.pin) refuse('invalid_input', 'That is not the store’s manager PIN.', 'pin');
        const stationName = input.stationName ?? 'This PC';
        this.store = { ...this.store, link: 'up', storeName: input.storeName, stationId: 'pc-here', stationName, address: 'postgres://store', message: `Connected to store “${input.storeName}”.` };
        return ok(this.store);
      },
      'counter-claim': (input) => {
        const held = this.store.claims.find((c) => c.counterId === input.counterId && !c.thisStation);
        if (held) refuse('conflict', `${this.requireCounter(input.counterId).name} is in use at PC “${held.stationName}”.`, 'counterId');
        if (this.store.link === 'off') return ok(this.store);
        const mine = { counterId: input.counterId, stationId: 'pc-here', stationName: this.store.stationName ?? '', claimedAt: this.now(), stale: false, thisStation: true };
        this.store = { ...this.store, claims: [...this.store.claims.filter((c) => !c.thisStation), mine] };
        return ok(this.store);
      },
      'counter-release': (input) => {
        this.store = { ...this.store, claims: this.store.claims.filter((c) => c.counterId !== input.counterId) };
        return ok(this.store);
      },
    };
  }
}

/** localStorage for Node: what the stores keep across a reload. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}
