// The store's own details for receipts, and the method each new sale starts with.
import { useState, type FormEvent } from 'react';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../contract/vocabulary';
import type { Settings } from '../../../../contract/answers';
import { Field, Message } from '../../components/Field';
import { METHOD_LABELS } from '../../format/labels';
import { useManagerStore } from '../../state/manager-state';

export function StoreForm({ settings }: { settings: Settings }) {
  const error = useManagerStore((s) => s.errors.preferences);
  const notice = useManagerStore((s) => s.notices.preferences);
  const busy = useManagerStore((s) => s.busy === 'preferences');
  const [storeName, setStoreName] = useState(settings.storeName);
  const [storeAddress, setStoreAddress] = useState(settings.storeAddress);
  const [defaultMethod, setDefaultMethod] = useState<PaymentMethod>(settings.defaultMethod);
  const fieldError = (field: string) => (error?.field === field ? error.message : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void useManagerStore.getState().savePreferences({ storeName, storeAddress, defaultMethod });
  };

  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby="store-title">
      <h2 id="store-title">Store and receipts</h2>
      <Field label="Store name" error={fieldError('storeName')} hint="Printed at the top of every receipt.">
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input" maxLength={80} value={storeName} onChange={(e) => setStoreName(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field label="Store address" error={fieldError('storeAddress')} hint="Up to 4 lines, printed under the name.">
        {({ id, describedBy, invalid }) => (
          <textarea id={id} className="input" rows={4} maxLength={300} value={storeAddress} onChange={(e) => setStoreAddress(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field label="Each sale starts with" error={fieldError('defaultMethod')} hint="The cashier switches with F8 (Card/UPI) or F7 (cash).">
        {({ id, describedBy, invalid }) => (
          <select id={id} className="input input-short" value={defaultMethod} onChange={(e) => setDefaultMethod(e.target.value as PaymentMethod)} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
            {PAYMENT_METHODS.map((method) => (
              <option key={method} value={method}>
                {METHOD_LABELS[method]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {error && !['storeName', 'storeAddress', 'defaultMethod'].includes(error.field ?? '') ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Save store details
      </button>
    </form>
  );
}
