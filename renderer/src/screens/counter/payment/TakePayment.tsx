import type { Currency, PaymentMethod } from '../../../../../contract/vocabulary';
import { isPartPaid, type Counter, type Invoice } from '../../../../../contract/records';
import { formatMoney } from '../../../../../contract/money';
import { useCheckoutStore } from '../../../state/checkout-state';
import { CashForm } from './CashForm';
import { ChargeButton, MethodToggle } from './controls';

/**
 * Draft or ready: choose Card, UPI or Cash, and charge the total on the counter's terminal or take
 * the cash. After a cash part (split tender): the balance due, shown large, by card or UPI.
 */
export function TakePayment({ counter, invoice, method, amountMinor, currency, busy, methodError }: {
  counter: Counter;
  invoice: Invoice | null;
  method: PaymentMethod;
  amountMinor: number;
  currency: Currency;
  busy: boolean;
  methodError: string | undefined;
}) {
  const cash = useCheckoutStore((s) => s.cash);
  const partPaid = invoice !== null && isPartPaid(invoice);
  return (
    <div className="payment-body">
      <h2 id="pay-status-heading" tabIndex={-1}>
        Take payment
      </h2>
      {partPaid ? <BalanceDue invoice={invoice} /> : null}
      <MethodToggle method={method} disabled={busy} error={methodError} withCash={!partPaid} />
      {cash && !partPaid ? (
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

/** What is left to pay after the cash part, large, with what was paid so far. */
function BalanceDue({ invoice }: { invoice: Invoice }) {
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  return (
    <div className="payment-balance" data-testid="balance-due">
      <p className="payment-balance-due">
        <span className="payment-change-label">Balance due</span> <strong className="payment-balance-amount">{money(invoice.balanceDueMinor)}</strong>
      </p>
      <p className="payment-balance-paid">
        Paid so far {money(invoice.totalMinor - invoice.balanceDueMinor)} in cash, of {money(invoice.totalMinor)}.
      </p>
    </div>
  );
}
