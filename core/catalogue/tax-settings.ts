// The store's tax data, as the manager set it: GSTIN (and so its state), the US sales tax rate and
// whether totals are rounded off to the rupee, and whether invoice numbers restart each financial
// year. Kept in the settings table. On a PC of a store they are the store's (store migration 021):
// changed there first through the ports, and this table is then the PC's copy of them
// (core/store-link/config-sync.ts), which billing reads with the link up or down.
import type { TaxSettings } from '../../contract/catalogue/records';
import { parseGstin } from '../../contract/billing/gstin';
import { isRateBasisPoints } from '../../contract/billing/rates';
import { financialYearStart, MAX_INVOICE_NUMBER_LENGTH, MAX_RESTARTING_PREFIX_LENGTH } from '../../contract/billing/invoice-number';
import { localDate } from '../../contract/calendar';
import { listCounters } from '../../db/local/counters';
import { HandlerFailure } from '../failure';
import type { Db } from '../../db/local/database';
import type { StoreTaxSettings } from '../../db/store/config';
import { getSetting, setSetting } from '../../db/local/settings';

const KEYS = {
  gstin: 'tax_gstin',
  usSalesTax: 'tax_us_sales_tax_basis_points',
  roundOff: 'tax_round_off',
  restartEachYear: 'invoice_numbers_restart_each_year',
} as const;

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
    invoiceNumbersRestartEachYear: getSetting(db, KEYS.restartEachYear) === 'on',
  };
}

/**
 * The financial year (its starting year) an invoice made at `at` is numbered in when the series
 * restart each 1 April; null when they never restart.
 */
export function invoiceFinancialYear(db: Db, at: number): number | null {
  if (getSetting(db, KEYS.restartEachYear) !== 'on') return null;
  const year = financialYearStart(localDate(at));
  if (!year.ok) throw new RangeError(`No financial year for ${at}`);
  return year.value;
}

/** Why a counter prefix cannot number a restarting series within 16 characters, or null when it can. */
export function prefixTooLongForYearlySeries(prefix: string): string | null {
  if (prefix.length <= MAX_RESTARTING_PREFIX_LENGTH) return null;
  return `Invoice prefix "${prefix}" is too long for numbers that restart each financial year: with the year (26-27/) and 6 digits, a prefix can have at most ${MAX_RESTARTING_PREFIX_LENGTH} characters, so that numbers stay within ${MAX_INVOICE_NUMBER_LENGTH}.`;
}

export interface TaxChanges {
  /** Already checked; an empty text clears it. */
  gstin?: string | undefined;
  usSalesTaxBasisPoints?: number | undefined;
  roundOff?: boolean | undefined;
  invoiceNumbersRestartEachYear?: boolean | undefined;
}

/** Refuses numbers that restart each year while an active counter's prefix is too long for them. */
export function checkTaxChanges(db: Db, changes: TaxChanges): void {
  if (changes.invoiceNumbersRestartEachYear !== true) return;
  for (const counter of listCounters(db, { includeInactive: false })) {
    const tooLong = prefixTooLongForYearlySeries(counter.invoicePrefix);
    if (tooLong) throw new HandlerFailure('invalid_input', `${counter.name}: ${tooLong} Shorten it in Manager → Counters first.`, 'invoiceNumbersRestartEachYear');
  }
}

/** Saves the changes (checked by checkTaxChanges, again in the transaction). */
export function saveTaxSettings(db: Db, changes: TaxChanges): TaxSettings {
  db.transaction(() => {
    checkTaxChanges(db, changes);
    writeTaxSettings(db, changes);
  })();
  return readTaxSettings(db);
}

function writeTaxSettings(db: Db, changes: TaxChanges): void {
  if (changes.invoiceNumbersRestartEachYear !== undefined) setSetting(db, KEYS.restartEachYear, changes.invoiceNumbersRestartEachYear ? 'on' : 'off');
  if (changes.gstin !== undefined) setSetting(db, KEYS.gstin, changes.gstin);
  if (changes.usSalesTaxBasisPoints !== undefined) setSetting(db, KEYS.usSalesTax, String(changes.usSalesTaxBasisPoints));
  if (changes.roundOff !== undefined) setSetting(db, KEYS.roundOff, changes.roundOff ? 'on' : 'off');
}

/** This PC's tax settings as a store keeps them: what a joining PC brings to a store that has none yet. */
export function taxSettingsForStore(db: Db): StoreTaxSettings {
  const { gstin, usSalesTaxBasisPoints, roundOff, invoiceNumbersRestartEachYear } = readTaxSettings(db);
  return { gstin: gstin ?? '', usSalesTaxBasisPoints, roundOff, invoiceNumbersRestartEachYear };
}

/** The store's tax settings into this PC's copy, as the store has them (the store checked them). */
export function cacheStoreTaxSettings(db: Db, tax: StoreTaxSettings): void {
  db.transaction(() => writeTaxSettings(db, tax))();
}
