// Cash at the till: what the customer hands over, the change due (shown big), and the button that
// records it; with less than the total, the cash can be taken as a part and the rest charged by card
// or UPI (split tender). The backend refuses cash while a card/UPI payment of the invoice is live or unchecked.
import type { Currency } from '../../../../../contract/vocabulary';
import { formatMoney, parseAmount } from '../../../../../contract/money';
import { Field } from '../../../components/Field';
import { useCheckoutStore } from '../../../state/checkout-state';

/** The change due for what was typed, or how much is missing; null until an amount is typed. */
export function changeDue(tenderedText: string, totalMinor: number): { changeMinor: number } | { shortMinor: number } | null {
  const tendered = parseAmount(tenderedText);
  if (!tendered.ok || tendered.value === 0) return null;
  return tendered.value >= totalMinor ? { changeMinor: tendered.value - totalMinor } : { shortMinor: totalMinor - tendered.value };
}

export function CashForm({ totalMinor, currency, busy }: { totalMinor: number; currency: Currency; busy: boolean }) {
  const tendered = useCheckoutStore((s) => s.tendered);
  const setTendered = useCheckoutStore((s) => s.setTendered);
  const settleCash = useCheckoutStore((s) => s.settleCash);
  const settling = useCheckoutStore((s) => s.busy === 'settling');
  const error = useCheckoutStore((s) => (s.errorTarget === 'tendered' ? s.error : null));
  const due = changeDue(tendered, totalMinor);
  return (
    <form
      className="payment-cash"
      onSubmit={(event) => {
        event.preventDefault();
        void settleCash();
      }}
    >
      <Field label="Amount tendered" error={error?.message} hint={`The total is ${formatMoney(totalMinor, currency)}.`}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input input-money payment-cash-input"
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            value={tendered}
            onChange={(event) => setTendered(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <p className="payment-change" aria-live="polite" data-testid="change-due">
        {due === null ? (
          <span className="payment-change-label">Change due appears here</span>
        ) : 'changeMinor' in due ? (
          <>
            <span className="payment-change-label">Change due</span> <strong className="payment-change-amount">{formatMoney(due.changeMinor, currency)}</strong>
          </>
        ) : (
          <>
            <span className="payment-change-label">Short by</span> <strong className="payment-change-short">{formatMoney(due.shortMinor, currency)}</strong>
          </>
        )}
      </p>
      {due !== null && 'shortMinor' in due ? (
        <button id="cash-part-button" type="button" className="btn btn-secondary payment-cash-part" disabled={busy} onClick={() => void settleCash(true)}>
          {`Take ${formatMoney(totalMinor - due.shortMinor, currency)} now, ${formatMoney(due.shortMinor, currency)} by card or UPI`}
        </button>
      ) : null}
      <div className="payment-charge-row">
        <button id="cash-button" type="submit" className="btn btn-charge" disabled={busy} aria-keyshortcuts="F9">
          {`Take cash ${formatMoney(totalMinor, currency)}`}
        </button>
        <p className="kbd-hint payment-charge-hint">
          {settling ? (
            <span className="payment-sending">Recording the cash…</span>
          ) : (
            <>
              Shortcut: <kbd>F9</kbd>
            </>
          )}
        </p>
      </div>
    </form>
  );
}
