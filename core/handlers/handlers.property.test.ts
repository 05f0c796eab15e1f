// Property-based: over every call's input (amounts, invoice numbers, names, terminal IDs, unicode,
// huge strings, wrong types), a bad input is refused with invalid_input, a message and the field it
// broke, and the database is unchanged; a valid input is never refused as invalid.
// Runs against a live backend (real SQLite file, simulator over HTTP) through the same `call` every
// transport uses. Examples with hand-picked values: handlers.validation.test.ts.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_STATES, EDITIONS, INTEGRATION_SCOPES, REFUND_REASONS } from '../../contract/vocabulary';
import { HANDLER_NAMES, inputSchemas, type HandlerName } from '../../contract/handlers';
import { MAX_AMOUNT_MINOR } from '../../contract/money';
import { DAY_LOG_MAX_ROWS } from '../../contract/answers';
import { SET_ASIDE_ENTRY_MAX } from '../../contract/fields';
import { gstinCheckCharacter } from '../../contract/billing/gstin';
import { BASIS_POINTS_SCALE } from '../../contract/billing/rates';
import { MAX_QUANTITY_THOUSANDTHS } from '../../contract/billing/quantity';
import { GST_STATES } from '../../contract/billing/states';
import { UNITS, UNIT_FACTS, type Unit } from '../../contract/catalogue/units';
import { openFingerprintReader, type FingerprintReader } from '../../testkit/fingerprint';
import { Rig } from '../../testkit/rig';

let rig: Rig;
let fingerprint: FingerprintReader;
const RIG_PIN = '2468';

beforeAll(async () => {
  rig = await Rig.start({ counters: 2 });
  fingerprint = openFingerprintReader(join(rig.dataDir, 'counter.db'));
});
afterAll(async () => {
  fingerprint.close();
  await rig.close();
});

// ---------------------------------------------------------------------------------------------
// Values

/** Any of U+0000–U+001F or U+007F: what the text fields refuse. */
function hasControl(text: string): boolean {
  return [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
}
const CONTROL_CHARS = fc.constantFrom('\u0000', '\u0001', '\u0007', '\u001b', '\u001f', '\u007f', '\n', '\t');
const WRONG_TYPES: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.bigInt(),
);
const WRONG_TYPES_BUT_STRING = WRONG_TYPES;
const WRONG_TYPES_BUT_NUMBER: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.bigInt(),
);
/** Unicode text of any script, emoji and combining marks included. */
const UNICODE = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
/** Up to 200,000 characters: far over every limit. */
const HUGE = fc.tuple(fc.integer({ min: 1_000, max: 200_000 }), fc.constantFrom('x', '9', 'é', '😀', ' a')).map(([n, c]) => c.repeat(n));
const BLANK = fc.constantFrom('', ' ', '   ', '\u00a0', '\u3000', ' \u2003 ');

function surroundedByBlanks(core: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom('', '', '', ' ', '  '), core, fc.constantFrom('', '', '', ' ')).map(([a, b, c]) => a + b + c);
}

/** `valid` with `intruder` put inside it (not at an end, where trimming could remove it). */
function withInside(valid: fc.Arbitrary<string>, intruder: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(valid, intruder, valid).map(([a, x, b]) => `${a}${x}${b}`);
}

interface FieldKind {
  valid: fc.Arbitrary<unknown>;
  invalid: fc.Arbitrary<unknown>;
  /** For a list whose items have fields: each invalid value with the path it breaks (lines.2.quantity); else the field's name. */
  broken?: fc.Arbitrary<{ value: unknown; path: string }>;
}

/** Plain text of `min`–`max` characters after trimming, with `core` the allowed characters. */
function textKind(core: fc.Arbitrary<string>, max: number, notAllowed: fc.Arbitrary<string>, allowEmpty = false): FieldKind {
  const valid = surroundedByBlanks(core);
  const nonEmptyCore = core.filter((s) => s.trim() !== '');
  return {
    valid,
    invalid: fc.oneof(
      WRONG_TYPES_BUT_STRING,
      ...(allowEmpty ? [] : [BLANK]),
      fc.integer({ min: 1, max: 500 }).map((extra) => 'a1'.repeat(Math.ceil((max + extra) / 2)).slice(0, max + extra)),
      HUGE,
      withInside(nonEmptyCore, CONTROL_CHARS),
      withInside(nonEmptyCore, notAllowed),
    ),
  };
}

function wholeNumberKind(min: number, max: number): FieldKind {
  return {
    valid: fc.integer({ min, max }),
    invalid: fc.oneof(
      WRONG_TYPES_BUT_NUMBER,
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: min - 1 }),
      fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.double({ min, max, noInteger: true, noNaN: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, min - 0.5, max + 0.5, 1e300),
    ),
  };
}

