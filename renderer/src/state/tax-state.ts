// Manager → Tax: the store's GSTIN (and so its state), the US sales tax rate, the round-off and
// whether invoice numbers restart each financial year. Calls go through the manager store.
import { create } from 'zustand';
import type { TaxSettings } from '../../../contract/catalogue/records';
import { formatRatePercent, parseRatePercent } from '../../../contract/billing/rates';
import { call } from '../api/gateway';
import { useManagerStore } from './manager-state';

export interface TaxForm {
  gstin: string;
  /** Percent, like 8.25. */
  usRate: string;
  roundOff: boolean;
  invoiceNumbersRestartEachYear: boolean;
}

export function taxForm(settings: TaxSettings): TaxForm {
  return {
    gstin: settings.gstin ?? '',
    usRate: formatRatePercent(settings.usSalesTaxBasisPoints).replace('%', ''),
    roundOff: settings.roundOff,
    invoiceNumbersRestartEachYear: settings.invoiceNumbersRestartEachYear,
  };
}

interface TaxState {
  settings: TaxSettings | null;
  load: () => Promise<void>;
  /** Saves the form; the settings as stored (the GSTIN upper-cased), or null when refused. */
  save: (form: TaxForm) => Promise<TaxSettings | null>;
}

export const useTaxStore = create<TaxState>()((set) => ({
  settings: null,

  async load() {
    const result = await call((api) => api.taxSettingsGet({}));
    if (result.ok) set({ settings: result.value });
  },

  async save(form) {
    const manager = useManagerStore.getState();
    const rate = parseRatePercent(form.usRate === '' ? '0' : form.usRate, 'US sales tax rate');
    if (!rate.ok) {
      useManagerStore.setState({ errors: { ...manager.errors, tax: { ...rate.error, field: 'usSalesTaxBasisPoints' } } });
      return null;
    }
    const saved = await manager.runCall(
      'tax',
      (managerToken) =>
        call((api) =>
          api.taxSettingsUpdate({
            managerToken,
            gstin: form.gstin,
            usSalesTaxBasisPoints: rate.value,
            roundOff: form.roundOff,
            invoiceNumbersRestartEachYear: form.invoiceNumbersRestartEachYear,
          }),
        ),
      () => 'Saved. New invoices use these settings.',
    );
    if (saved) set({ settings: saved });
    return saved;
  },
}));
