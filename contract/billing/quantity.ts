// Quantities as whole numbers of thousandths: 0.750 kg is 750, 2 pieces are 2000. Parsed from and
// formatted to decimal text with string operations only, like money (../money.ts).
// Three decimals is what GST's e-invoice schema allows for an item's quantity (FORM GST INV-01,
// Quantity: Number (Max length: 10,3), Notification 60/2020-Central Tax, e.g. as printed at
// https://old.centaxonline.com/wp-content/flipbooks/GSTL/GSTL_Vol%2039_Part%201_6th%20August%202020/files/basic-html/page67.html).
// Pure TypeScript: used by the renderer and the backend alike.
import type { Result } from '../result';
import { fail, ok } from '../result';

/** Thousandths in one unit. */
export const QUANTITY_SCALE = 1000;
/** The largest quantity on one line: 99,999.999 units (kg, litres, pieces). */
export const MAX_QUANTITY_THOUSANDTHS = 99_999_999;

const SHAPE = /^(\d*)(?:\.(\d*))?$/;

/**
 * Parses a quantity typed by a person ("0.750", "0.75", "2", ".5") into thousandths, exactly.
 * Surrounding whitespace is ignored. A line's quantity must be more than zero. `field` names the
 * field in the message a cashier sees ("Quantity", "Weight").
 */
export function parseQuantity(text: string, field = 'Quantity'): Result<number> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('invalid_input', `${field}: enter a quantity, like 2 or 0.750.`, field);
  const match = SHAPE.exec(trimmed);
  const [, integerDigits = '', fractionDigits = ''] = match ?? [];
  if (!match || integerDigits + fractionDigits === '') {
    return fail('invalid_input', `${field}: use the digits 0-9 and at most one decimal point, like 2 or 0.750.`, field);
  }
  if (fractionDigits.length > 3) {
    return fail('invalid_input', `${field}: use at most 3 decimal places (grams for kilograms), like 0.750.`, field);
  }
  const significant = integerDigits.replace(/^0+/, '');
  const maxText = formatQuantity(MAX_QUANTITY_THOUSANDTHS);
  if (significant.length > String(Math.floor(MAX_QUANTITY_THOUSANDTHS / QUANTITY_SCALE)).length) {
    return fail('invalid_input', `${field}: the quantity cannot be more than ${maxText}.`, field);
  }
  const value = Number(significant || '0') * QUANTITY_SCALE + Number(fractionDigits.padEnd(3, '0'));
  if (value > MAX_QUANTITY_THOUSANDTHS) {
    return fail('invalid_input', `${field}: the quantity cannot be more than ${maxText}.`, field);
  }
  if (value === 0) return fail('invalid_input', `${field}: the quantity must be more than 0.`, field);
  return ok(value);
}

/** True for a whole number of thousandths from 1 to MAX_QUANTITY_THOUSANDTHS. */
export function isQuantity(thousandths: number): boolean {
  return Number.isSafeInteger(thousandths) && thousandths >= 1 && thousandths <= MAX_QUANTITY_THOUSANDTHS;
}

/** 2000 → "2", 750 → "0.750", 1500 → "1.500": whole quantities plainly, others with all 3 decimals. */
export function formatQuantity(thousandths: number): string {
  if (!Number.isSafeInteger(thousandths) || thousandths < 0) {
    throw new RangeError(`Not a quantity in thousandths: ${thousandths}`);
  }
  const digits = String(thousandths).padStart(4, '0');
  const whole = digits.slice(0, -3);
  const fraction = digits.slice(-3);
  return fraction === '000' ? whole : `${whole}.${fraction}`;
}
