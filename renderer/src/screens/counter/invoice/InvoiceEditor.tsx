import { memo } from 'react';
import { formatMoney } from '../../../../../contract/money';
import type { Currency } from '../../../../../contract/vocabulary';
import { Field } from '../../../components/Field';
import { useCurrency } from '../../../state/app-state';
import { useCartTotal } from '../../../state/cart-bill';
import { useCheckoutStore } from '../../../state/checkout-state';
import { checkDraft, type DraftMode } from '../../../state/invoice-draft';
import { CheckoutEditor } from './CheckoutEditor';
import { LineItems } from './LineItems';
import { ModeSwitch } from './ModeSwitch';
import { SingleAmount } from './SingleAmount';
import { useDraftErrors } from './use-draft-errors';

/**
 * The invoice being typed: number, items (or one amount) and the total. Memoised, and the total is
 * its own component: a scan changes the cart's lines and the total, not the rest of this panel.
 */
export const InvoiceEditor = memo(function InvoiceEditor() {
  const currency = useCurrency();
  const draft = useCheckoutStore((s) => s.draft);
  const number = useCheckoutStore((s) => s.number);
  const busy = useCheckoutStore((s) => s.busy);
  const { setNumber } = useCheckoutStore.getState();
  const checked = checkDraft(draft, currency);
  const errorFor = useDraftErrors(checked);
  const disabled = busy !== null;

  return (
    <section className="panel invoice" aria-labelledby="invoice-title">
      <div className="invoice-head">
        <h2 id="invoice-title">New sale</h2>
        <Field label="Invoice number" error={errorFor('number')} className="invoice-number-field">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
            />
          )}
        </Field>
      </div>

      <ModeSwitch mode={draft.mode} disabled={disabled} />

      {draft.mode === 'items' ? <LineItems lines={draft.lines} currency={currency} disabled={disabled} errorFor={errorFor} /> : null}
      {draft.mode === 'amount' ? <SingleAmount draft={draft} currency={currency} disabled={disabled} errorFor={errorFor} /> : null}
      {draft.mode === 'checkout' ? <CheckoutEditor /> : null}

      <DraftTotal mode={draft.mode} typedTotalMinor={checked.totalMinor} currency={currency} />
    </section>
  );
});

/** The bill's total: the cart's in catalogue mode (drawn again when it changes), else the typed lines' or amount's. */
function DraftTotal({ mode, typedTotalMinor, currency }: { mode: DraftMode; typedTotalMinor: number; currency: Currency }) {
  const cartTotalMinor = useCartTotal(currency);
  const totalMinor = mode === 'checkout' ? cartTotalMinor : typedTotalMinor;
  return (
    <div className="invoice-total" aria-live="off">
      <span>Total</span>
      <strong className="invoice-total-amount">{formatMoney(totalMinor, currency)}</strong>
    </div>
  );
}
