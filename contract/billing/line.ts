// One invoice line: unit price × quantity, less its discounts, split into taxable value and tax.
// Pure TypeScript: used by the renderer and the backend alike.
//
// ROUNDING (the one rule, see README.md): every amount is rounded to the paisa (cent) once, per
// line, half up, and the invoice sums the rounded lines. In order:
//   gross         = unit price × quantity, rounded half up to the paisa
//   line discount = gross × percent, rounded half up (or the amount as entered)
//   net           = gross − line discount − the line's share of the bill discount
//   price excludes tax: taxable = net;  tax = taxable × rate, rounded half up; line total = taxable + tax
//   price includes tax: line total = net; taxable = net × 100 / (100 + rate), rounded half up;
//                       tax = line total − taxable (so the split back always adds up)
// Tax rounded per line to the paisa is what invoices carry: GSTN's own return data holds the tax
// of an invoice in paise (GSTR-1 API fields iamt/camt/samt, "Decimal(11, 2)", e.g. in the field
// list at https://docs.google.com/spreadsheets/d/1d6qB5dSDX6FXzZIEmpJxIQ43zFq1Eq_ddfTU5tMhpHc),
// and Section 170 of the CGST Act rounds to the rupee only the sums *payable* to the government,
// not each part of the tax on an invoice (https://gst.caknowledge.com/section-170-gst/: "The
// rounding off need not be done for every part of the tax contained in the invoice, whereas
// consolidated payment to Government has to be rounded off"). Half up rather than half even because it is the convention
// Indian law itself uses (Section 170: "fifty paise or more ... shall be increased to one rupee",
// https://www.knowyourgst.com/gstlaw/cgst-act/170-rounding-off-of-tax-etc-170/) and the one an
// accountant checking a receipt by hand expects; all amounts here are non-negative, so "up" and
// "away from zero" are the same.
import { MAX_AMOUNT_MINOR, formatMinor, formatMoney, isMinorAmount } from '../money';
import type { Currency } from '../vocabulary';
import type { Result } from '../result';
import { fail, ok } from '../result';
import { divideRoundHalfUp, toSafeNumber } from './arithmetic';
import { MAX_QUANTITY_THOUSANDTHS, QUANTITY_SCALE, formatQuantity, isQuantity } from './quantity';
import { BASIS_POINTS_SCALE, isRateBasisPoints } from './rates';

/** A discount: a percentage (basis points: 1000 = 10 %) or an amount in minor units. */
export type Discount = { kind: 'percent'; basisPoints: number } | { kind: 'amount'; minor: number };

export interface LineInput {
  /** Price of one unit (one kg for weighed items) in minor units. */
  unitPriceMinor: number;
  /** Quantity in thousandths: 750 is 0.750 kg, 2000 is 2 pieces. */
  quantityThousandths: number;
  /** True when the price already includes the tax (MRP-style, usual in Indian retail). */
  priceIncludesTax: boolean;
  /** The line's tax rate in basis points (0 for nil-rated or exempt). */
  rateBasisPoints: number;
  discount?: Discount;
}

export interface LineAmounts {
  /** Unit price × quantity, rounded half up to the paisa. */
  gross: number;
  /** The line's own discount. */
  lineDiscount: number;
  /** This line's share of the bill discount (0 for a line on its own). */
  billDiscount: number;
  /** Gross less both discounts: on the price's own basis (with or without tax). */
  net: number;
  taxableValue: number;
  tax: number;
  /** taxableValue + tax: what the customer pays for the line. */
  lineTotal: number;
}

const NO_DISCOUNT: Discount = { kind: 'amount', minor: 0 };

/**
 * The amounts of one line. `billDiscountShare` is the part of the bill discount the invoice gave
 * this line (see invoice.ts); it may not exceed the line's value after its own discount.
 * `label` names the line in messages ("Line 3").
 */
export function computeLine(input: LineInput, billDiscountShare = 0, label = 'Line', currency?: Currency): Result<LineAmounts> {
  // Amounts in messages as money where the currency is known (an invoice's regime names it).
  const shown = (minor: number) => (currency ? formatMoney(minor, currency) : formatMinor(minor));
  const { unitPriceMinor, quantityThousandths, priceIncludesTax, rateBasisPoints } = input;
  const discount = input.discount ?? NO_DISCOUNT;
  if (!isMinorAmount(unitPriceMinor)) {
    return fail('invalid_input', `${label} price: enter an amount from 0 to ${shown(MAX_AMOUNT_MINOR)}.`, 'unitPrice');
  }
  if (!isQuantity(quantityThousandths)) {
    return fail(
      'invalid_input',
      `${label} quantity: enter a quantity more than 0 and at most ${formatQuantity(MAX_QUANTITY_THOUSANDTHS)}, with up to 3 decimals.`,
      'quantity',
    );
  }
  if (!isRateBasisPoints(rateBasisPoints)) {
    return fail('invalid_input', `${label} tax rate: the rate must be from 0% to 100% with at most 2 decimals.`, 'taxRate');
  }

  const gross = divideRoundHalfUp(BigInt(unitPriceMinor) * BigInt(quantityThousandths), BigInt(QUANTITY_SCALE));
  if (gross > BigInt(MAX_AMOUNT_MINOR)) {
    return fail('invalid_input', `${label}: price × quantity cannot be more than ${shown(MAX_AMOUNT_MINOR)}.`, 'quantity');
  }

  let lineDiscount: bigint;
  if (discount.kind === 'percent') {
    if (!isRateBasisPoints(discount.basisPoints)) {
      return fail('invalid_input', `${label} discount: a percentage must be from 0% to 100% with at most 2 decimals.`, 'discount');
    }
    lineDiscount = divideRoundHalfUp(gross * BigInt(discount.basisPoints), BigInt(BASIS_POINTS_SCALE));
  } else {
    if (!isMinorAmount(discount.minor)) {
      return fail('invalid_input', `${label} discount: enter an amount of 0 or more.`, 'discount');
    }
    lineDiscount = BigInt(discount.minor);
    if (lineDiscount > gross) {
      return fail(
        'invalid_input',
        `${label} discount: the discount cannot be more than the line's price (${shown(toSafeNumber(gross))}).`,
        'discount',
      );
    }
  }

  const afterLineDiscount = gross - lineDiscount;
  if (!Number.isSafeInteger(billDiscountShare) || billDiscountShare < 0 || BigInt(billDiscountShare) > afterLineDiscount) {
    throw new RangeError(`${label}: a bill discount share of ${billDiscountShare} does not fit the line`);
  }
  const net = afterLineDiscount - BigInt(billDiscountShare);
  const rate = BigInt(rateBasisPoints);
  const scale = BigInt(BASIS_POINTS_SCALE);

  let taxable: bigint;
  let tax: bigint;
  if (priceIncludesTax) {
    taxable = divideRoundHalfUp(net * scale, scale + rate);
    tax = net - taxable;
  } else {
    taxable = net;
    tax = divideRoundHalfUp(net * rate, scale);
  }
  const lineTotal = taxable + tax;
  if (lineTotal > BigInt(MAX_AMOUNT_MINOR)) {
    return fail('invalid_input', `${label}: the line total with tax cannot be more than ${shown(MAX_AMOUNT_MINOR)}.`, 'quantity');
  }
  return ok({
    gross: toSafeNumber(gross),
    lineDiscount: toSafeNumber(lineDiscount),
    billDiscount: billDiscountShare,
    net: toSafeNumber(net),
    taxableValue: toSafeNumber(taxable),
    tax: toSafeNumber(tax),
    lineTotal: toSafeNumber(lineTotal),
  });
}
