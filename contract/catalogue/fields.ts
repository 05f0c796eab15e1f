// Input rules for catalogue items and the store's tax settings. The CSV import checks each row
// with these same rules, so a file and the form refuse the same things in the same words.
import { z } from 'zod';
import { minorAmountField, text, typeError } from '../fields';
import { parseGstin } from '../billing/gstin';
import { BASIS_POINTS_SCALE } from '../billing/rates';
import { UNITS } from './units';

export const itemName = text('Item name', 1, 100);

export const sku = text('SKU', 1, 40).regex(/^[A-Za-z0-9._/-]+$/, 'SKU may only use letters, digits and . _ / -');

export const barcode = z
  .string({ error: typeError('Barcode', 'text') })
  .trim()
  .regex(/^[A-Za-z0-9-]{4,48}$/, 'Barcode must be 4 to 48 letters, digits or -');

export const barcodes = z.array(barcode, { error: 'Barcodes must be a list' }).max(10, 'An item may have at most 10 barcodes');

export const unit = z.enum(UNITS, { error: `Unit must be one of ${UNITS.join(', ')}` });

export const itemPrice = minorAmountField('Price');

export const rateBasisPoints = z
  .number({ error: typeError('Tax rate', 'a number of basis points') })
  .int('Tax rate must be a whole number of basis points (1800 is 18%)')
  .min(0, 'Tax rate cannot be negative')
  .max(BASIS_POINTS_SCALE, 'Tax rate cannot be more than 100%');

export const hsnCode = z
  .string({ error: typeError('HSN/SAC code', 'text') })
  .trim()
  .regex(/^(\d{4}|\d{6}|\d{8})?$/, 'HSN/SAC code must be 4, 6 or 8 digits (or empty)');

export const itemFields = {
  name: itemName,
  sku,
  barcodes,
  unit,
  priceMinor: itemPrice,
  priceIncludesTax: z.boolean({ error: 'Price includes tax must be true or false' }),
  rateBasisPoints,
  hsnCode,
  taxExempt: z.boolean({ error: 'Tax exempt must be true or false' }),
};

export const newItem = z.strictObject(itemFields);

export const catalogueQuery = z
  .string({ error: typeError('Search', 'text') })
  .trim()
  .max(60, 'Search must be at most 60 characters');

/** A GSTIN checked offline (shape, state code, check character); an empty text clears it. */
export const storeGstin = z
  .string({ error: typeError('Store GSTIN', 'text') })
  .trim()
  .toUpperCase()
  .superRefine((value, context) => {
    if (value === '') return;
    const parsed = parseGstin(value, 'Store GSTIN');
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error.message });
  });

/** A catalogue file: the text of a CSV of at most 20 MB (well above 50,000 items). */
export const catalogueCsv = z
  .string({ error: typeError('File', 'text') })
  .min(1, 'The file is empty')
  .max(20_000_000, 'The file must be at most 20 MB');
