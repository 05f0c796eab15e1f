// A bill being built at a counter, as the cashier typed it: kept on this PC so it survives a trip to
// another screen, a reload or a restart, and put aside (held) with a label until it is recalled.
// Every field is text as typed (the bill may not be valid yet); the sale's own checks run at Charge.
import { z } from 'zod';
import { MAX_AMOUNT_MINOR } from './money';
import { recordId, text, typeError, typedText } from './fields';

export const BILL_MODES = ['items', 'amount', 'checkout'] as const;
export type BillMode = (typeof BILL_MODES)[number];

/** At most this many lines of either kind are kept (an invoice has at most 200). */
export const MAX_KEPT_LINES = 200;

const freeLine = z.strictObject({
  description: typedText('Description', 1000),
  quantity: typedText('Quantity', 20),
  unitPrice: typedText('Unit price', 30),
});

/**
 * A catalogue item's line (`itemId`), or a line typed by hand at the checkout (`typed`: what it is, its
 * price and GST rate as typed): one of the two.
 */
const cartLine = z
  .strictObject({
    itemId: recordId.optional(),
    typed: z
      .strictObject(
        { description: typedText('Description', 1000), price: typedText('Price', 30), rate: typedText('GST rate', 10) },
        { error: 'Typed line must be an object' },
      )
      .optional(),
    quantity: typedText('Quantity', 20),
    discount: typedText('Discount', 30),
  })
  .refine((line) => (line.itemId === undefined) !== (line.typed === undefined), { error: 'A cart line names a catalogue item or is typed by hand, not both', path: ['itemId'] });

export const keptBill = z.strictObject(
  {
    mode: z.enum(BILL_MODES, { error: `Mode must be one of ${BILL_MODES.join(', ')}` }),
    lines: z.array(freeLine, { error: 'Lines must be a list' }).max(MAX_KEPT_LINES, `A bill keeps at most ${MAX_KEPT_LINES} lines`),
    amount: typedText('Amount', 30),
    amountDescription: typedText('Description', 1000),
    cart: z.strictObject(
      {
        lines: z.array(cartLine, { error: 'Lines must be a list' }).max(MAX_KEPT_LINES, `A bill keeps at most ${MAX_KEPT_LINES} lines`),
        billDiscount: typedText('Bill discount', 30),
        placeOfSupply: typedText('Place of supply', 2),
        customerGstin: typedText('Customer GSTIN', 30),
        customerName: typedText('Customer name', 200),
      },
      { error: 'Cart must be an object' },
    ),
  },
  { error: 'Bill must be an object' },
);

export type KeptBill = z.output<typeof keptBill>;

export const holdLabel = text('Label', 1, 40);

/** What the screen showed as the bill's total when it was held (0 while no line is complete). */
export const heldTotal = z
  .number({ error: typeError('Total', 'a number of paise/cents') })
  .int('Total must be a whole number of paise/cents')
  .min(0, 'Total cannot be negative')
  .max(MAX_AMOUNT_MINOR, `Total must be at most ${MAX_AMOUNT_MINOR} paise/cents`);

/** A bill put aside at a counter. `totalMinor` is what the screen showed when it was held. */
export interface HeldBill {
  id: string;
  counterId: string;
  label: string;
  totalMinor: number;
  heldAt: number;
}
