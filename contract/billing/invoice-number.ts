// Invoice numbers: one series (a prefix, an optional restart each financial year, a counter) gives
// the next number. Rule 46(b) of the CGST Rules, 2017: "a consecutive serial number not exceeding
// sixteen characters, in one or multiple series, containing alphabets or numerals or special
// characters hyphen or dash and slash ... and any combination thereof, unique for a financial
// year" (https://www.gstzen.in/a/tax-invoice-cgst-rule-46.html); India's financial year starts on
// 1 April. Pure: the caller (the db layer) stores the series' position and issues the number in
// the same transaction that saves the invoice, so numbers stay unique and consecutive.
//   prefix "A", restarting, 6 digits, 2026-12-07, after 122 → "A/2026-27/000123" (16 characters)
//   prefix "CTR2", not restarting, 8 digits, after 41      → "CTR2/00000042"
import type { Result } from '../result';
import { fail, ok } from '../result';

/** Rule 46(b)'s limit on an invoice number's length. */
export const MAX_INVOICE_NUMBER_LENGTH = 16;
const FINANCIAL_YEAR_LABEL_LENGTH = 'YYYY-YY'.length;

export interface InvoiceSeries {
  /** Letters, digits, "-" and "/"; may be empty. */
  prefix: string;
  /** Start again at 1 on 1 April, with the financial year ("2026-27") in the number. */
  restartsEachFinancialYear: boolean;
  /** The counter's width, zero-padded: 6 gives 000123. */
  digits: number;
}

/** Where a series stands, as the db stores it. Before the first invoice: { financialYearStart: null, lastCounter: 0 }. */
export interface SeriesPosition {
  /** The financial year (its starting calendar year) of the last number; null for a series that does not restart. */
  financialYearStart: number | null;
  lastCounter: number;
}

export interface IssuedNumber {
  invoiceNumber: string;
  /** The series' new position, to store with the invoice. */
  position: SeriesPosition;
}

const PREFIX_SHAPE = /^[A-Za-z0-9/-]*$/;

/** The longest prefix a series can have with these settings (a "/" follows a non-empty prefix). */
export function maxPrefixLength(restartsEachFinancialYear: boolean, digits: number): number {
  const rest = digits + (restartsEachFinancialYear ? FINANCIAL_YEAR_LABEL_LENGTH + 1 : 0);
  return MAX_INVOICE_NUMBER_LENGTH - rest - 1;
}

/** A series the manager set up, or why it cannot give numbers of at most 16 characters. */
export function validateSeries(series: InvoiceSeries): Result<InvoiceSeries> {
  const { prefix, restartsEachFinancialYear, digits } = series;
  const maxDigits = MAX_INVOICE_NUMBER_LENGTH - (restartsEachFinancialYear ? FINANCIAL_YEAR_LABEL_LENGTH + 1 : 0);
  if (!Number.isSafeInteger(digits) || digits < 1 || digits > maxDigits) {
    return fail('invalid_input', `Invoice number digits: choose from 1 to ${maxDigits} digits for the counter.`, 'digits');
  }
  if (!PREFIX_SHAPE.test(prefix)) {
    return fail('invalid_input', 'Invoice number prefix: use only letters, digits, "-" and "/".', 'prefix');
  }
  const longest = maxPrefixLength(restartsEachFinancialYear, digits);
  if (prefix !== '' && prefix.length > longest) {
    return fail(
      'invalid_input',
      `Invoice number prefix: invoice numbers may have at most ${MAX_INVOICE_NUMBER_LENGTH} characters, so with ${digits} digits${
        restartsEachFinancialYear ? ' and the financial year' : ''
      } the prefix can have at most ${characters(Math.max(longest, 0))}.`,
      'prefix',
    );
  }
  return ok(series);
}

function characters(count: number): string {
  return count === 1 ? '1 character' : `${count} characters`;
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The financial year (1 April to 31 March) a calendar date "YYYY-MM-DD" falls in, as its starting year. */
export function financialYearStart(date: string): Result<number> {
  const match = DATE_SHAPE.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    return fail('invalid_input', 'Invoice date: enter a calendar date as YYYY-MM-DD.', 'date');
  }
  return ok(month >= 4 ? year : year - 1);
}

/** 2026 → "2026-27"; 2099 → "2099-00". */
export function financialYearLabel(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The number for a counter, without checks (validateSeries first). */
export function formatInvoiceNumber(series: InvoiceSeries, financialYear: number | null, counter: number): string {
  const parts = [series.prefix];
  if (series.restartsEachFinancialYear && financialYear !== null) parts.push(financialYearLabel(financialYear));
  parts.push(String(counter).padStart(series.digits, '0'));
  return parts.filter((part) => part !== '').join('/');
}

/**
 * The next number of a series for an invoice dated `date` ("YYYY-MM-DD", the store's local
 * date). A restarting series starts again at 1 in a new financial year; a date in an earlier
 * financial year than the series' last number is refused, and so is a counter past the digits.
 */
export function nextInvoiceNumber(series: InvoiceSeries, position: SeriesPosition, date: string): Result<IssuedNumber> {
  const valid = validateSeries(series);
  if (!valid.ok) return valid;
  if (!Number.isSafeInteger(position.lastCounter) || position.lastCounter < 0) {
    throw new RangeError(`nextInvoiceNumber: bad stored counter ${position.lastCounter}`);
  }
  let financialYear: number | null = null;
  let counter = position.lastCounter + 1;
  if (series.restartsEachFinancialYear) {
    const year = financialYearStart(date);
    if (!year.ok) return year;
    financialYear = year.value;
    if (position.financialYearStart !== null && financialYear < position.financialYearStart) {
      return fail(
        'invalid_input',
        `Invoice date: ${date} is in financial year ${financialYearLabel(financialYear)}, before this series' last invoice (${financialYearLabel(
          position.financialYearStart,
        )}); check the computer's date.`,
        'date',
      );
    }
    if (position.financialYearStart !== financialYear) counter = 1;
  }
  if (String(counter).length > series.digits) {
    return fail(
      'invalid_input',
      `Invoice number: this series has used all its ${series.digits}-digit numbers; the manager must start a new series.`,
      'series',
    );
  }
  return ok({
    invoiceNumber: formatInvoiceNumber(series, financialYear, counter),
    position: { financialYearStart: financialYear, lastCounter: counter },
  });
}

/** A counter's invoice numbers are its prefix and a sequence of this many digits: "A-000001". */
export const COUNTER_SEQUENCE_DIGITS = 6;
/** "26-27/": the financial year in a counter's number when its series restarts each 1 April. */
const SHORT_YEAR_LENGTH = 'YY-YY/'.length;
/** The longest counter prefix whose restarting numbers stay within 16 characters: "CA-26-27/000123". */
export const MAX_RESTARTING_PREFIX_LENGTH = MAX_INVOICE_NUMBER_LENGTH - SHORT_YEAR_LENGTH - COUNTER_SEQUENCE_DIGITS;

/**
 * What a counter's numbers start with: its prefix, and for a series that restarts each financial
 * year (`financialYear` given, its starting year) the year in short: "CA-" and 2026 → "CA-26-27/".
 */
export function counterSeriesPrefix(prefix: string, financialYear: number | null): string {
  return financialYear === null ? prefix : `${prefix}${financialYearLabel(financialYear).slice(2)}/`;
}