function enumKind(values: readonly string[]): FieldKind {
  return {
    valid: fc.constantFrom(...values),
    invalid: fc.oneof(
      WRONG_TYPES_BUT_STRING,
      fc.string({ maxLength: 20 }).filter((s) => !values.includes(s)),
      fc.constantFrom(...values).map((v) => v.toUpperCase()).filter((s) => !values.includes(s)),
      fc.constantFrom(...values).map((v) => ` ${v}`),
      UNICODE.filter((s) => !values.includes(s)),
    ),
  };
}

const NOT_ID_CHARS = fc.constantFrom(' ', '/', '.', 'é', '😀', '"', "'", ';', '\\', '%', 'ß', 'Ⅸ', '٣');
const ID_CORE = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);

const recordId: FieldKind = {
  valid: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  invalid: fc.oneof(
    WRONG_TYPES_BUT_STRING,
    fc.constant(''),
    fc.stringMatching(/^[A-Za-z0-9_-]{65,100}$/),
    HUGE,
    withInside(ID_CORE, NOT_ID_CHARS),
    fc.constantFrom('../etc/passwd', "x' OR '1'='1", ' abc', 'abc '),
  ),
};

const pin: FieldKind = {
  valid: fc.stringMatching(/^\d{4,8}$/),
  invalid: fc.oneof(
    WRONG_TYPES_BUT_STRING,
    fc.stringMatching(/^\d{0,3}$/),
    fc.stringMatching(/^\d{9,20}$/),
    withInside(fc.stringMatching(/^\d{2,3}$/), fc.constantFrom('a', ' ', '٣', '３', '-', '.')),
    fc.integer({ min: 1000, max: 99_999_999 }),
  ),
};

const managerToken: FieldKind = {
  valid: fc.string({ minLength: 1, maxLength: 128 }),
  invalid: fc.oneof(WRONG_TYPES_BUT_STRING, fc.constant(''), fc.string({ minLength: 129, maxLength: 400 }), HUGE),
};

/** A day that exists, written 2026-11-22 (years 0000–9999). */
const isoDate: FieldKind = {
  valid: fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
  invalid: fc.oneof(
    WRONG_TYPES_BUT_STRING,
    fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '2025-02-29', '2026-04-31', '22/11/2026', '2026-1-5', '2026-11-22T00:00', ' 2026-11-22', ''),
    fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000).toISOString()),
    UNICODE,
  ),
};

const lineDescription = textKind(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && s.trim().length <= 200 && !hasControl(s)),
  200,
  fc.constant('\u0000'),
);
/** Kept small enough that no invoice total can pass the largest amount: such totals are their own property below. */
const line = fc.record({
  description: lineDescription.valid,
  quantity: fc.integer({ min: 1, max: 99 }),
  unitPriceMinor: fc.integer({ min: 1, max: 100_000 }),
});
const unitPrice = wholeNumberKind(1, MAX_AMOUNT_MINOR);
const quantity = wholeNumberKind(1, 9999);

/** One broken line among valid ones; `path` is where within `lines` it is broken. */
const badLines: fc.Arbitrary<{ value: unknown; path: string }> = fc.oneof(
  WRONG_TYPES.filter((v) => !Array.isArray(v)).map((value) => ({ value, path: 'lines' })),
  fc.constant({ value: [], path: 'lines' }),
  fc.array(line, { minLength: 201, maxLength: 230 }).map((value) => ({ value, path: 'lines' })),
  fc
    .tuple(fc.array(line, { maxLength: 4 }), fc.constantFrom('description', 'quantity', 'unitPriceMinor', 'whole'), line)
    .chain(([before, key, good]) => {
      const broken: fc.Arbitrary<unknown> =
        key === 'description'
          ? lineDescription.invalid.map((d) => ({ ...good, description: d }))
          : key === 'quantity'
            ? quantity.invalid.map((q) => ({ ...good, quantity: q }))
            : key === 'unitPriceMinor'
              ? unitPrice.invalid.map((p) => ({ ...good, unitPriceMinor: p }))
              : WRONG_TYPES.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));
      return broken.map((b) => ({
        value: [...before, b],
        path: key === 'whole' ? `lines.${before.length}` : `lines.${before.length}.${key}`,
      }));
    }),
  fc.tuple(fc.array(line, { maxLength: 3 }), line, fc.constantFrom('quantity', 'unitPriceMinor', 'description')).map(([before, good, key]) => {
    const { [key]: _dropped, ...rest } = good;
    return { value: [...before, rest], path: `lines.${before.length}.${key}` };
  }),
);

const yesNo: FieldKind = { valid: fc.boolean(), invalid: fc.oneof(fc.constantFrom('true', 'false', 'yes', 1, 0), WRONG_TYPES.filter((v) => typeof v !== 'boolean')) };

/** Text of 1–`max` characters after trimming, any script, no control characters. */
function plainText(max: number): FieldKind {
  return textKind(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && s.trim().length <= max && !hasControl(s)),
    max,
    CONTROL_CHARS,
  );
}

const itemName = plainText(100);
/** contract/fields.ts programName: 1–40 characters. */
const programName = plainText(40);
const basisPoints = wholeNumberKind(0, BASIS_POINTS_SCALE);
const unitKind = enumKind(UNITS);

