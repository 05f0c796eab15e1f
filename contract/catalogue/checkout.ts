// A checkout's lines made into a bill: catalogue lines take the item's price, tax rate, HSN and unit
// (the manager's data); free lines carry their own. The arithmetic is contract/billing's, once.
// Pure TypeScript: the counter screen shows the bill the backend will save because both run this.
import type { z } from 'zod';
import { parseB2bCustomer } from '../billing/gstin';
import { computeInvoice, type InvoiceLineInput, type TaxRegime } from '../billing/invoice';
import { gstStateName } from '../billing/states';
import { fail, ok, type AppError, type ErrorCode, type Result } from '../result';
import type { InvoiceLine } from '../records';
import type { Currency } from '../vocabulary';
import type { Bill, BillItem } from './bill';
import type { b2bCustomer, checkoutLine, discount } from './fields';
import type { CatalogueItem, TaxSettings } from './records';
import { UNIT_FACTS } from './units';

export interface CheckoutInput {
  lines: readonly z.output<typeof checkoutLine>[];
  billDiscount?: z.output<typeof discount> | undefined;
  placeOfSupply?: string | undefined;
  customer?: z.output<typeof b2bCustomer> | undefined;
}

class Refused extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

function refuse(code: ErrorCode, message: string, field: string): never {
  throw new Refused({ code, message, field });
}

/** The bill of a checkout, or the first rule it breaks, naming the input's field. */
export function makeBill(input: CheckoutInput, currency: Currency, tax: TaxSettings, itemById: (id: string) => CatalogueItem | null): Result<Bill> {
  try {
    return ok(billOf(input, currency, tax, itemById));
  } catch (error) {
    if (error instanceof Refused) return fail(error.error.code, error.error.message, error.error.field);
    throw error;
  }
}

function billOf(input: CheckoutInput, currency: Currency, tax: TaxSettings, itemById: (id: string) => CatalogueItem | null): Bill {
  const regime = taxRegime(input, currency, tax);
  const items: BillItem[] = [];
  const lines = input.lines.map((line, index): InvoiceLineInput => {
    const at = `lines.${index}`;
    const label = `Line ${index + 1}`;
    let fields;
    let itemId: string | null = null;
    if (line.itemId !== undefined) {
      const item = itemById(line.itemId);
      if (!item || !item.active) refuse('invalid_input', `${label}: that item is not in the catalogue (or no longer sold).`, `${at}.itemId`);
      itemId = item.id;
      fields = { description: item.name, unitPriceMinor: item.priceMinor, priceIncludesTax: item.priceIncludesTax, rateBasisPoints: item.rateBasisPoints, hsnCode: item.hsnCode, unit: item.unit, taxExempt: item.taxExempt };
    } else {
      if (line.description === undefined) refuse('invalid_input', `${label}: a line without an item needs a description.`, `${at}.description`);
      if (line.unitPriceMinor === undefined) refuse('invalid_input', `${label}: a line without an item needs a price.`, `${at}.unitPriceMinor`);
      if (regime.kind === 'gst' && line.rateBasisPoints === undefined) {
        refuse('invalid_input', `${label}: a line without an item needs its GST rate (0% when none).`, `${at}.rateBasisPoints`);
      }
      fields = {
        description: line.description,
        unitPriceMinor: line.unitPriceMinor,
        priceIncludesTax: line.priceIncludesTax ?? currency === 'INR',
        rateBasisPoints: line.rateBasisPoints ?? 0,
        hsnCode: line.hsnCode ?? '',
        unit: line.unit ?? 'piece',
        taxExempt: line.taxExempt ?? false,
      };
    }
    if (!UNIT_FACTS[fields.unit].measured && line.quantityThousandths % 1000 !== 0) {
      refuse('invalid_input', `${label}: ${fields.description} is sold in whole ${fields.unit}s: the quantity cannot have decimals.`, `${at}.quantityThousandths`);
    }
    items.push({ itemId, description: fields.description, unitPriceMinor: fields.unitPriceMinor });
    return {
      unitPriceMinor: fields.unitPriceMinor,
      quantityThousandths: line.quantityThousandths,
      priceIncludesTax: fields.priceIncludesTax,
      ...(regime.kind === 'gst' ? { rateBasisPoints: fields.rateBasisPoints } : { taxExempt: fields.taxExempt }),
      hsnCode: fields.hsnCode,
      unit: UNIT_FACTS[fields.unit].uqc,
      ...(line.discount ? { discount: line.discount } : {}),
    };
  });
  const totals = computeInvoice({ regime, lines, ...(input.billDiscount ? { billDiscount: input.billDiscount } : {}) });
  if (!totals.ok) refuse(totals.error.code, totals.error.message, fieldOf(totals.error.message, totals.error.field));
  return {
    storeGstin: tax.gstin,
    placeOfSupply: regime.kind === 'gst' ? { code: regime.placeOfSupplyStateCode, name: gstStateName(regime.placeOfSupplyStateCode) ?? '' } : null,
    customer: customerOf(input, currency),
    items,
    totals: totals.value,
  };
}

function taxRegime(input: CheckoutInput, currency: Currency, tax: TaxSettings): TaxRegime {
  if (currency === 'USD') {
    if (input.placeOfSupply !== undefined) refuse('invalid_input', 'Place of supply is for GST in India only.', 'placeOfSupply');
    return { kind: 'us_sales_tax', rateBasisPoints: tax.usSalesTaxBasisPoints };
  }
  if (tax.stateCode === null) {
    refuse('conflict', "The store's GSTIN is not set: a manager sets it under Manager → Tax before a tax invoice can be made.", 'counterId');
  }
  const place = input.placeOfSupply ?? tax.stateCode;
  if (gstStateName(place) === undefined) refuse('invalid_input', `Place of supply: ${place} is not a GST state code.`, 'placeOfSupply');
  return { kind: 'gst', storeStateCode: tax.stateCode, placeOfSupplyStateCode: place, roundToRupee: tax.roundOff };
}

function customerOf(input: CheckoutInput, currency: Currency): Bill['customer'] {
  if (!input.customer) return null;
  if (currency !== 'INR') refuse('invalid_input', "A customer's GSTIN is for GST in India only.", 'customer');
  const parsed = parseB2bCustomer(input.customer.gstin, input.customer.name);
  if (!parsed.ok) refuse('invalid_input', parsed.error.message, parsed.error.field === 'Customer name' ? 'customer.name' : 'customer.gstin');
  return { gstin: parsed.value.gstin.gstin, name: parsed.value.name };
}

/** contract/billing names a line's field by its label ("Line 2 discount: …"); the input's path is lines.1.discount. */
function fieldOf(message: string, field: string | undefined): string {
  const line = /^Line (\d+)/.exec(message);
  if (line) return `lines.${Number(line[1]) - 1}${/discount/i.test(message) ? '.discount' : ''}`;
  return field ?? 'lines';
}

/**
 * The invoice's plain lines of a bill: one per line, at its line total, so that what reads an
 * invoice's lines (the log's search, the day's CSV) still adds up to the goods; the round-off apart.
 */
export function plainLines(bill: Bill): InvoiceLine[] {
  return bill.totals.lines.map((line, index) => ({ description: bill.items[index]?.description ?? '', quantity: 1, unitPriceMinor: line.lineTotal }));
}
