// Manager → Items: the form that adds an item or changes one (name, SKU, barcodes, unit, price,
// whether the price includes tax, the tax rate, HSN/SAC, US sales tax exemption).
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AppError } from '../../../../../contract/result';
import { UNITS } from '../../../../../contract/catalogue/units';
import { Field, Message } from '../../../components/Field';
import { useCurrency } from '../../../state/app-state';
import { EMPTY_ITEM_FORM, itemForm, type ItemForm } from '../../../state/item-form';
import { useItemsStore } from '../../../state/items-state';
import { useManagerStore } from '../../../state/manager-state';

const FIELDS = ['name', 'sku', 'barcodes', 'unit', 'priceMinor', 'rateBasisPoints', 'hsnCode'];

/** The error's message when it is about `field` (or one of its entries: barcodes.1). */
function errorAt(error: AppError | undefined, field: string): string | undefined {
  return error?.field?.split('.')[0] === field ? error.message : undefined;
}

interface TextProps {
  label: string;
  field: string;
  value: string;
  onChange: (value: string) => void;
  error: AppError | undefined;
  hint?: ReactNode;
  className?: string;
  autoFocus?: boolean;
}

function TextField({ label, field, value, onChange, error, hint, className = '', autoFocus }: TextProps) {
  return (
    <Field label={label} error={errorAt(error, field)} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className={`input ${className}`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          spellCheck={false}
          autoFocus={autoFocus}
        />
      )}
    </Field>
  );
}

export function ItemEditor() {
  const editing = useItemsStore((s) => s.editing);
  const error = useManagerStore((s) => s.errors.item);
  const busy = useManagerStore((s) => s.busy);
  const currency = useCurrency();
  const [form, setForm] = useState<ItemForm>(editing && editing !== 'new' ? itemForm(editing) : EMPTY_ITEM_FORM);
  if (editing === null) return null;
  const change = <K extends keyof ItemForm>(key: K) => (value: ItemForm[K]) => setForm({ ...form, [key]: value });
  const title = editing === 'new' ? 'New item' : `Edit ${editing.name}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void useItemsStore.getState().save(form);
  };

  return (
    <form onSubmit={submit} aria-label={title} noValidate className="manager-form item-editor">
      <h3>{title}</h3>
      <div className="form-row">
        <TextField label="Item name" field="name" value={form.name} onChange={change('name')} error={error} autoFocus />
        <TextField label="SKU" field="sku" value={form.sku} onChange={change('sku')} error={error} className="mono" hint="Your own code for the item, unique" />
        <TextField label="Barcodes" field="barcodes" value={form.barcodes} onChange={change('barcodes')} error={error} className="mono" hint="Separate several with commas" />
      </div>
      <div className="form-row">
        <Field label="Unit" error={errorAt(error, 'unit')}>
          {({ id, describedBy }) => (
            <select id={id} className="input" value={form.unit} onChange={(e) => change('unit')(e.target.value as ItemForm['unit'])} aria-describedby={describedBy}>
              {UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label={`Price (${currency})`} field="priceMinor" value={form.price} onChange={change('price')} error={error} className="input-money" hint="Of one unit, like 120.50" />
        <TextField label="Tax rate (%)" field="rateBasisPoints" value={form.rate} onChange={change('rate')} error={error} className="input-money" hint="GST, like 5 or 18" />
        <TextField label="HSN/SAC code" field="hsnCode" value={form.hsnCode} onChange={change('hsnCode')} error={error} className="mono" hint="4, 6 or 8 digits" />
      </div>
      <div className="button-row">
        <label className="checkbox">
          <input type="checkbox" checked={form.priceIncludesTax} onChange={(e) => change('priceIncludesTax')(e.target.checked)} /> The price includes tax
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={form.taxExempt} onChange={(e) => change('taxExempt')(e.target.checked)} /> Exempt from US sales tax
        </label>
      </div>
      {error && !FIELDS.includes(error.field?.split('.')[0] ?? '') ? <Message kind="error">{error.message}</Message> : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          Save the item
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => useItemsStore.getState().edit(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