const BARCODE = fc.stringMatching(/^[A-Za-z0-9-]{4,48}$/);
const barcodeKind: FieldKind = {
  valid: surroundedByBlanks(BARCODE),
  invalid: fc.oneof(textKind(BARCODE, 48, NOT_ID_CHARS).invalid, fc.stringMatching(/^[A-Za-z0-9-]{1,3}$/)),
};

const hsnCode: FieldKind = {
  valid: surroundedByBlanks(fc.oneof(fc.constant(''), fc.stringMatching(/^(\d{4}|\d{6}|\d{8})$/))),
  invalid: fc.oneof(
    WRONG_TYPES_BUT_STRING,
    fc.stringMatching(/^(\d{1,3}|\d{5}|\d{7}|\d{9,12})$/),
    withInside(fc.stringMatching(/^\d{2}$/), fc.constantFrom('a', ' ', '-', '.', '٣', '３')),
    HUGE,
  ),
};

/** A discount the bill can always take: any percentage, or an amount of 0 (a larger amount can pass the line's price). */
const discount: FieldKind = {
  valid: fc.oneof(fc.record({ kind: fc.constant('percent'), basisPoints: basisPoints.valid }), fc.constant({ kind: 'amount', minor: 0 })),
  invalid: fc.oneof(
    WRONG_TYPES,
    basisPoints.invalid.map((bp) => ({ kind: 'percent', basisPoints: bp })),
    wholeNumberKind(0, MAX_AMOUNT_MINOR).invalid.map((minor) => ({ kind: 'amount', minor })),
    enumKind(['percent', 'amount']).invalid.map((kind) => ({ kind, basisPoints: 100, minor: 100 })),
    fc.constantFrom({ kind: 'percent', minor: 100 }, { kind: 'amount', basisPoints: 100 }, { basisPoints: 100 }, { minor: 100 }, { kind: 'percent', basisPoints: 100, minor: 0 }, {}),
  ),
};

const ALPHABET_36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const STATE_CODES = Object.keys(GST_STATES);
/** The first 14 characters of a GSTIN, then its check character. */
function withCheck(first14: string): string {
  return first14 + gstinCheckCharacter(first14);
}
const gstinOf = (states: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(states, fc.stringMatching(/^[A-Z]{5}\d{4}[A-Z]$/), fc.constantFrom(...'123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')).map(([state, pan, entity]) => withCheck(`${state}${pan}${entity}Z`));
/** GSTINs that pass the shape, state code and check character (contract/billing/gstin.ts). */
const validGstin = gstinOf(fc.constantFrom(...STATE_CODES));
const unknownState = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')).filter((code) => !STATE_CODES.includes(code));

/** The store's GSTIN: a valid one (any case, blanks around) or empty, which clears it. */
const storeGstin: FieldKind = {
  valid: fc.oneof(fc.constant(''), surroundedByBlanks(validGstin), validGstin.map((g) => g.toLowerCase())),
  invalid: fc.oneof(
    WRONG_TYPES_BUT_STRING,
    fc.tuple(validGstin, fc.integer({ min: 1, max: 35 })).map(([g, shift]) => g.slice(0, 14) + ALPHABET_36.charAt((ALPHABET_36.indexOf(g.charAt(14)) + shift) % 36)),
    gstinOf(unknownState),
    fc.tuple(validGstin, fc.integer({ min: 1, max: 14 })).map(([g, n]) => g.slice(0, n)),
    fc.tuple(validGstin, fc.constantFrom('A', '0', 'Z')).map(([g, extra]) => g + extra),
    validGstin.map((g) => `${g.slice(0, 2)}1${g.slice(3)}`),
    fc.constantFrom('\u0000', ' ', '-', '٣', 'é').map((c) => `27AAPFU0${c}39F1ZV`),
    HUGE,
  ),
};

const NOT_OBJECT = WRONG_TYPES.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));
const customerName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && s.trim().length <= 100 && !hasControl(s));
/** A B2B customer the call accepts: a valid GSTIN and a name (the schema checks lengths, the call the rest). */
const customer: FieldKind = {
  valid: fc.record({ gstin: fc.oneof(validGstin, validGstin.map((g) => ` ${g.toLowerCase()} `)), name: customerName }),
  invalid: fc.oneof(
    NOT_OBJECT,
    fc.tuple(validGstin, customerName).chain(([gstin, name]) =>
      fc.oneof(
        fc.string({ minLength: 21, maxLength: 60 }).map((g) => ({ gstin: g, name })),
        HUGE.map((g) => ({ gstin: g, name })),
        fc.string({ minLength: 201, maxLength: 400 }).map((n) => ({ gstin, name: n })),
        WRONG_TYPES_BUT_STRING.map((g) => ({ gstin: g, name })),
        WRONG_TYPES_BUT_STRING.map((n) => ({ gstin, name: n })),
        fc.constantFrom({ gstin }, { name }, {}, { gstin, name, email: 'a@b.c' }),
      ),
    ),
  ),
};

