// Input rules for catalogue items and the store's tax settings. The CSV import checks each row
// with these same rules, so a file and the form refuse the same things in the same words.
import { z } from 'zod';
import { minorAmountField, text, typeError } from '../fields';
import { parseGstin } from '../billing/gstin';
import { BASIS_POINTS_SCALE } from '../billing/rates';
import { MAX_QUANTITY_THOUSANDTHS } from '../billing/quantity';
import { MAX_AMOUNT_MINOR } from '../money';
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

const discountPercent = z.strictObject({
  kind: z.literal('percent'),
  basisPoints: z
    .number({ error: typeError('Discount', 'a number of basis points') })
    .int('Discount must be a whole number of basis points (1000 is 10%)')
    .min(0, 'Discount cannot be negative')
    .max(BASIS_POINTS_SCALE, 'Discount cannot be more than 100%'),
});
const discountAmount = z.strictObject({
  kind: z.literal('amount'),
  minor: z
    .number({ error: typeError('Discount', 'a number of paise/cents') })
    .int('Discount must be a whole number of paise/cents')
    .min(0, 'Discount cannot be negative')
    .max(MAX_AMOUNT_MINOR, `Discount must be at most ${MAX_AMOUNT_MINOR} paise/cents`),
});
/** A percentage (basis points) or an amount (minor units). */
export const discount = z.discriminatedUnion('kind', [discountPercent, discountAmount], { error: 'Discount must be a percent or an amount' });

export const quantityThousandths = z
  .number({ error: typeError('Quantity', 'a number of thousandths') })
  .int('Quantity must be a whole number of thousandths (750 is 0.750)')
  .min(1, 'Quantity must be more than 0')
  .max(MAX_QUANTITY_THOUSANDTHS, 'Quantity must be at most 99,999.999');

/**
 * A line of a checkout: a catalogue item (its price, tax rate, HSN and unit are the catalogue's) or a
 * free-text line with its own price and tax rate. Quantity and discount are the cashier's either way.
 */
export const checkoutLine = z.strictObject({
  itemId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Item id may only use letters, digits, - and _').optional(),
  description: itemName.optional(),
  unitPriceMinor: itemPrice.optional(),
  priceIncludesTax: z.boolean({ error: 'Price includes tax must be true or false' }).optional(),
  rateBasisPoints: rateBasisPoints.optional(),
  hsnCode: hsnCode.optional(),
  unit: unit.optional(),
  taxExempt: z.boolean({ error: 'Tax exempt must be true or false' }).optional(),
  quantityThousandths,
  discount: discount.optional(),
});

export const stateCode = z.string({ error: typeError('Place of supply', 'text') }).regex(/^\d{2}$/, 'Place of supply must be a 2-digit GST state code');

export const b2bCustomer = z.strictObject({
  gstin: z.string({ error: typeError('Customer GSTIN', 'text') }).max(20, 'Customer GSTIN must be at most 20 characters'),
  name: z.string({ error: typeError('Customer name', 'text') }).max(200, 'Customer name must be at most 200 characters'),
});
