// A return by item and quantity: the manager picks a line of the invoice and how many came back,
// and the refund amount (and its note) is filled with what the customer paid for them.
import { useState } from 'react';
import { formatMoney } from '../../../../contract/money';
import { returnableUnits, returnValue } from '../../../../contract/refund-rules';
import type { Currency } from '../../../../contract/vocabulary';
import { formatQuantity } from '../../../../contract/billing/quantity';
import { useLogStore } from '../../state/log-state';

export function ReturnedGoods({ currency, formId, onChosen }: { currency: Currency; formId: string; onChosen: (amountMinor: number, note: string) => void }) {
  const goods = useLogStore((s) => s.goods);
  const [lineIndex, setLineIndex] = useState(0);
  const [units, setUnits] = useState<number | null>(null);
  if (!goods || goods.length === 0) return null;
  const line = goods[lineIndex] ?? goods[0]!;
  const choices = returnableUnits(line);
  const chosenUnits = units !== null && choices.includes(units) ? units : (choices.at(-1) ?? null);
  const value = returnValue(line, chosenUnits);
  const quantity = chosenUnits === null ? formatQuantity(line.quantityThousandths) : String(chosenUnits);
  return (
    <fieldset className="returned-goods">
      <legend>Goods brought back (optional)</legend>
      <label className="returned-goods-item">
        <span>Item</span>
        <select
          id={`${formId}-item`}
          className="input"
          value={lineIndex}
          onChange={(event) => {
            setLineIndex(Number(event.target.value));
            setUnits(null);
          }}
        >
          {goods.map((good, index) => (
            <option key={index} value={index}>
              {good.description} × {formatQuantity(good.quantityThousandths)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Quantity</span>
        {choices.length > 0 ? (
          <select id={`${formId}-units`} className="input" value={chosenUnits ?? ''} onChange={(event) => setUnits(Number(event.target.value))}>
            {choices.map((count) => (
              <option key={count} value={count}>
                {count}
              </option>
            ))}
          </select>
        ) : (
          <output className="returned-goods-whole">{quantity} (the whole line)</output>
        )}
      </label>
      <button type="button" className="btn btn-secondary" onClick={() => onChosen(value, `Returned ${quantity} × ${line.description}`.slice(0, 200))}>
        Refund these: {formatMoney(value, currency)}
      </button>
    </fieldset>
  );
}