const placeOfSupply: FieldKind = {
  valid: fc.constantFrom(...STATE_CODES),
  invalid: fc.oneof(
    WRONG_TYPES_BUT_STRING,
    fc.stringMatching(/^\d{0,1}$/),
    fc.stringMatching(/^\d{3,6}$/),
    fc.constantFrom(' 27', '27 ', '٢٧', '２７', '2a', 'MH'),
    UNICODE.filter((s) => !/^\d{2}$/.test(s)),
  ),
};

const quantityThousandths = wholeNumberKind(1, MAX_QUANTITY_THOUSANDTHS);
/**
 * A free checkout line the call accepts in India (GST): its own description, price and rate; whole
 * units unless weighed or measured. No catalogue item: a random item id is refused by the call.
 */
const checkoutLine = fc
  .tuple(
    fc.record(
      {
        description: itemName.valid,
        unitPriceMinor: fc.integer({ min: 1, max: 100_000 }),
        rateBasisPoints: basisPoints.valid,
        priceIncludesTax: fc.boolean(),
        hsnCode: hsnCode.valid,
        unit: unitKind.valid,
        discount: discount.valid,
      },
      { requiredKeys: ['description', 'unitPriceMinor', 'rateBasisPoints'] },
    ),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([line, whole, fraction]) => ({ ...line, quantityThousandths: whole * 1000 + (UNIT_FACTS[(line.unit ?? 'piece') as Unit].measured ? fraction : 0) }));
const CHECKOUT_LINE_KEYS: Record<string, fc.Arbitrary<unknown>> = {
  itemId: recordId.invalid,
  description: itemName.invalid,
  unitPriceMinor: unitPrice.invalid,
  priceIncludesTax: yesNo.invalid,
  rateBasisPoints: basisPoints.invalid,
  hsnCode: hsnCode.invalid,
  unit: unitKind.invalid,
  taxExempt: yesNo.invalid,
  quantityThousandths: quantityThousandths.invalid,
  discount: discount.invalid,
};
/** One broken checkout line among valid ones; `path` is where within `lines` it is broken. */
const badCheckoutLines: fc.Arbitrary<{ value: unknown; path: string }> = fc.oneof(
  WRONG_TYPES.filter((v) => !Array.isArray(v)).map((value) => ({ value, path: 'lines' })),
  fc.constant({ value: [], path: 'lines' }),
  fc.array(checkoutLine, { minLength: 201, maxLength: 210 }).map((value) => ({ value, path: 'lines' })),
  fc
    .tuple(fc.array(checkoutLine, { maxLength: 4 }), fc.constantFrom(...Object.keys(CHECKOUT_LINE_KEYS)), checkoutLine)
    .chain(([before, key, good]) =>
      (CHECKOUT_LINE_KEYS[key] ?? fc.constant(null)).map((value) => ({ value: [...before, { ...good, [key]: value }], path: `lines.${before.length}.${key}` })),
    ),
  fc.tuple(fc.array(checkoutLine, { maxLength: 3 }), NOT_OBJECT).map(([before, value]) => ({ value: [...before, value], path: `lines.${before.length}` })),
  fc.tuple(fc.array(checkoutLine, { maxLength: 3 }), checkoutLine).map(([before, { quantityThousandths: _dropped, ...rest }]) => ({ value: [...before, rest], path: `lines.${before.length}.quantityThousandths` })),
  fc
    .tuple(fc.array(checkoutLine, { maxLength: 3 }), checkoutLine, fc.stringMatching(/^[a-z][a-zA-Z]{0,10}$/).filter((k) => !(k in CHECKOUT_LINE_KEYS)))
    .map(([before, good, key]) => ({ value: [...before, { ...good, [key]: 1 }], path: `lines.${before.length}.${key}` })),
);
const checkoutLines: FieldKind = { valid: fc.array(checkoutLine, { minLength: 1, maxLength: 20 }), invalid: badCheckoutLines.map((b) => b.value), broken: badCheckoutLines };

const barcodes: FieldKind = {
  valid: fc.uniqueArray(surroundedByBlanks(BARCODE), { maxLength: 10, selector: (s) => s.trim().toUpperCase() }),
  invalid: fc.oneof(
    WRONG_TYPES.filter((v) => !Array.isArray(v)),
    fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9-]{4,12}$/), { minLength: 11, maxLength: 14 }),
    fc.tuple(fc.array(barcodeKind.valid, { maxLength: 4 }), barcodeKind.invalid).map(([good, bad]) => [...good, bad]),
  ),
};

const scopes: FieldKind = {
  valid: fc.shuffledSubarray([...INTEGRATION_SCOPES], { minLength: 1 }),
  invalid: fc.oneof(
    WRONG_TYPES.filter((v) => !Array.isArray(v)),
    fc.constant([]),
    fc.constantFrom(...INTEGRATION_SCOPES).map((scope) => [scope, scope]),
    fc.tuple(fc.subarray([...INTEGRATION_SCOPES]), enumKind(INTEGRATION_SCOPES).invalid).map(([good, bad]) => [...good, bad]),
  ),
};

