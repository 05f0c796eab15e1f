// Manager → Tax: the rates are data the manager sets (each item's GST rate is in Manager → Items);
// here the store's GSTIN with its state, the US sales tax rate, the round-off and the invoice series.
// On a PC of a store they are the store's: every PC bills with them, and they change only with the link up.
import { useEffect, useState, type FormEvent } from 'react';
import { MAX_RESTARTING_PREFIX_LENGTH } from '../../../../contract/billing/invoice-number';
import type { TaxSettings } from '../../../../contract/catalogue/records';
import { Field, Message, fieldError } from '../../components/Field';
import { useAppStore } from '../../state/app-state';
import { useManagerStore } from '../../state/manager-state';
import { taxForm, useTaxStore, type TaxForm } from '../../state/tax-state';

const FIELDS = ['gstin', 'usSalesTaxBasisPoints'];

function TaxSettingsForm({ settings }: { settings: TaxSettings }) {
  const [form, setForm] = useState<TaxForm>(taxForm(settings));
  const error = useManagerStore((s) => s.errors.tax);
  const notice = useManagerStore((s) => s.notices.tax);
  const busy = useManagerStore((s) => s.busy);
  const change = <K extends keyof TaxForm>(key: K, value: TaxForm[K]) => setForm({ ...form, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The form shows what was stored at once (the GSTIN upper-cased), not what was typed.
    void useTaxStore
      .getState()
      .save(form)
      .then((saved) => {
        if (saved) setForm(taxForm(saved));
      });
  };

  return (
    <form className="manager-form tax-form" onSubmit={submit} aria-label="Tax settings" noValidate>
      <h3>India: GST</h3>
      <div className="form-row">
        <Field label="Store GSTIN" error={fieldError(error, 'gstin')} hint="15 characters; its check character is verified. Leave empty when not registered.">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" value={form.gstin} onChange={(e) => change('gstin', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} maxLength={20} spellCheck={false} />
          )}
        </Field>
        <div className="field">
          <span className="field-label">State</span>
          <p className="tax-state">{settings.stateCode ? `${settings.stateName ?? ''} (${settings.stateCode}), from the GSTIN` : 'Set by the GSTIN'}</p>
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={form.roundOff} onChange={(e) => change('roundOff', e.target.checked)} /> Round totals to the rupee (a “Round off” line)
      </label>
      <h3>United States: sales tax</h3>
      <Field label="Sales tax rate (%)" error={fieldError(error, 'usSalesTaxBasisPoints')} hint="One rate for the store, like 8.25. Items can be exempt (Manager → Items).">
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input input-short input-money" value={form.usRate} onChange={(e) => change('usRate', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <h3>Invoice numbers</h3>
      <p className="manager-muted">Each counter numbers its invoices in its own series, after its prefix (Manager → Counters): unique and consecutive, at most 16 characters.</p>
      <label className="checkbox">
        <input type="checkbox" checked={form.invoiceNumbersRestartEachYear} onChange={(e) => change('invoiceNumbersRestartEachYear', e.target.checked)} /> Start again at 1 each
        financial year (1 April), with the year in the number: A-26-27/000001
      </label>
      <p className="manager-muted">For this, counter prefixes may have at most {MAX_RESTARTING_PREFIX_LENGTH} characters.</p>
      {error && !FIELDS.includes(error.field ?? '') ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          Save tax settings
        </button>
      </div>
    </form>
  );
}

/** On a PC of a store: whose settings these are, and (link down) why they cannot change now. */
function StoreWide() {
  const store = useAppStore((s) => s.store);
  if (!store || store.link === 'off') return null;
  const whose = `These settings are the store’s: every PC of ${store.storeName ?? 'the store'} bills with them.`;
  if (store.link === 'down') {
    return <Message kind="warning">{`${whose} The store link is down, so they cannot change now; this PC bills with the ones shown.`}</Message>;
  }
  return <p className="manager-muted">{`${whose} A change here reaches the other PCs within seconds.`}</p>;
}

export function TaxTab() {
  const settings = useTaxStore((s) => s.settings);
  useEffect(() => {
    void useTaxStore.getState().load();
  }, []);
  if (!settings) return <p className="loading">Loading…</p>;
  return (
    <div className="manager-section manager-tab-body">
      <p>Tax rates are yours to set: each item’s GST rate and HSN/SAC code are in Manager → Items; the store’s own are here.</p>
      <StoreWide />
      <TaxSettingsForm settings={settings} />
    </div>
  );
}
