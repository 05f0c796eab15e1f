// Money as integer minor units (paise, cents). Amounts are parsed from and formatted to decimal
// strings with string operations only, so no value ever passes through floating-point arithmetic.
// Pure TypeScript: used by the renderer and the backend alike.
import type { Currency } from './vocabulary';

/**
 * The largest amount the app accepts: ₹1 crore (or $10 million) in minor units. Far above any sale
 * at a counter and far below Number.MAX_SAFE_INTEGER, so sums of a few amounts stay exact.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

export type AmountProblem =
  | 'empty'
  | 'not_a_number'
  | 'exponent'
  | 'sign'
  | 'negative'
  | 'too_many_decimals'
  | 'too_large'
  | 'invalid_quantity';

export type AmountResult =
  | { ok: true; value: number }
  | { ok: false; problem: AmountProblem; message: string };

/** A plain decimal such as "100.50": what Intl.NumberFormat and Number() accept without loss. */
export type DecimalString = `${number}`;

const MAX_AMOUNT_TEXT = formatMinor(MAX_AMOUNT_MINOR);

const PROBLEM_MESSAGES: Record<AmountProblem, string> = {
  empty: 'Enter an amount.',
  not_a_number: 'Enter the amount with the digits 0-9 and at most one decimal point, like 100.50.',
  exponent: 'Write the amount out in full, like 1000000: exponent notation such as 1e6 is not accepted.',
  sign: 'Enter the amount without a + sign.',
  negative: 'The amount cannot be negative.',
  too_many_decimals: 'Use at most 2 decimal places (paise or cents), like 100.50.',
  too_large: `The amount cannot be more than ${MAX_AMOUNT_TEXT}.`,
  invalid_quantity: 'The quantity must be a whole number of at least 1.',
};

/**
 * Where the currency is known (every screen knows it), the limit is said as money, ₹1,00,00,000.00
 * or $10,000,000.00; a backend check that does not know it says the plain decimal.
 */
function refuse(problem: AmountProblem, currency?: Currency): AmountResult {
  const message = problem === 'too_large' && currency ? `The amount cannot be more than ${formatMoney(MAX_AMOUNT_MINOR, currency)}.` : PROBLEM_MESSAGES[problem];
  return { ok: false, problem, message };
}

function accept(value: number, currency?: Currency): AmountResult {
  return value > MAX_AMOUNT_MINOR ? refuse('too_large', currency) : { ok: true, value };
}

// \d matches only the ASCII digits 0-9 in JavaScript, so other scripts' digits are refused.
const DECIMAL_SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const EXPONENT_SHAPE = /^[+-]?(?:\d+\.?\d*|\.\d+)e[+-]?\d+$/i;
// More integer digits than this can never be within the maximum, however many leading zeros.
const MAX_INTEGER_DIGITS = String(MAX_AMOUNT_MINOR / 100).length;

/**
 * Parses a decimal amount typed by a person ("100.50", "100.5", "100", ".5", "5.") into minor units,
 * exactly. Surrounding whitespace is ignored; zero is accepted (a charge additionally needs > 0).
 */
export function parseAmount(text: string, currency?: Currency): AmountResult {
  const trimmed = text.trim();
  if (trimmed === '') return refuse('empty');
  if (EXPONENT_SHAPE.test(trimmed)) return refuse('exponent');

  const match = DECIMAL_SHAPE.exec(trimmed);
  const [, sign = '', integerDigits = '', fractionDigits = ''] = match ?? [];
  if (!match || integerDigits + fractionDigits === '') return refuse('not_a_number');
  if (sign === '-') return refuse('negative');
  if (sign === '+') return refuse('sign');
  if (fractionDigits.length > 2) return refuse('too_many_decimals');

  const significantInteger = integerDigits.replace(/^0+/, '');
  if (significantInteger.length > MAX_INTEGER_DIGITS) return refuse('too_large', currency);
  // Both parts are small whole numbers here, so this is exact integer arithmetic.
  return accept(Number(significantInteger || '0') * 100 + Number(fractionDigits.padEnd(2, '0')), currency);
}

/**
 * Zoho's `amount` in an answer, into minor units, exactly: the documented string ("1234.50") or a
 * JSON number (1234.5). A number is read from its shortest decimal text (String(), which gives back
 * the literal JSON held for anything up to 15 significant digits), never by multiplying a float.
 * Zeros past the second decimal place change nothing and are accepted ("1234.500"); any other third
 * decimal, an exponent, a sign or a non-number is refused.
 */
export function parseZohoAmount(value: string | number): AmountResult {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'NaN') : value;
  return parseAmount(text.replace(/^(\s*[+-]?\d*\.\d{2})0+(\s*)$/, '$1$2'));
}

/** True for a whole, non-negative number of minor units no larger than MAX_AMOUNT_MINOR. */
export function isMinorAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT_MINOR;
}

function assertMinorAmount(value: number): void {
  if (!isMinorAmount(value)) {
    throw new RangeError(`Not an amount in minor units (a whole number from 0 to ${MAX_AMOUNT_MINOR}): ${value}`);
  }
}

/** 10050 → "100.50", 5 → "0.05". Negative amounts keep their sign. */
export function formatMinor(minor: number): DecimalString {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not a whole number of minor units: ${minor}`);
  const digits = String(Math.abs(minor)).padStart(3, '0');
  const sign = minor < 0 ? '-' : '';
  // A string of digits with one point is a `${number}`; the compiler cannot see that through slice().
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}` as DecimalString;
}

/**
 * The `amount` number for Zoho's create request: 10050 → 100.5, 10000 → 100. Number() of the
 * exact decimal text gives the double nearest to it, which JSON prints back as that same short
 * decimal for anything up to 15 significant digits (the maximum has 10), so the wire value is exact.
 */
export function toRequestAmount(minor: number): number {
  assertMinorAmount(minor);
  return Number(formatMinor(minor));
}

const DISPLAY_LOCALES: Record<Currency, string> = { INR: 'en-IN', USD: 'en-US' };
const displayFormats = new Map<Currency, Intl.NumberFormat>();

function displayFormat(currency: Currency): Intl.NumberFormat {
  let format = displayFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(DISPLAY_LOCALES[currency], { style: 'currency', currency });
    displayFormats.set(currency, format);
  }
  return format;
}

/** 123456 INR → "₹1,234.56"; 12345678 INR → "₹1,23,456.78" (Indian grouping); 123450 USD → "$1,234.50". */
export function formatMoney(minor: number, currency: Currency): string {
  // Intl formats the decimal string itself, so no float is ever made of the amount.
  return displayFormat(currency).format(formatMinor(minor));
}

/** Adds amounts exactly; refuses a total above the maximum. */
export function sumMinor(amounts: readonly number[], currency?: Currency): AmountResult {
  let total = 0;
  for (const amount of amounts) {
    assertMinorAmount(amount);
    total += amount;
    if (total > MAX_AMOUNT_MINOR) return refuse('too_large', currency);
  }
  return accept(total, currency);
}

/** The price of `quantity` units at `unitMinor` each; the quantity is typically typed by a person. */
export function multiplyMinor(unitMinor: number, quantity: number, currency?: Currency): AmountResult {
  assertMinorAmount(unitMinor);
  if (!Number.isSafeInteger(quantity) || quantity < 1) return refuse('invalid_quantity');
  const product = unitMinor * quantity;
  // A product past 2^53 is inexact but still far above the maximum, so the check below holds.
  if (!Number.isSafeInteger(product)) return refuse('too_large', currency);
  return accept(product, currency);
}
