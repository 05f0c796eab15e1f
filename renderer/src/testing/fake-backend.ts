// For the zustand stores' unit tests: the desktop bridge (window.billing) over an in-memory backend.
// It answers exactly the contract's calls (FakeHandlers is a mapped type over every HandlerName),
// parses every input with the contract's own parser and gates the manager-only calls the contract
// names, as the real backend does; the rules the screens rely on (one live attempt per invoice, the
// review check, the invoice's status after an outcome) are kept in their simplest form, by domain in
// ./fake/ (over the records in ./fake/state.ts). Tests settle attempts as Zoho would (`settle`, `change`), push any event (`emit`), fail a
// call (`failNext`) or hold its answer back (`hold`).
import { camelCaseName, type BillingCalls } from '../../../contract/api';
import { HANDLER_NAMES, MANAGER_ONLY, type CallResult, type HandlerInput, type HandlerName, type HandlerOutput } from '../../../contract/handlers';
import { parseHandlerInput } from '../../../contract/parse';
import type { ChargeAttempt, Invoice } from '../../../contract/records';
import { fail, ok, type AppError, type Result } from '../../../contract/result';
import type { AttemptState } from '../../../contract/vocabulary';
import type { DesktopBilling, PrintRequest } from '../../../preload/bridge';
import { resetBillingApi } from '../api/gateway';
import { Refusal, type FakeHandler, type FakeHandlers } from './fake/handlers';
import { integrationHandlers } from './fake/integrations';
import { ledgerHandlers } from './fake/ledger';
import { managerHandlers } from './fake/manager';
import { saleHandlers } from './fake/sales';
import { storeLinkHandlers } from './fake/store-link';
import { catalogueHandlers } from './fake/catalogue';
import { shiftHandlers } from './fake/shifts';
import { cashierHandlers } from './fake/cashiers';
import { keptBillHandlers } from './fake/kept-bills';
import { FakeState } from './fake/state';

/** A call the zustand stores made, in the contract's name. */
export interface RecordedCall {
  name: HandlerName;
  input: unknown;
}

export class FakeBackend extends FakeState {
  readonly calls: RecordedCall[] = [];
  readonly savedFiles: { fileName: string; csv: string }[] = [];
  /** Support bundles saved through the desktop save dialog, by file name. */
  readonly savedBundles: string[] = [];
  /** What was sent to print, oldest first. */
  readonly printed: PrintRequest[] = [];
  /** What the next save dialog does: save the file, or the person cancels it. */
  saveDialog: 'save' | 'cancel' = 'save';
  private readonly failures = new Map<HandlerName, AppError>();
  private readonly held = new Map<HandlerName, Promise<void>>();
  private readonly handlers: FakeHandlers = { ...saleHandlers(this), ...ledgerHandlers(this), ...managerHandlers(this), ...storeLinkHandlers(this), ...catalogueHandlers(this), ...integrationHandlers(this), ...shiftHandlers(this), ...cashierHandlers(this), ...keptBillHandlers(this) };

  /** The bridge the zustand stores see: every contract call, plus the desktop's save and print. */
  readonly api: DesktopBilling = {
    ...(Object.fromEntries(HANDLER_NAMES.map((name) => [camelCaseName(name), (input: unknown) => this.run(name, input)])) as BillingCalls),
    onEvent: (listener) => this.listen(listener),
    saveCsv: async (fileName, csv) => {
      if (this.saveDialog === 'cancel') return ok({ saved: false });
      this.savedFiles.push({ fileName, csv });
      return ok({ saved: true });
    },
    saveDayCsv: async (filter) => {
      const day = await this.run('log-export-csv', filter);
      if (!day.ok) return day;
      const { fileName, csv, rowCount } = day.value;
      if (this.saveDialog === 'cancel') return ok({ saved: false, fileName, rowCount: 0 });
      this.savedFiles.push({ fileName, csv });
      return ok({ saved: true, fileName, rowCount });
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