const ID_TEXT = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const counterIds: FieldKind = {
  valid: fc.uniqueArray(ID_TEXT, { minLength: 1, maxLength: 5 }),
  invalid: fc.oneof(
    WRONG_TYPES.filter((v) => !Array.isArray(v)),
    fc.constant([]),
    fc.uniqueArray(ID_TEXT, { minLength: 101, maxLength: 105 }),
    (ID_TEXT).map((id) => [id, id]),
    fc.tuple(fc.uniqueArray(ID_TEXT, { maxLength: 3 }), recordId.invalid).map(([good, bad]) => [...good, bad]),
  ),
};

/** A catalogue file: any text of 1 character to 20 MB (what is in it is the import's report, not a refusal). */
const csv: FieldKind = {
  valid: fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constant('name,sku,price\nTea,TEA-1,10.00\n')),
  invalid: fc.oneof(WRONG_TYPES_BUT_STRING, fc.constant(''), fc.constant('x').map((c) => c.repeat(20_000_001))),
};

/** A person's name as they type it at a close or a shift ("Your name"). */
const personName = textKind(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 15 }).filter((s) => s.trim() !== '' && s.trim().length <= 60 && !hasControl(s)),
  60,
  CONTROL_CHARS,
);

/** A bill as typed: text that may not be valid yet, but never control characters or beyond its bounds. */
const typed = (max: number) => fc.string({ maxLength: Math.min(max, 12) }).filter((s) => !hasControl(s));
const keptBill = fc.record({
  mode: fc.constantFrom('items', 'amount', 'checkout'),
  lines: fc.array(fc.record({ description: typed(1000), quantity: typed(20), unitPrice: typed(30) }), { maxLength: 4 }),
  amount: typed(30),
  amountDescription: typed(1000),
  cart: fc.record({
    lines: fc.array(fc.record({ itemId: ID_CORE, quantity: typed(20), discount: typed(30) }), { maxLength: 4 }),
    billDiscount: typed(30),
    placeOfSupply: typed(2),
    customerGstin: typed(30),
    customerName: typed(200),
  }),
});
const badKeptBill: fc.Arbitrary<{ value: unknown; path: string }> = fc.oneof(
  NOT_OBJECT.map((value) => ({ value, path: 'bill' })),
  fc.tuple(keptBill, fc.constantFrom('sale', 'cash', '', 'ITEMS')).map(([bill, mode]) => ({ value: { ...bill, mode }, path: 'bill.mode' })),
  fc.tuple(keptBill, withInside(fc.stringMatching(/^[0-9]{1,4}$/), CONTROL_CHARS)).map(([bill, amount]) => ({ value: { ...bill, amount }, path: 'bill.amount' })),
  fc.tuple(keptBill, fc.string({ minLength: 31, maxLength: 60 })).map(([bill, amount]) => ({ value: { ...bill, amount }, path: 'bill.amount' })),
  fc.tuple(keptBill, WRONG_TYPES.filter((v) => !Array.isArray(v))).map(([bill, lines]) => ({ value: { ...bill, lines }, path: 'bill.lines' })),
  fc.tuple(keptBill, fc.stringMatching(/^[a-z]{1,10}$/).filter((k) => !['mode', 'lines', 'amount', 'amountDescription', 'cart'].includes(k))).map(([bill, key]) => ({ value: { ...bill, [key]: '' }, path: `bill.${key}` })),
);

