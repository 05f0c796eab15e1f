import { memo, useCallback, useEffect } from 'react';
import { GST_STATES } from '../../../../../contract/billing/states';
import { Field } from '../../../components/Field';
import { useScanner } from '../../../hooks/use-scanner';
import { useCurrency } from '../../../state/app-state';
import { useCartBill } from '../../../state/cart-bill';
import { useCartStore } from '../../../state/cart-state';
import { useCheckoutStore } from '../../../state/checkout-state';
import { BillTotals } from './BillTotals';
import { errorsFor, type CartProblem } from './cart-problem';
import { CartLines } from './CartLines';
import { ItemSearch } from './ItemSearch';

/** The state the goods go to: its ~38 options are drawn again only when the choice changes, not with every line. */
const PlaceOfSupply = memo(function PlaceOfSupply({ value, stateName, disabled, error }: { value: string; stateName: string | null; disabled: boolean; error: string | undefined }) {
  const { set } = useCartStore.getState();
  return (
    <Field label="Place of supply" error={error}>
      {({ id }) => (
        <select id={id} className="input" value={value} onChange={(e) => set({ placeOfSupply: e.target.value })} disabled={disabled}>
          <option value="">Over the counter{stateName ? ` (${stateName})` : ''}</option>
          {Object.entries(GST_STATES).map(([code, name]) => (
            <option key={code} value={code}>
              Delivered to {name} ({code})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
});

/** The bill's own fields, as the bill names them in a problem (a line's are `<lineKey>.quantity` and so on). */
const OPTION_FIELDS: ReadonlySet<string> = new Set(['billDiscount', 'placeOfSupply', 'customer.gstin', 'customer.name']);

interface CartOptionsProps {
  billDiscount: string;
  placeOfSupply: string;
  customerGstin: string;
  customerName: string;
  gst: boolean;
  stateName: string | null;
  disabled: boolean;
  /** The cart's problem when it is in one of these fields (not in a line), else null. */
  problem: CartProblem | null;
}

/** The bill discount, place of supply and B2B customer: memoised, so a scan does not draw these fields again. */
const CartOptions = memo(function CartOptions({ billDiscount, placeOfSupply, customerGstin, customerName, gst, stateName, disabled, problem }: CartOptionsProps) {
  const { set } = useCartStore.getState();
  const errorFor = errorsFor(problem);
  return (
    <div className="cart-options">
      <Field label="Bill discount" hint="10% or an amount" error={errorFor('billDiscount')}>
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input input-money" value={billDiscount} onChange={(e) => set({ billDiscount: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} disabled={disabled} />
        )}
      </Field>
      {gst ? (
        <>
          <PlaceOfSupply value={placeOfSupply} stateName={stateName} disabled={disabled} error={errorFor('placeOfSupply')} />
          <Field label="Customer GSTIN (B2B)" error={errorFor('customer.gstin')}>
            {({ id, describedBy, invalid }) => (
              <input id={id} className="input" value={customerGstin} onChange={(e) => set({ customerGstin: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" spellCheck={false} disabled={disabled} />
            )}
          </Field>
          <Field label="Customer name" error={errorFor('customer.name')}>
            {({ id, describedBy, invalid }) => (
              <input id={id} className="input" value={customerName} onChange={(e) => set({ customerName: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" disabled={disabled} />
            )}
          </Field>
        </>
      ) : null}
    </div>
  );
});

/** The checkout: scan or find items, quantities and discounts, place of supply, a B2B customer. */
export function CheckoutEditor() {
  const currency = useCurrency();
  const busy = useCheckoutStore((s) => s.busy);
  const submitted = useCheckoutStore((s) => s.submitted);
  const cart = useCartStore((s) => s.cart);
  const stateName = useCartStore((s) => s.tax?.stateName ?? null);
  const notice = useCartStore((s) => s.notice);
  const unknownBarcode = useCartStore((s) => s.unknownBarcode);
  const { loadTax, scan, addFree } = useCartStore.getState();
  const disabled = busy !== null;
  const bill = useCartBill(currency);
  const onScan = useCallback((code: string) => void scan(code), [scan]);
  useScanner(onScan, !disabled);
  useEffect(() => {
    void loadTax();
  }, [loadTax]);

  const problem = bill && !bill.ok && cart.lines.length > 0 ? bill.error : null;
  const errorFor = errorsFor(problem);
  const gst = currency === 'INR';

  return (
    <div className="checkout-editor">
      <div className="cart-find">
        <ItemSearch currency={currency} disabled={disabled} />
        <button type="button" className="btn" onClick={() => addFree()} disabled={disabled}>
          Add a line typed by hand
        </button>
      </div>
      <p className="cart-notice" role="status">
        {notice}
        {unknownBarcode ? (
          <>
            {' '}
            <button type="button" className="btn" onClick={() => addFree()} disabled={disabled}>
              Sell it as a line typed by hand
            </button>
          </>
        ) : null}
      </p>
      <div className="cart-body">
        <CartLines currency={currency} disabled={disabled} bill={bill?.ok ? bill.value : null} problem={problem} />
        <CartOptions
          billDiscount={cart.billDiscount}
          placeOfSupply={cart.placeOfSupply}
          customerGstin={cart.customerGstin}
          customerName={cart.customerName}
          gst={gst}
          stateName={stateName}
          disabled={disabled}
          problem={problem?.field && OPTION_FIELDS.has(problem.field) ? problem : null}
        />
        {bill?.ok ? <BillTotals bill={bill.value} currency={currency} /> : null}
      </div>
      {problem && (submitted || !problem.field || !/\./.test(problem.field)) && !errorFor(problem.field ?? '') ? (
        <p className="field-error" role="alert">
          {problem.message}
        </p>
      ) : null}
    </div>
  );
}
