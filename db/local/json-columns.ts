// The JSON text columns, checked on the way out so a bad row fails loudly instead of flowing on.
import { z } from 'zod';
import type { DeclinedTry, InvoiceLine } from '../../contract/records';

const invoiceLines = z.array(
  z.object({
    description: z.string(),
    quantity: z.number().int().positive(),
    unitPriceMinor: z.number().int().nonnegative(),
  }),
) satisfies z.ZodType<InvoiceLine[]>;

const declinedTries = z.array(
  z.object({
    paymentId: z.string(),
    failureCode: z.string().nullable(),
    method: z.string().nullable(),
    at: z.number().int(),
  }),
) satisfies z.ZodType<DeclinedTry[]>;

export function readInvoiceLines(json: string): InvoiceLine[] {
  return invoiceLines.parse(JSON.parse(json));
}

export function readDeclinedTries(json: string): DeclinedTry[] {
  return declinedTries.parse(JSON.parse(json));
}
