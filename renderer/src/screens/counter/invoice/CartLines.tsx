import { memo, useEffect, useRef } from 'react';
import type { Bill } from '../../../../../contract/catalogue/bill';
import { formatMoney } from '../../../../../contract/money';
import type { Currency } from '../../../../../contract/vocabulary';
import { FieldError } from '../../../components/Field';
import type { CartLine } from '../../../state/cart';
import { useCartStore } from '../../../state/cart-state';
import { errorsFor, type CartProblem } from './cart-problem';

interface CartLinesProps {
  currency: Currency;
  disabled: boolean;
  /** The bill as the backend will make it, when the cart is valid. */
  bill: Bill | null;
  /** What is wrong with the cart, if anything: a line's field is keyed `<lineKey>.quantity`, `.discount`, and for a line typed by hand `.description`, `.price`, `.rate`. */
  problem: CartProblem | null;
}

interface LineCellProps {
  line: CartLine;
  n: number;
  currency: Currency;
  disabled: boolean;
  errorFor: (key: string) => string | undefined;
}

/** The item's name and codes; for a line typed by hand, its description and (GST) rate as inputs. */
function ItemCell({ line, n, currency, disabled, errorFor }: LineCellProps) {
  const { updateFree } = useCartStore.getState();
  if (line.item) {
    return (
      <td className="cart-col-item">
        {line.item.name}
        <span className="cart-line-meta">
          {line.item.sku}
          {line.item.hsnCode ? ` · HSN ${line.item.hsnCode}` : ''}
        </span>
      </td>
    );
  }
  const descriptionError = errorFor(`${line.key}.description`);
  const rateError = errorFor(`${line.key}.rate`);
  return (
    <td className="cart-col-item cart-free">
      <input
        className="input"
        aria-label={`Line ${n} description`}
        placeholder="What is sold"
        value={line.free.description}
        onChange={(e) => updateFree(line.key, { description: e.target.value })}
        aria-invalid={descriptionError ? true : undefined}
        disabled={disabled}
      />
      {descriptionError ? <FieldError message={descriptionError} /> : null}
      {currency === 'INR' ? (
        <label className="cart-free-rate">
          GST %
          <input
            className="input input-rate"
            aria-label={`Line ${n} GST rate (%)`}
            inputMode="decimal"
            placeholder="5"
            value={line.free.rate}
            onChange={(e) => updateFree(line.key, { rate: e.target.value })}
            aria-invalid={rateError ? true : undefined}
            disabled={disabled}
          />
        </label>
      ) : null}
      {rateError ? <FieldError message={rateError} /> : null}
    </td>
  );
}

/** The price of one: the item's, or typed for a line typed by hand. */
function PriceCell({ line, n, currency, disabled, errorFor }: LineCellProps) {
  const { updateFree } = useCartStore.getState();
  if (line.item) {
    return (
      <td className="num">
        {formatMoney(line.item.priceMinor, currency)}
        {line.item.unit === 'piece' ? null : <span className="cart-line-meta">per {line.item.unit}</span>}
      </td>
    );
  }
  const priceError = errorFor(`${line.key}.price`);
  return (
    <td>
      <input
        className="input input-money"
        aria-label={`Line ${n} price`}
        inputMode="decimal"
        placeholder="0.00"
        value={line.free.price}
        onChange={(e) => updateFree(line.key, { price: e.target.value })}
        aria-invalid={priceError ? true : undefined}
        disabled={disabled}
      />
      {priceError ? <FieldError message={priceError} /> : null}
    </td>
  );
}

interface LineRowProps {
  line: CartLine;
  n: number;
  currency: Currency;
  disabled: boolean;
  /** The line's amount on the bill (undefined while the bill cannot be made). */
  amount: number | undefined;
  /** The cart's problem when it is in this line, else null. */
  problem: CartProblem | null;
}

/**
 * One line of the cart. Memoised: a scan or a change to one line draws that line again, not every
 * line of a long bill (each row's props are the line itself, its amount and its own problem).
 */
const LineRow = memo(function LineRow({ line, n, currency, disabled, amount, problem }: LineRowProps) {
  const { updateLine, removeLine } = useCartStore.getState();
  const errorFor = errorsFor(problem);
  const quantityError = errorFor(`${line.key}.quantity`);
  const discountError = errorFor(`${line.key}.discount`);
  // A scanned line, new or one more of it, comes into view in the bill's scrolling part.
  const row = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // Not returned: Chromium's scrollIntoView answers a promise, which React would call on cleanup.
    void row.current?.scrollIntoView({ block: 'nearest' });
  }, [line.quantity]);
  return (
    <tr ref={row}>
      <ItemCell line={line} n={n} currency={currency} disabled={disabled} errorFor={errorFor} />
      <td>
        <input
          className="input input-qty"
          aria-label={`Line ${n} quantity (${line.item?.unit ?? 'piece'})`}
          inputMode="decimal"
          value={line.quantity}
          onChange={(e) => updateLine(line.key, { quantity: e.target.value })}
          aria-invalid={quantityError ? true : undefined}
          disabled={disabled}
        />
        {quantityError ? <FieldError message={quantityError} /> : null}
      </td>
      <PriceCell line={line} n={n} currency={currency} disabled={disabled} errorFor={errorFor} />
      <td>
        <input
          className="input input-money"
          aria-label={`Line ${n} discount`}
          placeholder="10%"
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
});

/**
 * The cart's lines: item, quantity (three decimals for weighed items), price, discount, amount. The
 * amount is the line's before the bill discount (price × quantity less its own discount), as on the
 * tax invoice; the bill discount shows once, in the totals.
 */
export function CartLines({ currency, disabled, bill, problem }: CartLinesProps) {
  const lines = useCartStore((s) => s.cart.lines);
  if (lines.length === 0) return <p className="cart-empty">Scan a barcode or find an item to start the bill, or add a line typed by hand.</p>;
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
          const amounts = bill?.totals.lines[index];
          return (
            <LineRow
              key={line.key}
              line={line}
              n={index + 1}
              currency={currency}
              disabled={disabled}
              amount={amounts ? amounts.gross - amounts.lineDiscount : undefined}
              problem={problem?.field?.startsWith(`${line.key}.`) ? problem : null}
            />
          );
        })}
      </tbody>
    </table>
  );
}
