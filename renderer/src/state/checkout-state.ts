// The cashier's sale at this station: the invoice being typed, the invoice once created, and its
// latest charge attempt, kept live by charge-updated events (which carry the invoice as the backend
// has it, so the store never works out an invoice's status itself); or its settlement in cash.
// Each sale starts with the store's default method (a manager's preference).
import { create } from 'zustand';
import { isLiveState, type PaymentMethod } from '../../../contract/vocabulary';
import { phaseOf } from './checkout-phase';
import { awaitsReview, invoiceAwaitsReview, isHeld, type ChargeAttempt, type Invoice } from '../../../contract/records';
import { parseAmount } from '../../../contract/money';
import { shortTenderMessage } from '../../../contract/cash';
import { useAppStore } from './app-state';
import type { AppError } from '../../../contract/result';
import { call } from '../api/gateway';
import { checkDraft, draftFieldForServerField, emptyDraft, emptyLine, type Draft, type DraftLine, type DraftMode } from './invoice-draft';
import { dismissedInvoice, dismissInvoice } from './sale-memory';
import { cartInput } from './cart';
import { useCartStore } from './cart-state';
import { cardPart } from './card-part';

/** After a reload, a paid sale is shown again for this long (then the counter starts a new sale). */
const RESUME_PAID_FOR_MS = 5 * 60_000;

/** The call in flight, if any: the counter takes no other action meanwhile. */
export type CheckoutBusy = null | 'charging' | 'settling' | 'rechecking' | 'cancelling';

/** A sale settled in cash: what the customer handed over and the change given back. */
export interface CashPaid {
  tenderedMinor: number;
  changeMinor: number;
}

/** Where an error is shown: a form field key, or 'general' next to the Charge button. */
export type ErrorTarget = string;

interface CheckoutState {
  counterId: string | null;
  loading: boolean;
  loadError: string | null;
  draft: Draft;
  number: string;
  numberEdited: boolean;
  method: PaymentMethod;
  /** The store's method for a new sale (card or UPI). */
  defaultMethod: PaymentMethod;
  /** The cashier takes cash for this sale instead of the terminal. */
  cash: boolean;
  /** What the customer hands over, as typed. */
  tendered: string;
  /** Split tender: the part of the balance due for the card/UPI terminal, as typed; null for the whole balance. Kept until that part is paid. */
  part: string | null;
  cashPaid: CashPaid | null;
  invoice: Invoice | null;
  attempt: ChargeAttempt | null;
  busy: CheckoutBusy;
  error: AppError | null;
  errorTarget: ErrorTarget | null;
  /** Show the draft's own validation messages (after the first Charge press). */
  submitted: boolean;
  /** Draft line keys of the lines last sent, to place server errors. */
  sentLineKeys: string[];
  /** The cashier ticked "I checked the terminal" after an unknown/unresolved attempt. */
  confirmChecked: boolean;
  /** An earlier attempt on this invoice has no confirmed outcome (the backend said so): confirm before charging. */
  confirmRequired: boolean;
  /** Set when the sale changes phase, so the screen can move focus (e.g. to New sale). */
  phaseVersion: number;

  load: (counterId: string) => Promise<void>;
  setMode: (mode: DraftMode) => void;
  updateLine: (key: string, patch: Partial<Omit<DraftLine, 'key'>>) => void;
  addLine: () => string;
  removeLine: (key: string) => void;
  setAmount: (amount: string) => void;
  setAmountDescription: (text: string) => void;
  setNumber: (number: string) => void;
  setMethod: (method: PaymentMethod) => void;
  setCash: (cash: boolean) => void;
  setTendered: (text: string) => void;
  /** Opens (text), changes or closes (null) the card/UPI part field. */
  setPart: (text: string | null) => void;
  setConfirmChecked: (checked: boolean) => void;
  /**
   * Creates the invoice if needed, then charges it: the balance due, or the part typed (checked
   * against `dueMinor`, the amount due on screen, before any invoice is made). Never sends twice.
   */
  charge: (method?: PaymentMethod, dueMinor?: number) => Promise<void>;
  /**
   * Creates the invoice if needed, then settles it in cash for the amount tendered. `dueMinor` is
   * the total on screen: less than that is refused before any invoice is made (a typo is fixed by
   * typing again, not by voiding an invoice). `asPart`: the amount tendered pays only part of it
   * (split tender), and the balance is then charged by card or UPI.
   */
  settleCash: (dueMinor: number, asPart?: boolean) => Promise<void>;
  recheck: () => Promise<void>;
  newSale: () => Promise<void>;
  cancelInvoice: () => Promise<void>;
  /** A newer state of an attempt of this sale; `invoice` when the backend sent it along (charge-updated). */
  applyAttempt: (attempt: ChargeAttempt, invoice?: Invoice) => void;
}

