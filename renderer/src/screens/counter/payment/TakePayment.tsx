import type { Currency, PaymentMethod } from '../../../../../contract/domain';
import type { Counter } from '../../../../../contract/model';
import { ChargeButton, MethodToggle } from './controls';

/** Draft or ready: choose Card or UPI and charge the total on the counter's terminal. */
export function TakePayment({ counter, method, amountMinor, currency, busy, methodError }: {
  counter: Counter;
  method: PaymentMethod;
  amountMinor: number;
  currency: Currency;
  busy: boolean;
  methodError: string | undefined;
}) {
  return (
    <div className="payment-body">
      <h2 id="pay-status-heading" tabIndex={-1}>
        Take payment
      </h2>
      <MethodToggle method={method} disabled={busy} error={methodError} />
      <ChargeButton amountMinor={amountMinor} currency={currency} disabled={busy} />
      <p className="payment-terminal-note">
        Goes to terminal <strong>{counter.terminalId}</strong> ({counter.name}).
      </p>
    </div>
  );
}
