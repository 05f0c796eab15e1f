// GSTIN: the 15-character Goods and Services Tax Identification Number, checked offline.
// Pure TypeScript: used by the renderer and the backend alike.
//
// Shape: 2-digit state code (states.ts) · the holder's 10-character PAN (5 letters, 4 digits, a
// letter) · the entity number within the state (1-9, then A-Z) · the letter Z · a check character.
//
// The check character is Luhn's mod N algorithm with N = 36 over the alphabet 0-9A-Z (values
// 0-35), as GSTN computes it (described at https://github.com/Devil7-Softwares/GSTIN-Validator
// — "Check Digit obtained from 'luhn mod 36'", https://en.wikipedia.org/wiki/Luhn_mod_N_algorithm —
// and implemented the same way by srikanthlogic/gstin-validator, src/index.js, which ERPNext's
// India Compliance app reuses):
//   for each of the first 14 characters, left to right, multiply its value by 1, 2, 1, 2, …;
//   write each product in base 36 and add its two digits (quotient + remainder by 36);
//   the check value is (36 − sum mod 36) mod 36, written as its character.
import type { Result } from '../result';
import { fail, ok } from '../result';
import { gstStateName } from './states';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SHAPE = /^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

export interface Gstin {
  /** The 15 characters, upper case. */
  gstin: string;
  stateCode: string;
  stateName: string;
  pan: string;
}

/** The check character for the first 14 characters of a GSTIN (upper case, 0-9A-Z only). */
export function gstinCheckCharacter(first14: string): string {
  if (!/^[0-9A-Z]{14}$/.test(first14)) throw new RangeError('gstinCheckCharacter: expects 14 characters from 0-9 and A-Z');
  let sum = 0;
  for (let index = 0; index < 14; index += 1) {
    const product = ALPHABET.indexOf(first14.charAt(index)) * (index % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET.charAt((36 - (sum % 36)) % 36);
}

/**
 * A GSTIN typed by a person: spaces around it are ignored and lower case is accepted. Refused in
 * plain words when its length, shape, state code or check character is wrong. `field` names the
 * field in the message ("Customer GSTIN", "Store GSTIN").
 */
export function parseGstin(text: string, field = 'GSTIN'): Result<Gstin> {
  const gstin = text.trim().toUpperCase();
  if (gstin === '') return fail('invalid_input', `${field}: enter the 15-character GSTIN.`, field);
  if (gstin.length !== 15) {
    return fail('invalid_input', `${field}: a GSTIN has exactly 15 characters; this one has ${gstin.length}.`, field);
  }
  if (!SHAPE.test(gstin)) {
    return fail(
      'invalid_input',
      `${field}: a GSTIN is a 2-digit state code, a 10-character PAN, an entity number, the letter Z and a check character, like 27AAPFU0939F1ZV.`,
      field,
    );
  }
  const stateCode = gstin.slice(0, 2);
  const stateName = gstStateName(stateCode);
  if (stateName === undefined) {
    return fail('invalid_input', `${field}: ${stateCode} is not a GST state code.`, field);
  }
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin.charAt(14)) {
    return fail('invalid_input', `${field}: the last character does not match the rest (the check failed): please check for a typing mistake.`, field);
  }
  return ok({ gstin, stateCode, stateName, pan: gstin.slice(2, 12) });
}

/** A B2B customer as printed on the invoice: the GSTIN (checked) and the registered name. */
export interface B2bCustomer {
  gstin: Gstin;
  name: string;
}

/** The longest customer name kept: the buyer's legal name in the e-invoice schema (FORM GST INV-01, Billing_Name) is a string of at most 100 characters. */
export const MAX_CUSTOMER_NAME_LENGTH = 100;

/** A B2B customer the cashier typed in: both the GSTIN and the name are needed. */
export function parseB2bCustomer(gstinText: string, nameText: string): Result<B2bCustomer> {
  const gstin = parseGstin(gstinText, 'Customer GSTIN');
  if (!gstin.ok) return gstin;
  const name = nameText.trim().replace(/\s+/g, ' ');
  if (name === '') return fail('invalid_input', "Customer name: enter the customer's name as registered for GST.", 'Customer name');
  if (name.length > MAX_CUSTOMER_NAME_LENGTH) {
    return fail('invalid_input', `Customer name: use at most ${MAX_CUSTOMER_NAME_LENGTH} characters.`, 'Customer name');
  }
  return ok({ gstin: gstin.value, name });
}
