// A tax rate is data the manager sets (per catalogue item in India, one per store in the US),
// held as whole basis points: 1800 = 18 %, 250 = 2.5 %, 25 = 0.25 %, 0 = nil or exempt.
//
// There is deliberately no list of slabs in code. India's slabs change by notification: the 56th
// GST Council meeting (3 September 2025) replaced the 5/12/18/28 % structure with 5 % and 18 % plus
// a special 40 % rate, in force from 22 September 2025 (tobacco products excepted until later)
// — see https://www.wionews.com/india-news/gst-meeting-council-gives-nod-to-two-tier-tax-structure-common-people-farmers-to-be-benefited-says-sitharaman-1756917961983
// and https://www.lawrbit.com/article/6th-gst-council-meeting-simplified-gst-compliance .
// Older and special rates (0.25 %, 3 %, 6 %, 12 %, 28 %) still appear on credit notes and in
// some trades, so any rate from 0 to 100 % with up to two decimals is accepted as data.
// Pure TypeScript: used by the renderer and the backend alike.
import type { Result } from '../result';
import { fail, ok } from '../result';

/** Basis points in 100 %. */
export const BASIS_POINTS_SCALE = 10_000;

/** A rate the manager keeps: a name the cashier recognises and its basis points. */
export interface TaxRate {
  id: string;
  /** Shown on screens and receipts, e.g. "GST 18%" or "Sales tax". */
  label: string;
  basisPoints: number;
}

/** True for a whole number of basis points from 0 to 100 %. */
export function isRateBasisPoints(basisPoints: number): boolean {
  return Number.isSafeInteger(basisPoints) && basisPoints >= 0 && basisPoints <= BASIS_POINTS_SCALE;
}

const PERCENT_SHAPE = /^(\d*)(?:\.(\d*))?\s*%?$/;

/**
 * A percentage typed by the manager ("18", "2.5", "0.25") into basis points, exactly: at most two
 * decimals, from 0 to 100. A trailing "%" is allowed. `field` names the field in the message.
 */
export function parseRatePercent(text: string, field = 'Tax rate'): Result<number> {
  const trimmed = text.trim();
  const match = PERCENT_SHAPE.exec(trimmed);
  const [, integerDigits = '', fractionDigits = ''] = match ?? [];
  if (!match || integerDigits + fractionDigits === '') {
    return fail('invalid_input', `${field}: enter a percentage with the digits 0-9, like 18 or 2.5.`, field);
  }
  if (fractionDigits.length > 2) {
    return fail('invalid_input', `${field}: use at most 2 decimal places, like 2.5 or 0.25.`, field);
  }
  const significant = integerDigits.replace(/^0+/, '');
  if (significant.length > 3) return fail('invalid_input', `${field}: the rate cannot be more than 100%.`, field);
  const value = Number(significant || '0') * 100 + Number(fractionDigits.padEnd(2, '0'));
  if (value > BASIS_POINTS_SCALE) return fail('invalid_input', `${field}: the rate cannot be more than 100%.`, field);
  return ok(value);
}

/** 1800 → "18%", 250 → "2.5%", 25 → "0.25%", 0 → "0%". */
export function formatRatePercent(basisPoints: number): string {
  if (!isRateBasisPoints(basisPoints)) throw new RangeError(`Not a rate in basis points: ${basisPoints}`);
  const digits = String(basisPoints).padStart(3, '0');
  const fraction = digits.slice(-2).replace(/0+$/, '');
  return `${digits.slice(0, -2)}${fraction === '' ? '' : `.${fraction}`}%`;
}

/**
 * The CGST (or SGST) rate printed beside an intra-state line: half the GST rate, which may need a
 * third decimal (0.25 % → "0.125%", 18 % → "9%").
 */
export function formatHalfRatePercent(basisPoints: number): string {
  if (!isRateBasisPoints(basisPoints)) throw new RangeError(`Not a rate in basis points: ${basisPoints}`);
  // Half a basis point is 0.005 %: count in thousandths of a percent.
  const digits = String(basisPoints * 5).padStart(4, '0');
  const fraction = digits.slice(-3).replace(/0+$/, '');
  return `${digits.slice(0, -3)}${fraction === '' ? '' : `.${fraction}`}%`;
}
