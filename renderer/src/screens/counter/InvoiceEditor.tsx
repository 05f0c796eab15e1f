import { useEffect, useState, type KeyboardEvent } from 'react';
import { formatMoney, multiplyMinor, parseAmount } from '../../../../contract/money';
import { Field, FieldError } from '../../components/Field';
import { useCurrency } from '../../state/app-state';
import { useCheckoutStore } from '../../state/checkout-state';
import { checkDraft, parseQuantity, type DraftLine } from '../../state/invoice-draft';

/** The line total as typed so far, or a dash while the row is incomplete. */
function lineTotalText(line: DraftLine, currency: ReturnType<typeof useCurrency>): string {
  const quantity = parseQuantity(line.quantity);
  const price = parseAmount(line.unitPrice);
  if (!quantity.ok || !price.ok) return '—';
  const total = multiplyMinor(price.value, quantity.value);
  return total.ok ? formatMoney(total.value, currency) : '—';
}

/** The invoice being typed: number, items (or one amount) and the total. */
export function InvoiceEditor() {
  const currency = useCurrency();
  const draft = useCheckoutStore((s) => s.draft);
  const number = useCheckoutStore((s) => s.number);
  const submitted = useCheckoutStore((s) => s.submitted);
  const error = useCheckoutStore((s) => s.error);
  const errorTarget = useCheckoutStore((s) => s.errorTarget);
  const busy = useCheckoutStore((s) => s.busy);
  const { setMode, updateLine, addLine, removeLine, setAmount, setAmountDescription, setNumber } = useCheckoutStore.getState();
  const [focusKey, setFocusKey] = useState<string | null>(null);

  const checked = checkDraft(draft);
  const errorFor = (key: string): string | undefined => {
    if (error && errorTarget === key) return error.message;
    return submitted ? checked.errors[key] : undefined;
  };

  useEffect(() => {
    if (!focusKey) return;
    document.getElementById(`desc-${focusKey}`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  /** Enter moves to the next item (adding one at the end); Ctrl+Enter is the Charge shortcut. */
  const onLineKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const next = draft.lines[index + 1];
    if (next) setFocusKey(next.key);
    else setFocusKey(addLine());
  };

  const disabled = busy !== null;
  const linesError = errorFor('lines');

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

      <fieldset className="segmented" disabled={disabled}>
        <legend className="visually-hidden">Bill as</legend>
        <label className={draft.mode === 'items' ? 'segment segment-on' : 'segment'}>
          <input type="radio" name="draft-mode" checked={draft.mode === 'items'} onChange={() => setMode('items')} />
          Items
        </label>
        <label className={draft.mode === 'amount' ? 'segment segment-on' : 'segment'}>
          <input type="radio" name="draft-mode" checked={draft.mode === 'amount'} onChange={() => setMode('amount')} />
          Single amount
        </label>
      </fieldset>

      {draft.mode === 'items' ? (
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
              {draft.lines.map((line, index) => {
                const n = index + 1;
                const descError = errorFor(`${line.key}.description`);
                const qtyError = errorFor(`${line.key}.quantity`);
                const priceError = errorFor(`${line.key}.unitPrice`);
                return (
                  <tr key={line.key}>
                    <td>
                      <input
                        id={`desc-${line.key}`}
                        className="input"
                        aria-label={`Item ${n} description`}
                        placeholder="What is sold"
                        value={line.description}
                        onChange={(e) => updateLine(line.key, { description: e.target.value })}
                        onKeyDown={(e) => onLineKeyDown(e, index)}
                        aria-invalid={descError ? true : undefined}
                        aria-describedby={descError ? `err-desc-${line.key}` : undefined}
                        disabled={disabled}
                        autoComplete="off"
                        data-first-field={index === 0 ? 'true' : undefined}
                      />
                      {descError ? <FieldError id={`err-desc-${line.key}`} message={descError} /> : null}
                    </td>
                    <td>
                      <input
                        className="input input-qty"
                        aria-label={`Item ${n} quantity`}
                        inputMode="numeric"
                        value={line.quantity}
                        onChange={(e) => updateLine(line.key, { quantity: e.target.value })}
                        onKeyDown={(e) => onLineKeyDown(e, index)}
                        aria-invalid={qtyError ? true : undefined}
                        aria-describedby={qtyError ? `err-qty-${line.key}` : undefined}
                        disabled={disabled}
                        autoComplete="off"
                      />
                      {qtyError ? <FieldError id={`err-qty-${line.key}`} message={qtyError} /> : null}
                    </td>
                    <td>
                      <input
                        className="input input-money"
                        aria-label={`Item ${n} unit price`}
                        inputMode="decimal"
                        placeholder="0.00"
                        value={line.unitPrice}
                        onChange={(e) => updateLine(line.key, { unitPrice: e.target.value })}
                        onKeyDown={(e) => onLineKeyDown(e, index)}
                        aria-invalid={priceError ? true : undefined}
                        aria-describedby={priceError ? `err-price-${line.key}` : undefined}
                        disabled={disabled}
                        autoComplete="off"
                      />
                      {priceError ? <FieldError id={`err-price-${line.key}`} message={priceError} /> : null}
                    </td>
                    <td className="num invoice-line-total">{lineTotalText(line, currency)}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-icon"
                        aria-label={`Remove item ${n}`}
                        onClick={() => removeLine(line.key)}
                        disabled={disabled}
                      >
                        <span aria-hidden="true">✕</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="invoice-lines-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setFocusKey(addLine())} disabled={disabled}>
              <span aria-hidden="true">+</span> Add item
            </button>
            <span className="kbd-hint">Enter in a row moves to the next item</span>
          </div>
          {linesError ? <FieldError message={linesError} /> : null}
        </div>
      ) : (
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
      )}

      <div className="invoice-total" aria-live="off">
        <span>Total</span>
        <strong className="invoice-total-amount">{formatMoney(checked.totalMinor, currency)}</strong>
      </div>
    </section>
  );
}
