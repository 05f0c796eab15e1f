// Cash at the till: what the customer hands over, the change due (shown big), and the button that
// records it; with less than the total, the cash can be taken as a part and the rest charged by card
// or UPI (split tender). The backend refuses cash while a card/UPI payment of the invoice is live or unchecked.
import type { Currency } from '../../../../../contract/vocabulary';
import { useCallback, useMemo } from 'react';
import { roundAmounts } from '../../../../../contract/cash';
import { formatMinor, formatMoney, parseAmount } from '../../../../../contract/money';
import { Field } from '../../../components/Field';
import { useWindowKeydown } from '../../../hooks/keyboard';
import { useCheckoutStore } from '../../../state/checkout-state';

/** Quick cash keys: the exact total, then each round amount in turn. */
const QUICK_KEYS = ['F2', 'F3', 'F4', 'F5'] as const;

/** The exact total and the round amounts a customer is likely to hand over, each with its key. */
function QuickCash({ totalMinor, currency, disabled }: { totalMinor: number; currency: Currency; disabled: boolean }) {
  const setTendered = useCheckoutStore((s) => s.setTendered);
  const amounts = useMemo(() => (totalMinor > 0 ? [totalMinor, ...roundAmounts(totalMinor, currency)] : []), [totalMinor, currency]);
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const index = (QUICK_KEYS as readonly string[]).indexOf(event.key);
      const amount = amounts[index];
      if (index < 0 || amount === undefined || disabled) return;
      event.preventDefault();
      setTendered(formatMinor(amount));
    },
    [amounts, disabled, setTendered],
  );
  useWindowKeydown(onKeyDown);
  if (amounts.length === 0) return null;
  return (
    <div className="quick-cash" role="group" aria-label="Quick cash">
      {amounts.map((amount, index) => (
        <button key={amount} type="button" className="btn btn-secondary quick-cash-amount" disabled={disabled} aria-keyshortcuts={QUICK_KEYS[index]} onClick={() => setTendered(formatMinor(amount))}>
          {index === 0 ? `Exact ${formatMoney(amount, currency)}` : formatMoney(amount, currency)} <kbd>{QUICK_KEYS[index]}</kbd>
        </button>
      ))}
    </div>
  );
}

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
        void settleCash(totalMinor);
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
      <QuickCash totalMinor={totalMinor} currency={currency} disabled={busy} />
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
        <button id="cash-part-button" type="button" className="btn btn-secondary payment-cash-part" disabled={busy} onClick={() => void settleCash(totalMinor, true)}>
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
