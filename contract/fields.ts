// Field rules for every input the backend accepts. Each message names the rule in plain words;
// the field itself is named by the path reported alongside.
import { z } from 'zod';
import { EDITIONS, INTEGRATION_SCOPES, PAYMENT_METHODS, REFUND_REASONS } from './vocabulary';
import { MAX_AMOUNT_MINOR } from './money';
import { BACKUP_KEEP_DAYS, MANAGER_PIN_DIGITS, POLL_INTERVAL_SECONDS } from './rules';
import { DAY_LOG_MAX_ROWS } from './answers';

// eslint-disable-next-line no-control-regex -- the point is to refuse control characters
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

/** The type error for a field: "required" when it is missing, else what it must be. */
export function typeError(label: string, kind: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `${label} is required` : `${label} must be ${kind}`);
}

export function text(label: string, min: number, max: number) {
  return z
    .string({ error: typeError(label, 'text') })
    .trim()
    .min(min, min === 1 ? `${label} is required` : `${label} must be at least ${min} characters`)
    .max(max, `${label} must be at most ${max} characters`)
    .regex(NO_CONTROL_CHARS, `${label} must not contain control characters`);
}

/** Text as a person typed it (kept untrimmed, maybe not yet valid: a bill being built), up to `max` characters. */
export function typedText(label: string, max: number) {
  return z
    .string({ error: typeError(label, 'text') })
    .max(max, `${label} must be at most ${max} characters`)
    .regex(NO_CONTROL_CHARS, `${label} must not contain control characters`);
}

