import type { Currency } from '../../../../../contract/vocabulary';
import { FieldError } from '../../../components/Field';
import type { DraftLine } from '../../../state/invoice-draft';
import { LineRow } from './LineRow';
import type { ErrorFor } from './use-draft-errors';
import { useLineKeys } from './use-line-keys';

interface LineItemsProps {
  lines: readonly DraftLine[];
  currency: Currency;
  disabled: boolean;
  errorFor: ErrorFor;
}

/** The invoice's items: a table of rows and the button that adds one. */
export function LineItems({ lines, currency, disabled, errorFor }: LineItemsProps) {
  const { addAndFocus, onLineKeyDown } = useLineKeys(lines);
  const linesError = errorFor('lines');
  return (
    <div className="invoice-lines-wrap">
      <table className="invoice-lines">
        <caption className="visually-hidden">Items on this invoice</caption>
        <thead>
          <tr>
            <th scope="col" className="invoice-col-desc">
              Item
            </th>
            <th scope="col" className="invoice-col-qty">
              Qty
            </th>
            <th scope="col" className="invoice-col-price">
              Unit price
            </th>
            <th scope="col" className="invoice-col-total">
              Amount
            </th>
            <th scope="col" className="invoice-col-remove">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <LineRow key={line.key} line={line} index={index} currency={currency} disabled={disabled} errorFor={errorFor} onKeyDown={onLineKeyDown} />
          ))}
        </tbody>
      </table>
      <div className="invoice-lines-actions">
        <button type="button" className="btn btn-secondary" onClick={addAndFocus} disabled={disabled}>
          <span aria-hidden="true">+</span> Add item
        </button>
        <span className="kbd-hint">Enter in a row moves to the next item</span>
      </div>
      {linesError ? <FieldError message={linesError} /> : null}
    </div>
  );
}