/** Every field name used by any call, and what is valid and invalid for it. */
const FIELDS: Record<string, FieldKind> = {
  counterId: recordId,
  stationId: recordId,
  releaseCounterId: recordId,
  invoiceId: recordId,
  attemptId: recordId,
  number: textKind(fc.stringMatching(/^[A-Za-z0-9/_.#-]{1,50}$/), 50, NOT_ID_CHARS.filter((c) => !['/', '.'].includes(c))),
  lines: { valid: fc.array(line, { minLength: 1, maxLength: 20 }), invalid: badLines.map((b) => b.value), broken: badLines },
  method: enumKind(['card', 'upi']),
  confirmChecked: { valid: fc.boolean(), invalid: WRONG_TYPES.filter((v) => typeof v !== 'boolean') },
  includeInactive: { valid: fc.boolean(), invalid: fc.oneof(fc.constantFrom('true', 'yes', 1, 0), WRONG_TYPES.filter((v) => typeof v !== 'boolean')) },
  date: isoDate,
  state: enumKind(ATTEMPT_STATES),
  search: {
    valid: fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => s.trim().length <= 50),
    invalid: fc.oneof(WRONG_TYPES_BUT_STRING, fc.string({ minLength: 51, maxLength: 300 }).filter((s) => s.trim().length > 50), HUGE),
  },
  pin,
  currentPin: pin,
  managerToken,
  name: textKind(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 15 }).filter((s) => s.trim() !== '' && s.trim().length <= 40 && !hasControl(s)),
    40,
    CONTROL_CHARS,
  ),
  terminalId: textKind(fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/), 32, NOT_ID_CHARS),
  invoicePrefix: textKind(fc.stringMatching(/^[A-Za-z0-9/-]{0,10}$/), 10, NOT_ID_CHARS.filter((c) => c !== '/'), true),
  note: textKind(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && s.trim().length <= 200 && !hasControl(s)),
    200,
    CONTROL_CHARS,
  ),
  pollIntervalSeconds: wholeNumberKind(5, 10),
  backupKeepDays: wholeNumberKind(1, 365),
  rows: wholeNumberKind(1, DAY_LOG_MAX_ROWS),
  edition: enumKind(EDITIONS),
  accountId: textKind(fc.stringMatching(/^\d{1,20}$/), 20, fc.constantFrom('a', '-', ' ', '٣', '.', 'e')),
  clientId: textKind(fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/), 100, NOT_ID_CHARS.filter((c) => c !== '.')),
  clientSecret: textKind(fc.stringMatching(/^[!-~]{1,200}$/), 200, fc.constantFrom(' ', '\u00a0', '\u2003')),
  code: textKind(fc.stringMatching(/^[!-~]{1,500}$/), 500, fc.constantFrom(' ', '\u00a0', '\u3000')),
  refundId: recordId,
  outcome: enumKind(['made', 'not_made']),
  tenderedMinor: wholeNumberKind(1, MAX_AMOUNT_MINOR),
  amountMinor: wholeNumberKind(1, MAX_AMOUNT_MINOR),
  reason: enumKind(REFUND_REASONS),
  requestKey: {
    valid: fc.stringMatching(/^[A-Za-z0-9-]{8,64}$/),
    invalid: fc.oneof(WRONG_TYPES_BUT_STRING, fc.stringMatching(/^[A-Za-z0-9-]{0,7}$/), fc.stringMatching(/^[A-Za-z0-9-]{65,90}$/), withInside(fc.stringMatching(/^[a-z0-9]{4,8}$/), NOT_ID_CHARS)),
  },
  closedBy: personName,
  closeAnyway: { valid: fc.boolean(), invalid: WRONG_TYPES.filter((v) => typeof v !== 'boolean') },
  preview: { valid: fc.boolean(), invalid: WRONG_TYPES.filter((v) => typeof v !== 'boolean') },
  shiftId: recordId,
  cashierId: recordId,
  tenderId: recordId,
  openedBy: personName,
  by: personName,
  entryId: wholeNumberKind(1, SET_ASIDE_ENTRY_MAX),
  floatMinor: wholeNumberKind(0, MAX_AMOUNT_MINOR),
  countedMinor: wholeNumberKind(0, MAX_AMOUNT_MINOR),
  kind: enumKind(['in', 'out']),
  defaultMethod: enumKind(['card', 'upi']),
  storeName: textKind(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && s.trim().length <= 80 && !hasControl(s)),
    80,
    CONTROL_CHARS,
  ),
  storeAddress: {
    valid: fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !hasControl(s)), { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n')).filter((s) => s.trim().length <= 300),
    invalid: fc.oneof(
      WRONG_TYPES_BUT_STRING,
      HUGE.filter((s) => s.trim().length > 300),
      fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 5, maxLength: 8 }).map((lines) => lines.join('\n')),
      withInside(fc.stringMatching(/^[a-z]{1,8}$/), CONTROL_CHARS.filter((c) => c !== '\n')),
    ),
  },
  url: {
    valid: fc
      .tuple(fc.constantFrom('postgres', 'postgresql'), fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), fc.domain(), fc.integer({ min: 1, max: 65_535 }), fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/))
      .map(([scheme, user, password, host, port, db]) => `${scheme}://${user}:${password}@${host}:${port}/${db}`),
    invalid: fc.oneof(
      WRONG_TYPES_BUT_STRING,
      BLANK,
      HUGE,
      fc.webUrl(),
      fc.domain().map((host) => `postgres://user:secret@${host}:5432`),
      fc.stringMatching(/^[a-z ]{1,30}$/),
    ),
  },
  caFile: {
    valid: fc.stringMatching(/^[a-z]{1,20}$/).map((name) => `/etc/counter/${name}.pem`),
    invalid: fc.oneof(WRONG_TYPES_BUT_STRING, BLANK, HUGE, fc.stringMatching(/^[a-z]{1,20}$/).map((name) => `${name}.pem`), withInside(fc.constant('/etc/ca'), CONTROL_CHARS)),
  },
  stationName: textKind(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 15 }).filter((s) => s.trim() !== '' && s.trim().length <= 40 && !hasControl(s)),
    40,
    CONTROL_CHARS,
  ),
  // Catalogue and checkout
  billDiscount: discount,
  placeOfSupply,
  customer,
  query: {
    valid: fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => s.trim().length <= 60),
    invalid: fc.oneof(WRONG_TYPES_BUT_STRING, fc.string({ minLength: 61, maxLength: 300 }).filter((s) => s.trim().length > 60), HUGE),
  },
  limit: wholeNumberKind(1, 50),
  barcode: barcodeKind,
  gstin: storeGstin,
  usSalesTaxBasisPoints: basisPoints,
  roundOff: yesNo,
  invoiceNumbersRestartEachYear: yesNo,
  sku: textKind(fc.stringMatching(/^[A-Za-z0-9._/-]{1,40}$/), 40, NOT_ID_CHARS.filter((c) => !['/', '.'].includes(c))),
  barcodes,
  unit: unitKind,
  priceMinor: unitPrice,
  priceIncludesTax: yesNo,
  rateBasisPoints: basisPoints,
  hsnCode,
  taxExempt: yesNo,
  itemId: recordId,
  active: yesNo,
  csv,
  dryRun: yesNo,
  // Bills kept and held
  bill: { valid: keptBill, invalid: badKeptBill.map((b) => b.value), broken: badKeptBill },
  label: textKind(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 15 }).filter((s) => s.trim() !== '' && s.trim().length <= 40 && !hasControl(s)),
    40,
    CONTROL_CHARS,
  ),
  totalMinor: wholeNumberKind(0, MAX_AMOUNT_MINOR),
  heldId: recordId,
  // Integration API keys
  scopes,
  counterIds,
  keyId: recordId,
  requestId: recordId,
  decision: enumKind(['approve', 'decline']),
  lan: yesNo,
  program: programName,
};