export const recordId = z
  .string({ error: typeError('Id', 'text') })
  .min(1, 'Id is required')
  .max(64, 'Id must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'Id may only use letters, digits, - and _');

export const terminalId = text('Terminal ID', 1, 32).regex(
  /^[A-Za-z0-9_-]+$/,
  'Terminal ID may only use letters, digits, - and _ (as printed on the terminal)',
);

export const counterName = text('Counter name', 1, 40);

export const invoicePrefix = z
  .string({ error: typeError('Invoice prefix', 'text') })
  .trim()
  .max(10, 'Invoice prefix must be at most 10 characters')
  .regex(/^[A-Za-z0-9/-]*$/, 'Invoice prefix may only use letters, digits, - and /');

export const invoiceNumber = text('Invoice number', 1, 50).regex(
  /^[A-Za-z0-9/_.#-]+$/,
  'Invoice number may only use letters, digits and - / _ . #',
);

/** An amount of money in minor units, more than zero, named `label` in every message. */
export function minorAmountField(label: string) {
  return z
    .number({ error: typeError(label, 'a number of paise/cents') })
    .int(`${label} must be a whole number of paise/cents`)
    .min(1, `${label} must be more than zero`)
    .max(MAX_AMOUNT_MINOR, `${label} must be at most ${MAX_AMOUNT_MINOR} paise/cents`);
}

/** An amount of cash in minor units, zero or more (an empty drawer is a count too), named `label`. */
export function cashCountField(label: string) {
  return z
    .number({ error: typeError(label, 'a number of paise/cents') })
    .int(`${label} must be a whole number of paise/cents`)
    .min(0, `${label} must not be negative`)
    .max(MAX_AMOUNT_MINOR, `${label} must be at most ${MAX_AMOUNT_MINOR} paise/cents`);
}

export const minorAmount = minorAmountField('Amount');
export const refundAmount = minorAmountField('Refund amount');
export const tenderedAmount = minorAmountField('Amount tendered');
export const cashPartAmount = minorAmountField('Cash part');
export const cardPartAmount = minorAmountField('Card or UPI part');

export const refundReason = z.enum(REFUND_REASONS, { error: `Reason must be one of ${REFUND_REASONS.join(', ')}` });
export const refundNote = text('Note', 1, 200);

/** Made by the screen once per refund form, so a second press of the same form makes no second refund. */
export const requestKey = z
  .string({ error: typeError('Request key', 'text') })
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'Request key must be 8 to 64 letters, digits or -');

export const closedBy = text('Your name', 1, 60);
export const cashierName = text('Cashier name', 1, 40);
export const floatAmount = cashCountField('Opening float');
export const countedCash = cashCountField('Counted cash');
export const cashMovementKind = z.enum(['in', 'out'], { error: typeError('Direction', 'in (cash put in) or out (cash taken out)') });
export const cashMovementReason = text('Reason', 1, 200);
export const storeName = text('Store name', 1, 80);
/** Up to four lines of address; line breaks are the only control characters allowed. */
export const storeAddress = z
  .string({ error: typeError('Store address', 'text') })
  .trim()
  .max(300, 'Store address must be at most 300 characters')
  // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
  .regex(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, 'Store address must not contain control characters')
  .refine((value) => value.split('\n').length <= 4, 'Store address must be at most 4 lines');

export const invoiceLine = z.strictObject({
  description: text('Item description', 1, 200),
  quantity: z
    .number({ error: typeError('Quantity', 'a number') })
    .int('Quantity must be a whole number')
    .min(1, 'Quantity must be at least 1')
    .max(9999, 'Quantity must be at most 9999'),
  unitPriceMinor: minorAmount,
});

export const paymentMethod = z.enum(PAYMENT_METHODS, { error: 'Payment method must be card or upi' });

export const edition = z.enum(EDITIONS, { error: 'Edition must be in, in_sandbox or us' });

export const isoDate = z
  .string({ error: typeError('Date', 'text') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date must look like 2026-11-22')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(0);
    date.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, keeps years 0–99 as written
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'Date must be a real calendar date');

export const managerPin = z
  .string({ error: typeError('PIN', 'text') })
  .regex(
    new RegExp(`^\\d{${MANAGER_PIN_DIGITS.min},${MANAGER_PIN_DIGITS.max}}$`),
    `PIN must be ${MANAGER_PIN_DIGITS.min} to ${MANAGER_PIN_DIGITS.max} digits`,
  );

export const managerToken = z
  .string({ error: 'Manager unlock is required' })
  .min(1, 'Manager unlock is required')
  .max(128, 'Manager unlock is not valid');

export const accountId = text('Account ID', 1, 20).regex(/^\d+$/, 'Account ID must be digits only');
export const clientId = text('Client ID', 1, 100).regex(
  /^[A-Za-z0-9._-]+$/,
  'Client ID may only use letters, digits and . _ -',
);
export const clientSecret = text('Client secret', 1, 200).regex(/^\S+$/, 'Client secret must not contain spaces');
export const grantCode = text('Code', 1, 500).regex(/^\S+$/, 'Code must not contain spaces');

export const pollIntervalSeconds = z
  .number({ error: typeError('Poll interval', 'a number of seconds') })
  .int('Poll interval must be a whole number of seconds')
  .min(POLL_INTERVAL_SECONDS.min, `Poll interval must be at least ${POLL_INTERVAL_SECONDS.min} seconds`)
  .max(POLL_INTERVAL_SECONDS.max, `Poll interval must be at most ${POLL_INTERVAL_SECONDS.max} seconds`);

export const backupKeepDays = z
  .number({ error: typeError('Days of backups to keep', 'a number of days') })
  .int('Days of backups to keep must be a whole number')
  .min(BACKUP_KEEP_DAYS.min, `Keep backups of at least ${BACKUP_KEEP_DAYS.min} day`)
  .max(BACKUP_KEEP_DAYS.max, `Keep backups of at most ${BACKUP_KEEP_DAYS.max} days`);

export const reviewNote = text('Note', 1, 200);

export const logRows = z
  .number({ error: typeError('Rows', 'a number') })
  .int('Rows must be a whole number')
  .min(1, 'Rows must be at least 1')
  .max(DAY_LOG_MAX_ROWS, `Rows must be at most ${DAY_LOG_MAX_ROWS}`);

/** The number of an entry of the store link's set-aside alert (its row on this PC). */
export const SET_ASIDE_ENTRY_MAX = 1_000_000_000_000;
export const setAsideEntry = z
  .number({ error: typeError('Entry', 'a number') })
  .int('Entry must be a whole number')
  .min(1, 'Entry must be at least 1')
  .max(SET_ASIDE_ENTRY_MAX, `Entry must be at most ${SET_ASIDE_ENTRY_MAX}`);

export const invoiceSearch = z
  .string({ error: typeError('Search', 'text') })
  .trim()
  .max(50, 'Search must be at most 50 characters');

/** A PostgreSQL address: postgres://user:password@host:5432/database (the password stays on this PC). */
export const storeUrl = z
  .string({ error: typeError('Store address', 'text') })
  .trim()
  .min(1, 'Store address is required')
  .max(500, 'Store address must be at most 500 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
    } catch {
      return false;
    }
  }, 'Store address must look like postgres://user:password@host:5432/database');

export const stationName = text('PC name', 1, 40);

/** The file holding the CA certificate that signed the store server's (as --store-ca): a full path. */
export const caFile = text('CA file', 1, 1000).refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value), 'CA file must be a full path (/… or C:\\…)');

/** The program a key is for, as the cashier will see it ("Tally", "Vyapar at the back office"). */
export const programName = text('Program name', 1, 40);

export const integrationScopes = z
  .array(z.enum(INTEGRATION_SCOPES, { error: `Scope must be one of ${INTEGRATION_SCOPES.join(', ')}` }), { error: 'Scopes must be a list' })
  .min(1, 'Choose at least one scope')
  .refine((scopes) => new Set(scopes).size === scopes.length, 'Scopes must not repeat');

export const integrationCounterIds = z
  .array(recordId, { error: 'Counters must be a list' })
  .min(1, 'Choose at least one counter')
  .max(100, 'At most 100 counters')
  .refine((ids) => new Set(ids).size === ids.length, 'Counters must not repeat');
