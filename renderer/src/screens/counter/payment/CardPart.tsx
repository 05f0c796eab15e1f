// Split tender: only part of the balance due on the card/UPI terminal. Closed, it is one button (the
// whole balance is charged, as in a single-tender sale); open, the amount for the terminal, the rest
// then paid in cash or by another card/UPI part.
import type { Currency } from '../../../../../contract/vocabulary';
import { formatMoney } from '../../../../../contract/money';
import { Field } from '../../../components/Field';
import { CARD_PART_LABEL } from '../../../state/card-part';
import { useCheckoutStore } from '../../../state/checkout-state';

export function CardPart({ dueMinor, currency, disabled }: { dueMinor: number; currency: Currency; disabled: boolean }) {
  const part = useCheckoutStore((s) => s.part);
  const setPart = useCheckoutStore((s) => s.setPart);
  const error = useCheckoutStore((s) => (s.errorTarget === 'part' ? s.error : null));
  if (part === null) {
    return (
      <button type="button" className="btn btn-secondary payment-part-open" disabled={disabled || dueMinor === 0} onClick={() => setPart('')}>
        Pay only part by card or UPI
      </button>
    );
  }
  return (
    <div className="payment-part">
      <Field label={CARD_PART_LABEL} error={error?.message} hint={`Of ${formatMoney(dueMinor, currency)} due; the rest is paid after, in cash or by card or UPI.`}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input input-money payment-part-input"
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            value={part}
            disabled={disabled}
            onChange={(event) => setPart(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <button type="button" className="btn btn-secondary payment-part-close" disabled={disabled} onClick={() => setPart(null)}>
        Whole balance instead
      </button>
    </div>
  );
}