/** A field whose rules differ in one call from those of the same name in FIELDS. */
const CALL_FIELDS: Partial<Record<HandlerName, Record<string, FieldKind>>> = {
  'invoice-checkout': { lines: checkoutLines },
  'item-create': { name: itemName },
  'item-update': { name: itemName },
  'integration-key-create': { name: programName },
};

// ---------------------------------------------------------------------------------------------
// Inputs per call

type Shape = Record<string, { safeParse: (value: unknown) => { success: boolean } }>;

function shapeOf(name: HandlerName): Shape {
  return inputSchemas[name].shape;
}
function keysOf(name: HandlerName): string[] {
  return Object.keys(shapeOf(name));
}
function isOptional(name: HandlerName, key: string): boolean {
  return shapeOf(name)[key]?.safeParse(undefined).success ?? false;
}
function kind(name: HandlerName, key: string): FieldKind {
  const found = CALL_FIELDS[name]?.[key] ?? FIELDS[key];
  if (!found) throw new Error(`No arbitraries for field ${key} of ${name}: add it to FIELDS (or CALL_FIELDS)`);
  return found;
}

/** Valid for the schema, for the call's own rules where the schema cannot say them. */
function validInput(name: HandlerName, overrides: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keysOf(name)) model[key] = overrides[key] ?? kind(name, key).valid;
  // Once a PIN is set, changing it needs the current one: a PIN change without it is refused
  // (invalid_input, currentPin) by design. Never the rig's own PIN, which must stay.
  const required = keysOf(name).filter((key) => !isOptional(name, key) || (name === 'manager-set-pin' && key === 'currentPin'));
  if (name === 'manager-set-pin') model.currentPin = pin.valid.filter((p) => p !== RIG_PIN);
  return fc.record(model, { requiredKeys: required });
}

interface BadInput {
  input: unknown;
  /** The field the input breaks (a path such as lines.0.quantity), or null for a non-object input. */
  field: string | null;
}

function badInput(name: HandlerName): fc.Arbitrary<BadInput> {
  const keys = keysOf(name);
  const options: fc.Arbitrary<BadInput>[] = [];
  for (const key of keys) {
    const { invalid, broken } = kind(name, key);
    const bad = broken ?? invalid.map((value) => ({ value, path: key }));
    options.push(fc.tuple(validInput(name), bad).map(([input, { value, path }]) => ({ input: { ...input, [key]: value }, field: path })));
    if (!isOptional(name, key)) {
      options.push(
        validInput(name).map((input) => {
          const { [key]: _missing, ...rest } = input;
          return { input: rest, field: key };
        }),
      );
    }
  }
  // A field the call does not have.
  const unknownKey = fc
    .oneof(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/), fc.constantFrom('__proto__x', 'constructor', 'toString', 'amount', 'managerToken', 'id'))
    .filter((k) => !keys.includes(k));
  options.push(fc.tuple(validInput(name), unknownKey, fc.anything()).map(([input, key, value]) => ({ input: { ...input, [key]: value }, field: key })));
  return fc.oneof(...options);
}

/** Inputs that are not an object at all. */
const NOT_AN_OBJECT: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.string({ minLength: 1 }),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 4 }),
  fc.double(),
  fc.bigInt(),
);

