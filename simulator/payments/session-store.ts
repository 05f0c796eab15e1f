// POS sessions and the terminals they are pulled onto: one active session per terminal, the
// 3-minute validity (checked on every read and by a periodic sweep), and what the device reports.
import type { SimulatorStats } from '../control/stats';
import { NumericIds } from '../ids';
import { API_ERRORS, type ApiError } from './api-errors';
import type { CreateSessionInput } from './create-request';
import { SESSION_EXPIRED, type PaymentMethodType, type PaymentRecord, type SessionRecord } from './model';

export type TerminalOutcome =
  | { outcome: 'succeeded'; method?: PaymentMethodType | undefined }
  | { outcome: 'failed' | 'declined_attempt'; failure_code: string; method?: PaymentMethodType | undefined };

export type StoreResult = { ok: true; session: SessionRecord } | { ok: false; error: ApiError };

export interface SessionStoreOptions {
  accountCurrency: string;
  terminals: readonly string[];
  sessionValidityMs: number;
  expiredSessionPayment: boolean;
  now: () => number;
  stats: SimulatorStats['sessions'];
}

const TERMINAL_ERRORS = {
  unknownTerminal: (terminalId: string): ApiError => ({ status: 404, code: 'terminal_not_found', message: `No terminal ${terminalId}.` }),
  noActiveSession: (terminalId: string): ApiError => ({
    status: 404,
    code: 'no_active_session',
    message: `There is no payment to fetch on terminal ${terminalId}.`,
  }),
  notFetched: (): ApiError => ({ status: 409, code: 'not_fetched', message: 'Tap Fetch Payments on the terminal first.' }),
  methodMismatch: (requested: PaymentMethodType): ApiError => ({
    status: 409,
    code: 'method_mismatch',
    message: `This session asks for ${requested}; the customer cannot pay it another way.`,
  }),
};

