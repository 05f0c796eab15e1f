// The store's tax data, as the manager set it: GSTIN (and so its state), the US sales tax rate and
// whether totals are rounded off to the rupee. Kept in the settings table.
import type { TaxSettings } from '../../contract/catalogue/records';
import { parseGstin } from '../../contract/billing/gstin';
import { isRateBasisPoints } from '../../contract/billing/rates';
import type { Db } from '../../db/local/database';
import { getSetting, setSetting } from '../../db/local/settings';

const KEYS = { gstin: 'tax_gstin', usSalesTax: 'tax_us_sales_tax_basis_points', roundOff: 'tax_round_off' } as const;

/** The stored tax settings; a stored value that no longer passes its rule reads as unset. */
export function readTaxSettings(db: Db): TaxSettings {
  const gstin = parseGstin(getSetting(db, KEYS.gstin) ?? '');
  const usRate = Number(getSetting(db, KEYS.usSalesTax) ?? '0');
  return {
    gstin: gstin.ok ? gstin.value.gstin : null,
    stateCode: gstin.ok ? gstin.value.stateCode : null,
    stateName: gstin.ok ? gstin.value.stateName : null,
    usSalesTaxBasisPoints: isRateBasisPoints(usRate) ? usRate : 0,
    roundOff: getSetting(db, KEYS.roundOff) !== 'off',
  };
}

export interface TaxChanges {
  /** Already checked; an empty text clears it. */
  gstin?: string | undefined;
  usSalesTaxBasisPoints?: number | undefined;
  roundOff?: boolean | undefined;
}

export function saveTaxSettings(db: Db, changes: TaxChanges): TaxSettings {
  db.transaction(() => {
    if (changes.gstin !== undefined) setSetting(db, KEYS.gstin, changes.gstin);
    if (changes.usSalesTaxBasisPoints !== undefined) setSetting(db, KEYS.usSalesTax, String(changes.usSalesTaxBasisPoints));
    if (changes.roundOff !== undefined) setSetting(db, KEYS.roundOff, changes.roundOff ? 'on' : 'off');
  })();
  return readTaxSettings(db);
}
