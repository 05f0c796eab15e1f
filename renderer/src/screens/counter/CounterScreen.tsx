import { useCallback, useEffect, useRef, useState } from 'react';
import { isLiveState } from '../../../../contract/vocabulary';
import { isPartPaid } from '../../../../contract/records';
import { Message } from '../../components/Field';
import { isActivatableTarget, isTypingTarget, useWindowKeydown } from '../../hooks/keyboard';
import { useCurrency, useStationCounter } from '../../state/app-state';
import { phaseOf, type CheckoutPhase } from '../../state/checkout-phase';
import { otherMethod, useCheckoutStore } from '../../state/checkout-state';
import { checkDraft } from '../../state/invoice-draft';
import { useCartTotal } from '../../state/cart-bill';
import { useCartStore } from '../../state/cart-state';
import { isEmptyBill, toKept } from '../../state/kept-bill';
import { HeldBills } from './HeldBills';
import { CounterPicker } from './CounterPicker';
import { CashierGate } from './CashierGate';
import { ShiftPanel } from './ShiftPanel';
import { InvoiceEditor } from './invoice/InvoiceEditor';
import { InvoiceSummary } from './InvoiceSummary';
import { PaymentPanel } from './payment/PaymentPanel';
import { RefundRequests } from './RefundRequests';

/** Where focus goes when the sale moves to a phase, so the keyboard always has the next step. */
const FOCUS_TARGETS: Record<CheckoutPhase, string> = {
  draft: '[data-first-field="true"]',
  ready: '#charge-button, #cash-button',
  waiting: '#pay-status-heading',
  paid: '#new-sale-button',
  failed: '#retry-button',
  rejected: '#retry-button',
  unknown: '#pay-status-heading',
  unresolved: '#pay-status-heading',
};

export function CounterScreen() {
  const counter = useStationCounter();
  const [picking, setPicking] = useState(false);
  const [shiftOpen, setShiftOpen] = useState(false);
  const currency = useCurrency();
  const counterId = counter?.id ?? null;
  const loadedFor = useCheckoutStore((s) => s.counterId);
  const loading = useCheckoutStore((s) => s.loading);
  const loadError = useCheckoutStore((s) => s.loadError);
  const invoice = useCheckoutStore((s) => s.invoice);
  const attempt = useCheckoutStore((s) => s.attempt);
  const draft = useCheckoutStore((s) => s.draft);
  const busy = useCheckoutStore((s) => s.busy);
  const phaseVersion = useCheckoutStore((s) => s.phaseVersion);
  const confirmRequired = useCheckoutStore((s) => s.confirmRequired);
  const cartTotalMinor = useCartTotal(currency);
  const cartEmpty = useCartStore((s) => isEmptyBill(toKept(draft, s.cart)));
  const phase = phaseOf(invoice, attempt);
  const live = attempt !== null && isLiveState(attempt.state);

  useEffect(() => {
    if (counterId) void useCheckoutStore.getState().load(counterId);
  }, [counterId]);

  // What is due when F9 is pressed: the invoice's balance, or the bill's total on screen.
  const dueRef = useRef(0);

  // Move focus to the next step whenever the sale changes phase (not on every poll).
  const lastFocused = useRef(-1);
  useEffect(() => {
    if (loading || phaseVersion === lastFocused.current) return;
    lastFocused.current = phaseVersion;
    const target = document.querySelector<HTMLElement>(FOCUS_TARGETS[phase]);
    target?.focus();
  }, [phaseVersion, phase, loading]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const store = useCheckoutStore.getState();
      const current = phaseOf(store.invoice, store.attempt);
      const isCharge = event.key === 'F9' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey));
      const payable = current !== 'waiting' && current !== 'paid';
      if (isCharge) {
        event.preventDefault();
        // In cash mode the form submits itself on Enter; F9 does the same from anywhere.
        if (payable && store.cash) void store.settleCash(dueRef.current);
        else if (payable) void store.charge(undefined, dueRef.current);
        return;
      }
      if (event.key === 'F8') {
        event.preventDefault();
        if (payable) store.setMethod(store.cash ? store.method : otherMethod(store.method));
        return;
      }
      if (event.key === 'F7') {
        event.preventDefault();
        if (payable && current !== 'unknown' && current !== 'unresolved') store.setCash(true);
        return;
      }
      if (event.key === 'Enter' && current === 'paid' && !isTypingTarget(event.target) && !isActivatableTarget(event.target)) {
        event.preventDefault();
        void store.newSale();
      }
    },
    [],
  );
  useWindowKeydown(onKeyDown);

  if (!counter || picking) {
    return (
      <div className="screen screen-counter">
        {picking && counter ? (
          <div className="counter-picker-back">
            <button type="button" className="btn btn-secondary" onClick={() => setPicking(false)}>
              Keep {counter.name}
            </button>
          </div>
        ) : null}
        <CounterPicker onChosen={() => setPicking(false)} />
      </div>
    );
  }

  const checked = checkDraft(draft, currency);
  const draftTotalMinor = draft.mode === 'checkout' ? cartTotalMinor : checked.totalMinor;
  dueRef.current = invoice?.balanceDueMinor ?? draftTotalMinor;
  const ready = loadedFor === counter.id && !loading;
  // An invoice whose earlier payment may have gone through, or with a part paid (split tender), is never voided from here.
  const canCancel = invoice !== null && !confirmRequired && !isPartPaid(invoice) && (phase === 'ready' || phase === 'failed' || phase === 'rejected');

  return (
    <div className="screen screen-counter">
      <div className="screen-bar">
        <h1 className="screen-title">
          {counter.name} <span className="screen-sub">Terminal {counter.terminalId}</span>
        </h1>
        <div className="screen-bar-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setShiftOpen(!shiftOpen)} aria-expanded={shiftOpen}>
            {shiftOpen ? 'Back to the sale' : 'Shift and cash'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => setPicking(true)} disabled={live || busy !== null}>
            Change counter
          </button>
        </div>
      </div>
      {loadError ? <Message kind="error">Could not load this counter: {loadError}</Message> : null}
      <RefundRequests counterId={counter.id} />
      <CashierGate counter={counter}>
        {!shiftOpen && ready && !invoice ? <HeldBills totalMinor={draftTotalMinor} canHold={busy === null && !cartEmpty} currency={currency} /> : null}
        {shiftOpen ? (
          <ShiftPanel counter={counter} />
        ) : !ready ? (
          <p className="loading">Loading…</p>
        ) : (
          <div className="checkout">
            {invoice ? (
              <InvoiceSummary
                invoice={invoice}
                canCancel={canCancel}
                cancelling={busy === 'cancelling'}
                onCancel={() => void useCheckoutStore.getState().cancelInvoice()}
              />
            ) : (
              <InvoiceEditor />
            )}
            <PaymentPanel phase={phase} counter={counter} invoice={invoice} attempt={attempt} draftTotalMinor={draftTotalMinor} currency={currency} />
          </div>
        )}
      </CashierGate>
    </div>
  );
}