export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly terminals: Set<string>;
  private readonly activeByTerminal = new Map<string, string>();
  private readonly sessionIds = new NumericIds('21600');
  private readonly paymentIds = new NumericIds('17300');
  /** Every payment by its id, with the session it belongs to (refunds are made for a payment). */
  private readonly payments = new Map<string, PaymentRecord>();

  constructor(private readonly options: SessionStoreOptions) {
    this.terminals = new Set(options.terminals);
  }

  terminalIds(): string[] {
    return [...this.terminals];
  }

  /** Returns false when the terminal already existed. */
  addTerminal(terminalId: string): boolean {
    if (this.terminals.has(terminalId)) return false;
    this.terminals.add(terminalId);
    return true;
  }

  create(input: CreateSessionInput): StoreResult {
    if (input.currency !== this.options.accountCurrency) {
      return { ok: false, error: API_ERRORS.currencyNotSupported(input.currency, this.options.accountCurrency) };
    }
    if (!this.terminals.has(input.terminalId)) return { ok: false, error: API_ERRORS.unknownTerminal(input.terminalId) };
    const active = this.activeOn(input.terminalId);
    if (active) return { ok: false, error: API_ERRORS.terminalBusy(input.terminalId, active.sessionId) };

    const now = this.options.now();
    const session: SessionRecord = {
      sessionId: this.sessionIds.take(),
      terminalId: input.terminalId,
      amount: input.amount,
      currency: input.currency,
      createdAt: now,
      expiresAt: now + this.options.sessionValidityMs,
      status: 'in_progress',
      invoiceNumber: input.invoiceNumber,
      description: input.description,
      metaData: input.metaData,
      requestedMethod: input.requestedMethod,
      fetchedAt: null,
      payments: [],
    };
    this.sessions.set(session.sessionId, session);
    this.activeByTerminal.set(session.terminalId, session.sessionId);
    this.options.stats.created += 1;
    return { ok: true, session };
  }

  get(sessionId: string): SessionRecord | undefined {
    const session = this.sessions.get(sessionId);
    if (session) this.expireIfDue(session);
    return session;
  }

  list(): SessionRecord[] {
    this.expireDue();
    return [...this.sessions.values()];
  }

  /** The terminal's session that is still in progress, if any. */
  activeOn(terminalId: string): SessionRecord | undefined {
    const sessionId = this.activeByTerminal.get(terminalId);
    const session = sessionId === undefined ? undefined : this.get(sessionId);
    return session?.status === 'in_progress' ? session : undefined;
  }

  /** "Fetch Payments" on the device. */
  fetch(terminalId: string): StoreResult {
    if (!this.terminals.has(terminalId)) return { ok: false, error: TERMINAL_ERRORS.unknownTerminal(terminalId) };
    const session = this.activeOn(terminalId);
    if (!session) return { ok: false, error: TERMINAL_ERRORS.noActiveSession(terminalId) };
    session.fetchedAt ??= this.options.now();
    return { ok: true, session };
  }

  /** What the device reports after the customer tapped, inserted, scanned, or gave up. */
  pay(terminalId: string, report: TerminalOutcome): StoreResult {
    if (!this.terminals.has(terminalId)) return { ok: false, error: TERMINAL_ERRORS.unknownTerminal(terminalId) };
    const session = this.activeOn(terminalId);
    if (!session) return { ok: false, error: TERMINAL_ERRORS.noActiveSession(terminalId) };
    if (session.fetchedAt === null) return { ok: false, error: TERMINAL_ERRORS.notFetched() };
    const requested = session.requestedMethod;
    if (requested && report.method && report.method !== requested) {
      return { ok: false, error: TERMINAL_ERRORS.methodMismatch(requested) };
    }
    const method = report.method ?? requested ?? 'card';
    if (report.outcome === 'succeeded') {
      this.addPayment(session, 'succeeded', null, method);
      this.finish(session, 'succeeded');
    } else {
      this.addPayment(session, 'failed', report.failure_code, method);
      if (report.outcome === 'failed') this.finish(session, 'failed');
    }
    return { ok: true, session };
  }

  /** A payment made on any terminal, by its id. */
  payment(paymentId: string): PaymentRecord | undefined {
    return this.payments.get(paymentId);
  }

  /** Fault injection: makes later answers for the session disagree with what was asked. */
  tamper(sessionId: string, changes: Partial<Pick<SessionRecord, 'amount' | 'currency' | 'invoiceNumber'>>): SessionRecord | undefined {
    const session = this.sessions.get(sessionId);
    if (session) Object.assign(session, changes);
    return session;
  }

  /** Ends a session's validity now, whatever the clock says (demo and tests). */
  expire(sessionId: string): SessionRecord | undefined {
    const session = this.sessions.get(sessionId);
    if (session?.status === 'in_progress') this.expireSession(session);
    return session;
  }

  /** Fails every in-progress session whose validity has passed. */
  expireDue(): void {
    for (const sessionId of this.activeByTerminal.values()) {
      const session = this.sessions.get(sessionId);
      if (session) this.expireIfDue(session);
    }
  }

  private expireIfDue(session: SessionRecord): void {
    if (session.status === 'in_progress' && this.options.now() >= session.expiresAt) this.expireSession(session);
  }

  private expireSession(session: SessionRecord): void {
    if (this.options.expiredSessionPayment) {
      this.addPayment(session, 'failed', SESSION_EXPIRED, session.requestedMethod ?? 'card', session.expiresAt);
    }
    this.options.stats.expired += 1;
    this.finish(session, 'failed');
  }

  private addPayment(
    session: SessionRecord,
    status: PaymentRecord['status'],
    failureCode: string | null,
    method: PaymentMethodType,
    at = this.options.now(),
  ): void {
    const payment: PaymentRecord = { paymentId: this.paymentIds.take(), amount: session.amount, status, at, failureCode, method };
    session.payments.push(payment);
    this.payments.set(payment.paymentId, payment);
  }

  private finish(session: SessionRecord, status: 'succeeded' | 'failed'): void {
    session.status = status;
    this.options.stats[status] += 1;
    if (this.activeByTerminal.get(session.terminalId) === session.sessionId) this.activeByTerminal.delete(session.terminalId);
  }
}
