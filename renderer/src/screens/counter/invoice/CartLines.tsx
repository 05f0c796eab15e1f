import type { Bill } from '../../../../../contract/catalogue/bill';
import { formatMoney } from '../../../../../contract/money';
import type { Currency } from '../../../../../contract/vocabulary';
import { FieldError } from '../../../components/Field';
import { useCartStore } from '../../../state/cart-state';

interface CartLinesProps {
  currency: Currency;
  disabled: boolean;
  /** The bill as the backend will make it, when the cart is valid. */
  bill: Bill | null;
  /** A message for a field keyed `<lineKey>.quantity` or `<lineKey>.discount`. */
  errorFor: (key: string) => string | undefined;
}

/** The cart's lines: item, quantity (three decimals for weighed items), price, discount, amount. */
export function CartLines({ currency, disabled, bill, errorFor }: CartLinesProps) {
  const lines = useCartStore((s) => s.cart.lines);
  const { updateLine, removeLine } = useCartStore.getState();
  if (lines.length === 0) return <p className="cart-empty">Scan a barcode or find an item to start the bill.</p>;
  return (
    <table className="invoice-lines cart-lines">
      <caption className="visually-hidden">Items on this bill</caption>
      <thead>
        <tr>
          <th scope="col" className="invoice-col-desc">Item</th>
          <th scope="col" className="invoice-col-qty">Qty</th>
          <th scope="col" className="invoice-col-price">Price</th>
          <th scope="col" className="cart-col-discount">Discount</th>
          <th scope="col" className="invoice-col-total">Amount</th>
          <th scope="col" className="invoice-col-remove"><span className="visually-hidden">Remove</span></th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => {
          const n = index + 1;
          const amount = bill?.totals.lines[index]?.lineTotal;
          const quantityError = errorFor(`${line.key}.quantity`);
          const discountError = errorFor(`${line.key}.discount`);
          return (
            <tr key={line.key}>
              <td>
                {line.item.name}
                <span className="cart-line-meta">
                  {line.item.sku}
                  {line.item.hsnCode ? ` · HSN ${line.item.hsnCode}` : ''}
                </span>
              </td>
              <td>
                <input
                  className="input input-qty"
                  aria-label={`Line ${n} quantity (${line.item.unit})`}
                  inputMode="decimal"
                  value={line.quantity}
                  onChange={(e) => updateLine(line.key, { quantity: e.target.value })}
                  aria-invalid={quantityError ? true : undefined}
                  disabled={disabled}
                />
                {quantityError ? <FieldError message={quantityError} /> : null}
              </td>
              <td className="num">
                {formatMoney(line.item.priceMinor, currency)}
                {line.item.unit === 'piece' ? '' : ` /${line.item.unit}`}
              </td>
              <td>
                <input
                  className="input input-money"
                  aria-label={`Line ${n} discount`}
                  placeholder="10% or 5.00"
                  value={line.discount}
                  onChange={(e) => updateLine(line.key, { discount: e.target.value })}
                  aria-invalid={discountError ? true : undefined}
                  disabled={disabled}
                />
                {discountError ? <FieldError message={discountError} /> : null}
              </td>
              <td className="num">{amount === undefined ? '—' : formatMoney(amount, currency)}</td>
              <td>
                <button type="button" className="btn btn-icon" aria-label={`Remove line ${n}`} onClick={() => removeLine(line.key)} disabled={disabled}>
                  ×
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
