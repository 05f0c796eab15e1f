import type { Currency } from '../../../../../contract/vocabulary';
import { Field } from '../../../components/Field';
import { useCheckoutStore } from '../../../state/checkout-state';
import type { Draft } from '../../../state/invoice-draft';
import type { ErrorFor } from './use-draft-errors';

interface SingleAmountProps {
  draft: Draft;
  currency: Currency;
  disabled: boolean;
  errorFor: ErrorFor;
}

/** The invoice as one amount and what it is called on the invoice. */
export function SingleAmount({ draft, currency, disabled, errorFor }: SingleAmountProps) {
  const { setAmount, setAmountDescription } = useCheckoutStore.getState();
  return (
    <div className="invoice-single-amount">
      <Field label={`Amount (${currency === 'INR' ? '₹' : '$'})`} error={errorFor('amount')} hint="Type it like 1234.50">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input input-big input-money"
            inputMode="decimal"
            placeholder="0.00"
            value={draft.amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            disabled={disabled}
            autoComplete="off"
            data-first-field="true"
          />
        )}
      </Field>
      <Field label="Description on the invoice">
        {({ id }) => (
          <input
            id={id}
            className="input"
            value={draft.amountDescription}
            onChange={(e) => setAmountDescription(e.target.value)}
            disabled={disabled}
            autoComplete="off"
          />
        )}
      </Field>
    </div>
  );
}