async function expectRefused(name: HandlerName, bad: BadInput): Promise<void> {
  const before = fingerprint.take();
  const result = await rig.raw(name, bad.input);
  const shown = JSON.stringify(bad.input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length})` : v));
  expect(result.ok, `${name} accepted ${shown}`).toBe(false);
  if (result.ok) return;
  expect(result.error.code, shown).toBe('invalid_input');
  expect(result.error.message.trim(), shown).not.toBe('');
  if (bad.field === null) {
    expect(result.error.field, shown).toBeUndefined();
  } else {
    const field = result.error.field ?? '(none)';
    expect(field === bad.field || field.startsWith(`${bad.field}.`), `${shown}: field ${field}, expected ${bad.field}`).toBe(true);
  }
  expect(fingerprint.take(), `${name} wrote to the database for ${shown}`).toBe(before);
}

const RUNS = { invalid: 150, valid: 80 };

describe('every call refuses bad input by name and writes nothing', () => {
  it('has arbitraries for every field of every call', () => {
    for (const name of HANDLER_NAMES) for (const key of keysOf(name)) expect(CALL_FIELDS[name]?.[key] ?? FIELDS[key], `${name}.${key}`).toBeDefined();
  });

  for (const name of HANDLER_NAMES) {
    it(`${name}: one broken field is refused naming it`, async () => {
      await fc.assert(
        fc.asyncProperty(badInput(name), (bad) => expectRefused(name, bad)),
        { numRuns: RUNS.invalid },
      );
    });
  }

  it('inputs that are not objects are refused by every call', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...HANDLER_NAMES), NOT_AN_OBJECT, (name, input) => expectRefused(name, { input, field: null })),
      { numRuns: 150 },
    );
  });

  it('an unknown field inside an invoice line is refused naming its full path', async () => {
    const counterId = rig.counters[0]?.id ?? '';
    const nested = fc
      .tuple(fc.array(line, { maxLength: 3 }), line, fc.stringMatching(/^[a-z][a-zA-Z]{0,10}$/).filter((k) => !['description', 'quantity', 'unitPriceMinor'].includes(k)))
      .map(([before, good, key]) => ({ input: { counterId, lines: [...before, { ...good, [key]: 1 }] }, field: `lines.${before.length}.${key}` }));
    await fc.assert(
      fc.asyncProperty(nested, (bad) => expectRefused('invoice-create', bad)),
      { numRuns: 30 },
    );
  });

  it('an invoice whose total passes the largest amount is refused and nothing is written', async () => {
    const counterId = rig.counters[0]?.id ?? '';
    const huge = fc
      .array(fc.record({ description: fc.constant('Gold'), quantity: fc.integer({ min: 1, max: 9999 }), unitPriceMinor: fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }) }), { minLength: 1, maxLength: 30 })
      .filter((lines) => lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0) > MAX_AMOUNT_MINOR);
    await fc.assert(
      fc.asyncProperty(huge, (lines) => expectRefused('invoice-create', { input: { counterId, lines }, field: 'lines' })),
      { numRuns: 40 },
    );
  });
});

describe('valid inputs are accepted', () => {
  for (const name of HANDLER_NAMES) {
    it(`${name}: never refused as invalid input`, async () => {
      // Random ids and manager tokens make most of these not_found or locked: the point is that the
      // input passes every rule and reaches the call.
      await fc.assert(
        fc.asyncProperty(validInput(name), async (input) => {
          const result = await rig.raw(name, input);
          if (!result.ok) expect(result.error.code, `${name} ${JSON.stringify(input)}: ${result.error.message}`).not.toBe('invalid_input');
        }),
        { numRuns: RUNS.valid },
      );
    });
  }

  it('invoices with generated lines, numbers and unicode descriptions are created on a real counter', async () => {
    const counterId = rig.counters[1]?.id ?? '';
    await fc.assert(
      fc.asyncProperty(validInput('invoice-create', { counterId: fc.constant(counterId) }), async (input) => {
        const result = await rig.raw('invoice-create', input);
        if (!result.ok) {
          // A generated number may repeat an earlier one: refused as a duplicate, not as invalid.
          expect(result.error, JSON.stringify(input)).toMatchObject({ code: 'conflict', field: 'number' });
          return;
        }
        const lines = input.lines as { description: string; quantity: number; unitPriceMinor: number }[];
        expect(result.value.totalMinor).toBe(lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0));
        expect(result.value.lines.map((l) => l.description)).toEqual(lines.map((l) => l.description.trim()));
      }),
      { numRuns: 60 },
    );
  });

  it('manager calls with generated names, terminal IDs, prefixes and intervals succeed with a real unlock', async () => {
    const token = fc.constant(rig.managerToken);
    await fc.assert(
      fc.asyncProperty(
        validInput('counter-create', { managerToken: token }),
        validInput('settings-update', { managerToken: token }),
        validInput('log-day'),
        async (counter, settings, day) => {
          const created = await rig.raw('counter-create', counter);
          // Terminal IDs and prefixes must be unique among active counters: a repeat is a conflict.
          if (!created.ok) expect(created.error.code, JSON.stringify(counter)).toBe('conflict');
          else expect(created.value.name).toBe((counter.name as string).trim());
          const updated = await rig.raw('settings-update', settings);
          expect(updated.ok).toBe(true);
          const log = await rig.raw('log-day', day);
          expect(log.ok, JSON.stringify(day)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
