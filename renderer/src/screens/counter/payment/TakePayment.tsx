import type { Currency, PaymentMethod } from '../../../../../contract/vocabulary';
import type { Counter } from '../../../../../contract/records';
import { useCheckoutStore } from '../../../state/checkout-state';
import { CashForm } from './CashForm';
import { ChargeButton, MethodToggle } from './controls';

/** Draft or ready: choose Card, UPI or Cash, and charge the total on the counter's terminal or take the cash. */
export function TakePayment({ counter, method, amountMinor, currency, busy, methodError }: {
  counter: Counter;
  method: PaymentMethod;
  amountMinor: number;
  currency: Currency;
  busy: boolean;
  methodError: string | undefined;
}) {
  const cash = useCheckoutStore((s) => s.cash);
  return (
    <div className="payment-body">
      <h2 id="pay-status-heading" tabIndex={-1}>
        Take payment
      </h2>
      <MethodToggle method={method} disabled={busy} error={methodError} withCash />
      {cash ? (
        <CashForm totalMinor={amountMinor} currency={currency} busy={busy} />
      ) : (
        <>
          <ChargeButton amountMinor={amountMinor} currency={currency} disabled={busy} />
          <p className="payment-terminal-note">
            Goes to terminal <strong>{counter.terminalId}</strong> ({counter.name}).
          </p>
        </>
      )}
    </div>
  );
}
