import type { Currency, PaymentMethod } from '../../../../../contract/vocabulary';
import { isPartPaid, type Counter, type Invoice } from '../../../../../contract/records';
import { formatMoney } from '../../../../../contract/money';
import { useCheckoutStore } from '../../../state/checkout-state';
import { cardPart } from '../../../state/card-part';
import { CardPart } from './CardPart';
import { CashForm } from './CashForm';
import { ChargeButton, MethodToggle } from './controls';

/**
 * Draft or ready: choose Card, UPI or Cash, and charge the total (or only part of it) on the
 * counter's terminal or take the cash. After a part is paid (split tender): the balance due, shown
 * large, by card or UPI, or in cash while the invoice has no cash part yet.
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
  const typedPart = useCheckoutStore((s) => s.part);
  const partPaid = invoice !== null && isPartPaid(invoice);
  const part = cardPart(typedPart, amountMinor, currency);
  const chargedMinor = part.ok ? (part.amountMinor ?? amountMinor) : amountMinor;
  return (
    <div className="payment-body">
      <h2 id="pay-status-heading" tabIndex={-1}>
        Take payment
      </h2>
      {partPaid ? <BalanceDue invoice={invoice} /> : null}
      <MethodToggle method={method} disabled={busy} error={methodError} withCash />
      {cash ? (
        <CashForm totalMinor={amountMinor} currency={currency} busy={busy} />
      ) : (
        <>
          <CardPart dueMinor={amountMinor} currency={currency} disabled={busy} />
          <ChargeButton amountMinor={chargedMinor} dueMinor={amountMinor} currency={currency} disabled={busy} />
          <p className="payment-terminal-note">
            Goes to terminal <strong>{counter.terminalId}</strong> ({counter.name}).
          </p>
        </>
      )}
    </div>
  );
}

/** What is left to pay after the parts paid, large, with what was paid so far and how. */
function BalanceDue({ invoice }: { invoice: Invoice }) {
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const paidMinor = invoice.totalMinor - invoice.balanceDueMinor;
  const cashMinor = invoice.paidInCashMinor;
  let how = ` (${money(cashMinor)} in cash)`;
  if (cashMinor === paidMinor) how = ' in cash';
  else if (cashMinor === 0) how = ' by card or UPI';
  return (
    <div className="payment-balance" data-testid="balance-due">
      <p className="payment-balance-due">
        <span className="payment-change-label">Balance due</span> <strong className="payment-balance-amount">{money(invoice.balanceDueMinor)}</strong>
      </p>
      <p className="payment-balance-paid">
        Paid so far {money(paidMinor)}
        {how}, of {money(invoice.totalMinor)}.
      </p>
    </div>
  );
}
