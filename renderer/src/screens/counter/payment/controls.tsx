// The payment panel's controls, shared by the phases that take a payment: the Card/UPI/Cash choice,
// the Charge button and the "I checked the terminal" confirmation.
import type { Currency, PaymentMethod } from '../../../../../contract/vocabulary';
import { PAYMENT_METHODS } from '../../../../../contract/vocabulary';
import { formatMoney } from '../../../../../contract/money';
import { FieldError } from '../../../components/Field';
import { METHOD_LABELS } from '../../../format/labels';
import { useCheckoutStore } from '../../../state/checkout-state';

/** Card or UPI on the terminal, or (where the sale may be settled at the till) cash. */
export function MethodToggle({ method, disabled, error, withCash = false }: { method: PaymentMethod; disabled: boolean; error?: string | undefined; withCash?: boolean }) {
  const setMethod = useCheckoutStore((s) => s.setMethod);
  const cash = useCheckoutStore((s) => s.cash && withCash);
  const setCash = useCheckoutStore((s) => s.setCash);
  const defaultMethod = useCheckoutStore((s) => s.defaultMethod);
  return (
    <fieldset className="segmented segmented-big" disabled={disabled}>
      <legend>
        Pay by{' '}
        <span className="kbd-hint">
          (<kbd>F8</kbd> switches Card/UPI{withCash ? <>, <kbd>F7</kbd> cash</> : null}; each sale starts with {METHOD_LABELS[defaultMethod]})
        </span>
      </legend>
      {PAYMENT_METHODS.map((m) => (
        <label key={m} className={!cash && method === m ? 'segment segment-on' : 'segment'}>
          <input type="radio" name="pay-method" value={m} checked={!cash && method === m} onChange={() => setMethod(m)} />
          {METHOD_LABELS[m]}
        </label>
      ))}
      {withCash ? (
        <label className={cash ? 'segment segment-on' : 'segment'}>
          <input type="radio" name="pay-method" value="cash" checked={cash} onChange={() => setCash(true)} />
          Cash
        </label>
      ) : null}
      {error ? <FieldError message={error} /> : null}
    </fieldset>
  );
}

/** Charges `amountMinor` (the balance due, or the part typed of `dueMinor`: see CardPart). */
export function ChargeButton({ amountMinor, dueMinor, currency, label, disabled }: { amountMinor: number; dueMinor?: number; currency: Currency; label?: string; disabled: boolean }) {
  const charge = useCheckoutStore((s) => s.charge);
  const busy = useCheckoutStore((s) => s.busy);
  return (
    <div className="payment-charge-row">
      <button
        id="charge-button"
        type="button"
        className="btn btn-charge"
        onClick={() => void charge(undefined, dueMinor ?? amountMinor)}
        disabled={disabled}
        aria-disabled={busy === 'charging' || undefined}
        aria-keyshortcuts="F9 Control+Enter"
      >
        {label ?? `Charge ${formatMoney(amountMinor, currency)}`}
      </button>
      <p className="kbd-hint payment-charge-hint">
        {busy === 'charging' ? (
          <span className="payment-sending">Sending to the terminal…</span>
        ) : (
          <>
            Shortcut: <kbd>F9</kbd> or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </>
        )}
      </p>
    </div>
  );
}

/** "I checked the terminal": required before charging an invoice whose earlier payment has no known outcome. */
export function ConfirmChecked() {
  const confirmChecked = useCheckoutStore((s) => s.confirmChecked);
  const setConfirmChecked = useCheckoutStore((s) => s.setConfirmChecked);
  const error = useCheckoutStore((s) => s.error);
  const errorTarget = useCheckoutStore((s) => s.errorTarget);
  const confirmError = error && errorTarget === 'confirmChecked' ? error.message : null;
  return (
    <div className={`payment-confirm${confirmError ? ' field-invalid' : ''}`}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={confirmChecked}
          onChange={(e) => setConfirmChecked(e.target.checked)}
          aria-describedby={confirmError ? 'confirm-error' : undefined}
          aria-invalid={confirmError ? true : undefined}
        />
        I checked the terminal: it shows no pending or paid payment for this sale
      </label>
      {confirmError ? <FieldError id="confirm-error" message={confirmError} /> : null}
    </div>
  );
}