function clearError() {
  return { error: null, errorTarget: null };
}

/** The method to offer besides `method` (Switch to UPI, F8). */
export function otherMethod(method: PaymentMethod): PaymentMethod {
  return method === 'card' ? 'upi' : 'card';
}

/**
 * The cashier must tick "I checked the terminal" before charging the invoice again: its latest try
 * awaits review, or the backend said an older one does (confirmRequired).
 */
export function confirmNeeded(state: Pick<CheckoutState, 'confirmRequired' | 'attempt'>): boolean {
  return state.confirmRequired || (state.attempt !== null && awaitsReview(state.attempt));
}

export const useCheckoutStore = create<CheckoutState>()((set, get) => {
  const fetchNextNumber = async (counterId: string) => {
    const result = await call((api) => api.invoiceNextNumber({ counterId }));
    if (result.ok && get().counterId === counterId && !get().numberEdited && !get().invoice) {
      set({ number: result.value.number });
    }
  };

  const freshSale = (counterId: string) => {
    set({
      method: get().defaultMethod,
      cash: false,
      tendered: '',
      part: null,
      cashPaid: null,
      draft: emptyDraft(get().draft.mode),
      number: '',
      numberEdited: false,
      invoice: null,
      attempt: null,
      submitted: false,
      sentLineKeys: [],
      confirmChecked: false,
      confirmRequired: false,
      phaseVersion: get().phaseVersion + 1,
      ...clearError(),
    });
    useCartStore.getState().clear();
    void fetchNextNumber(counterId);
  };

  const showError = (error: AppError) => {
    const { draft, sentLineKeys } = get();
    let target: ErrorTarget = 'general';
    if (error.field === 'number') target = 'number';
    else if (error.field === 'confirmChecked') {
      target = 'confirmChecked';
      set({ confirmRequired: true });
    }
    else if (error.field === 'method') target = 'method';
    else if (error.field === 'tenderedMinor') target = 'tendered';
    else if (error.field) target = draftFieldForServerField(error.field, draft.mode, sentLineKeys) ?? 'general';
    set({ error, errorTarget: target });
  };

  const isCurrent = (counterId: string) => get().counterId === counterId;

  /**
   * The invoice being paid: the one created, or a new one from the draft (refusals are shown at
   * their fields). Null when there is nothing to pay yet. Call with the counter busy.
   */
  const ensureInvoice = async (counterId: string): Promise<Invoice | null> => {
    const state = get();
    if (state.invoice) return state.invoice;
    if (state.draft.mode === 'checkout') return checkoutInvoice(counterId);
    const checked = checkDraft(state.draft, useAppStore.getState().appInfo?.currency ?? 'INR');
    if (!checked.valid || !checked.lines) {
      set({ submitted: true });
      return null;
    }
    const number = state.number.trim();
    set({ sentLineKeys: checked.lineKeys, submitted: true });
    const created = await call((api) =>
      api.invoiceCreate({
        counterId,
        lines: checked.lines ?? [],
        ...(state.numberEdited && number !== '' ? { number } : {}),
      }),
    );
    if (!isCurrent(counterId)) return null;
    if (!created.ok) {
      showError(created.error);
      return null;
    }
    set({ invoice: created.value, number: created.value.number, phaseVersion: get().phaseVersion + 1 });
    return created.value;
  };

  /** The checkout's invoice from the cart: its total is the bill's (tax, discounts, round-off). */
  const checkoutInvoice = async (counterId: string): Promise<Invoice | null> => {
    const input = cartInput(useCartStore.getState().cart);
    set({ submitted: true });
    if (!input.ok) {
      set({ error: input.error, errorTarget: 'general' });
      return null;
    }
    const created = await call((api) => api.invoiceCheckout({ counterId, ...input.value }));
    if (!isCurrent(counterId)) return null;
    if (!created.ok) {
      set({ error: created.error, errorTarget: 'general' });
      return null;
    }
    set({ invoice: created.value.invoice, number: created.value.invoice.number, phaseVersion: get().phaseVersion + 1 });
    return created.value.invoice;
  };

  /** After a failed, refused or manager-checked try, an older attempt of the invoice may still have no known outcome. */
  const checkReviewPending = async (invoiceId: string) => {
    const result = await call((api) => api.invoiceGet({ invoiceId }));
    if (!result.ok || get().invoice?.id !== invoiceId) return;
    if (invoiceAwaitsReview(result.value.attempts)) set({ confirmRequired: true });
  };

  return {
    counterId: null,
    loading: false,
    loadError: null,
    draft: emptyDraft(),
    number: '',
    numberEdited: false,
    method: 'card',
    defaultMethod: 'card',
    cash: false,
    tendered: '',
    part: null,
    cashPaid: null,
    invoice: null,
    attempt: null,
    busy: null,
    error: null,
    errorTarget: null,
    submitted: false,
    sentLineKeys: [],
    confirmChecked: false,
    confirmRequired: false,
    phaseVersion: 0,

    async load(counterId) {
      set({ counterId, loading: true, loadError: null, invoice: null, attempt: null, busy: null, cashPaid: null, ...clearError() });
      const [result, settings] = await Promise.all([call((api) => api.counterStatus({ counterId })), call((api) => api.settingsGet({}))]);
      if (!isCurrent(counterId)) return;
      if (settings.ok) set({ defaultMethod: settings.value.defaultMethod });
      if (!result.ok) {
        set({ loading: false, loadError: result.error.message });
        return;
      }
      const { invoice, attempt } = result.value;
      const dismissed = dismissedInvoice(counterId);
      // A sale paid a while ago is history, not something to come back to.
      const paidAt = invoice?.status === 'paid' ? (invoice.paidAt ?? attempt?.finalAt ?? null) : null;
      const stalePaid = paidAt !== null && Date.now() - paidAt > RESUME_PAID_FOR_MS;
      const resume = invoice !== null && invoice.status !== 'void' && invoice.id !== dismissed && !stalePaid;
      set({ loading: false });
      if (!resume) {
        freshSale(counterId);
        return;
      }
      set({
        invoice,
        attempt,
        number: invoice.number,
        method: attempt?.method ?? get().defaultMethod,
        cash: false,
        part: null,
        submitted: false,
        confirmChecked: false,
        confirmRequired: false,
        phaseVersion: get().phaseVersion + 1,
      });
      if (attempt && (attempt.state === 'failed' || attempt.state === 'rejected' || attempt.review)) void checkReviewPending(invoice.id);
      // Paid with no card/UPI attempt: a cash sale, whose change is on its receipt.
      if (invoice.status === 'paid' && !attempt) {
        const receipt = await call((api) => api.receiptGet({ invoiceId: invoice.id }));
        if (receipt.ok && isCurrent(counterId) && receipt.value.tenderedMinor !== null && receipt.value.changeMinor !== null) {
          set({ cashPaid: { tenderedMinor: receipt.value.tenderedMinor, changeMinor: receipt.value.changeMinor } });
        }
      }
    },

    setMode(mode) {
      set({ draft: { ...get().draft, mode }, ...clearError() });
    },
    updateLine(key, patch) {
      const draft = get().draft;
      set({ draft: { ...draft, lines: draft.lines.map((line) => (line.key === key ? { ...line, ...patch } : line)) }, ...clearError() });
    },
    addLine() {
      const line = emptyLine();
      const draft = get().draft;
      set({ draft: { ...draft, lines: [...draft.lines, line] } });
      return line.key;
    },
    removeLine(key) {
      const draft = get().draft;
      const lines = draft.lines.filter((line) => line.key !== key);
      set({ draft: { ...draft, lines: lines.length > 0 ? lines : [emptyLine()] }, ...clearError() });
    },
    setAmount(amount) {
      set({ draft: { ...get().draft, amount }, ...clearError() });
    },
    setAmountDescription(text) {
      set({ draft: { ...get().draft, amountDescription: text } });
    },
    setNumber(number) {
      set({ number, numberEdited: true, ...clearError() });
    },
    setMethod(method) {
      if (get().busy) return;
      set({ method, cash: false, ...(get().errorTarget === 'method' ? clearError() : {}) });
    },
    setCash(cash) {
      // Cash may be taken in several parts (split tender), before or after card/UPI parts.
      if (get().busy) return;
      set({ cash, ...clearError() });
    },
    setPart(text) {
      if (get().busy) return;
      set({ part: text, ...(get().errorTarget === 'part' ? clearError() : {}) });
    },
    setTendered(text) {
      set({ tendered: text, ...(get().errorTarget === 'tendered' || get().errorTarget === 'general' ? clearError() : {}) });
    },
    setConfirmChecked(checked) {
      set({ confirmChecked: checked, ...(get().errorTarget === 'confirmChecked' ? clearError() : {}) });
    },

    async charge(methodOverride, dueMinor) {
      const state = get();
      const counterId = state.counterId;
      if (!counterId || state.busy || state.loading) return;
      if (state.attempt && isLiveState(state.attempt.state)) return;
      // The terminal is on hold after a lost answer: the screen says until when; nothing is sent meanwhile.
      if (state.attempt && isHeld(state.attempt)) return;
      if (phaseOf(state.invoice, state.attempt) === 'paid') return;
      const needsConfirm = confirmNeeded(state);
      if (needsConfirm && !state.confirmChecked) {
        set({
          error: { code: 'conflict', message: 'Check the terminal first, then tick the box to confirm.', field: 'confirmChecked' },
          errorTarget: 'confirmChecked',
        });
        return;
      }
      const method = methodOverride ?? state.method;
      const currency = state.invoice?.currency ?? useAppStore.getState().appInfo?.currency ?? 'INR';
      const due = state.invoice?.balanceDueMinor ?? dueMinor;
      const part = due === undefined ? { ok: true as const, amountMinor: undefined } : cardPart(state.part, due, currency);
      if (!part.ok) {
        set({ error: { code: 'invalid_input', message: part.message, field: 'amountMinor' }, errorTarget: 'part' });
        return;
      }
      const { amountMinor } = part;
      // Taken synchronously, before any await: a second press or shortcut finds the counter busy.
      set({ busy: 'charging', method, ...clearError() });
      try {
        const invoice = await ensureInvoice(counterId);
        if (!invoice) return;
        const invoiceId = invoice.id;
        const result = await call((api) =>
          api.chargeCreate({ invoiceId, counterId, method, ...(needsConfirm ? { confirmChecked: true } : {}), ...(amountMinor === undefined ? {} : { amountMinor }) }),
        );
        if (!isCurrent(counterId)) return;
        if (!result.ok) {
          if (result.error.field === 'amountMinor') set({ error: result.error, errorTarget: 'part' });
          else showError(result.error);
          return;
        }
        set({ confirmChecked: false });
        get().applyAttempt(result.value);
      } finally {
        if (isCurrent(counterId)) set({ busy: null });
      }
    },

    async settleCash(dueMinor, asPart = false) {
      const state = get();
      const counterId = state.counterId;
      if (!counterId || state.busy || state.loading) return;
      if (state.attempt && isLiveState(state.attempt.state)) return;
      if (phaseOf(state.invoice, state.attempt) === 'paid') return;
      const currency = useAppStore.getState().appInfo?.currency ?? 'INR';
      const tendered = parseAmount(state.tendered, currency);
      if (!tendered.ok || tendered.value === 0) {
        const message = tendered.ok ? 'Enter the amount the customer handed over.' : tendered.message;
        set({ error: { code: 'invalid_input', message, field: 'tenderedMinor' }, errorTarget: 'tendered' });
        return;
      }
      // After a card/UPI part, the cash covers the balance due.
      const totalMinor = state.invoice?.balanceDueMinor ?? dueMinor;
      if (!asPart && tendered.value < totalMinor) {
        const message = shortTenderMessage(tendered.value, totalMinor, currency);
        set({ error: { code: 'invalid_input', message, field: 'tenderedMinor' }, errorTarget: 'tendered' });
        return;
      }
      set({ busy: 'settling', ...clearError() });
      try {
        const invoice = await ensureInvoice(counterId);
        if (!invoice) return;
        const result = await call((api) =>
          api.cashSettle({ invoiceId: invoice.id, counterId, tenderedMinor: tendered.value, ...(asPart ? { amountMinor: tendered.value } : {}) }),
        );
        if (!isCurrent(counterId)) return;
        if (!result.ok) {
          showError(result.error);
          return;
        }
        const { sale } = result.value;
        if (result.value.invoice.status !== 'paid') {
          // A cash part: the balance due is charged next, by the store's usual method (an earlier failed try is behind it).
          set({ invoice: result.value.invoice, attempt: null, cash: false, tendered: '', method: get().defaultMethod, phaseVersion: get().phaseVersion + 1 });
          return;
        }
        set({ invoice: result.value.invoice, cashPaid: { tenderedMinor: sale.tenderedMinor, changeMinor: sale.changeMinor }, phaseVersion: get().phaseVersion + 1 });
      } finally {
        if (isCurrent(counterId)) set({ busy: null });
      }
    },

    async recheck() {
      const { attempt, busy, counterId } = get();
      if (!attempt || busy || !counterId) return;
      set({ busy: 'rechecking', ...clearError() });
      const result = await call((api) => api.chargeRecheck({ attemptId: attempt.id }));
      if (!isCurrent(counterId)) return;
      set({ busy: null });
      if (!result.ok) showError(result.error);
      else get().applyAttempt(result.value);
    },

    async newSale() {
      const { counterId, invoice, attempt } = get();
      if (!counterId) return;
      if (attempt && isLiveState(attempt.state)) return;
      if (invoice) dismissInvoice(counterId, invoice.id);
      freshSale(counterId);
      await Promise.resolve();
    },

    async cancelInvoice() {
      const { counterId, invoice, attempt, busy } = get();
      if (!counterId || !invoice || busy) return;
      if (attempt && isLiveState(attempt.state)) return;
      set({ busy: 'cancelling', ...clearError() });
      const result = await call((api) => api.invoiceVoid({ invoiceId: invoice.id }));
      if (!isCurrent(counterId)) return;
      set({ busy: null });
      if (!result.ok) {
        showError(result.error);
        return;
      }
      dismissInvoice(counterId, invoice.id);
      freshSale(counterId);
    },

    applyAttempt(attempt, updatedInvoice) {
      const { counterId, invoice, attempt: current, busy } = get();
      if (attempt.counterId !== counterId) return;
      // Another billing program charged on this counter (the integration API): its sale takes the
      // screen, so the cashier sees what the terminal shows and can follow it, unless a payment of the
      // screen's own sale is live or a call is in flight.
      const fromProgram = updatedInvoice?.program !== undefined && updatedInvoice.id === attempt.invoiceId && updatedInvoice.id !== invoice?.id;
      if (fromProgram && busy === null && !(current && isLiveState(current.state))) {
        set({ invoice: updatedInvoice, attempt, number: updatedInvoice.number, method: attempt.method, cash: false, submitted: false, confirmChecked: false, confirmRequired: false, cashPaid: null, phaseVersion: get().phaseVersion + 1, ...clearError() });
        return;
      }
      if (!invoice || attempt.invoiceId !== invoice.id) return;
      if (current) {
        if (attempt.id === current.id && attempt.updatedAt < current.updatedAt) return;
        if (attempt.id !== current.id && attempt.createdAt < current.createdAt) return;
      }
      const before = phaseOf(invoice, current);
      const nextInvoice = updatedInvoice?.id === invoice.id ? updatedInvoice : invoice;
      const after = phaseOf(nextInvoice, attempt);
      // A card/UPI part paid: the field starts empty for the next part.
      const partPaid = attempt.state === 'succeeded' && nextInvoice.status !== 'paid';
      set({
        attempt,
        invoice: nextInvoice,
        ...(partPaid ? { part: null } : {}),
        ...(after !== before ? { phaseVersion: get().phaseVersion + 1, confirmChecked: false } : {}),
      });
      const newlyChecked = attempt.review !== null && current?.id === attempt.id && current.review === null;
      if ((after !== before && (after === 'failed' || after === 'rejected')) || newlyChecked) void checkReviewPending(invoice.id);
    },
  };
});
