import type { KeyboardEvent } from 'react';
import { formatMoney, multiplyMinor, parseAmount } from '../../../../../contract/money';
import type { Currency } from '../../../../../contract/vocabulary';
import { FieldError } from '../../../components/Field';
import { useCheckoutStore } from '../../../state/checkout-state';
import { parseQuantity, type DraftLine } from '../../../state/invoice-draft';
import type { ErrorFor } from './use-draft-errors';
import { descriptionId } from './use-line-keys';

/** The row's three inputs, which differ only in these. */
const CELLS = [
  { field: 'description', errorId: 'err-desc', label: 'description', className: 'input', placeholder: 'What is sold' },
  { field: 'quantity', errorId: 'err-qty', label: 'quantity', className: 'input input-qty', inputMode: 'numeric' },
  { field: 'unitPrice', errorId: 'err-price', label: 'unit price', className: 'input input-money', inputMode: 'decimal', placeholder: '0.00' },
] as const;

/** The line total as typed so far, or a dash while the row is incomplete. */
function lineTotalText(line: DraftLine, currency: Currency): string {
  const quantity = parseQuantity(line.quantity);
  const price = parseAmount(line.unitPrice);
  if (!quantity.ok || !price.ok) return '—';
  const total = multiplyMinor(price.value, quantity.value);
  return total.ok ? formatMoney(total.value, currency) : '—';
}

interface LineRowProps {
  line: DraftLine;
  index: number;
  currency: Currency;
  disabled: boolean;
  errorFor: ErrorFor;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>, index: number) => void;
}

/** One item: description, quantity, unit price, its amount and the remove button. */
export function LineRow({ line, index, currency, disabled, errorFor, onKeyDown }: LineRowProps) {
  const { updateLine, removeLine } = useCheckoutStore.getState();
  const n = index + 1;
  return (
    <tr>
      {CELLS.map((cell) => {
        const error = errorFor(`${line.key}.${cell.field}`);
        const errorId = `${cell.errorId}-${line.key}`;
        const isDescription = cell.field === 'description';
        return (
          <td key={cell.field}>
            <input
              id={isDescription ? descriptionId(line.key) : undefined}
              className={cell.className}
              aria-label={`Item ${n} ${cell.label}`}
              inputMode={'inputMode' in cell ? cell.inputMode : undefined}
              placeholder={'placeholder' in cell ? cell.placeholder : undefined}
              value={line[cell.field]}
              onChange={(e) => updateLine(line.key, { [cell.field]: e.target.value })}
              onKeyDown={(e) => onKeyDown(e, index)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              disabled={disabled}
              autoComplete="off"
              data-first-field={isDescription && index === 0 ? 'true' : undefined}
            />
            {error ? <FieldError id={errorId} message={error} /> : null}
          </td>
        );
      })}
      <td className="num invoice-line-total">{lineTotalText(line, currency)}</td>
      <td>
        <button type="button" className="btn btn-icon" aria-label={`Remove item ${n}`} onClick={() => removeLine(line.key)} disabled={disabled}>
          <span aria-hidden="true">✕</span>
        </button>
      </td>
    </tr>
  );
}
