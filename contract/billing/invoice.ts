// An invoice's arithmetic: its lines, the bill discount spread over them, the tax split by kind
// (CGST + SGST within a state, IGST across states, US sales tax), the round-off, and the tax
// summary by rate. Pure TypeScript: used by the renderer and the backend alike.
//
// Rules (see README.md for the plain-words version and sources):
// - Each line is rounded on its own (line.ts); the invoice only adds rounded lines up.
// - Bill discount: a percentage is first turned into one amount, the bill's value × percent,
//   rounded half up to the paisa; the amount is then spread over the lines in proportion to each
//   line's value after its own discount (on the price's own basis: with tax for tax-inclusive
//   prices, without for tax-exclusive ones), by the largest remainder method with ties to the
//   earlier line (arithmetic.ts), so the shares add up to the bill discount exactly and the same
//   bill always splits the same way. The discount comes before tax: it lowers taxable value.
// - Intra-state GST: each line's tax splits into CGST and SGST halves; when the tax is an odd
//   number of paise, CGST gets the extra paisa (CGST = tax − floor(tax / 2), SGST = floor(tax / 2)),
//   so CGST + SGST = tax on every line.
// - Round-off (INR only, on by default): the total of the lines is rounded to the nearest rupee,
//   50 paise rounding up (as Section 170 of the CGST Act rounds sums to the rupee). The "Round off"
//   amount is therefore from −0.49 to +0.50. USD totals are never rounded off.
import type { Currency } from '../vocabulary';
import { MAX_AMOUNT_MINOR, formatMoney, isMinorAmount } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';
import { divideRoundHalfUp, splitInProportion, toSafeNumber } from './arithmetic';
import type { Discount, LineAmounts, LineInput } from './line';
import { computeLine } from './line';
import { BASIS_POINTS_SCALE, isRateBasisPoints } from './rates';
import { gstStateName } from './states';

export type TaxRegime =
  | {
      kind: 'gst';
      /** The store's GST state code (the first two digits of its GSTIN). */
      storeStateCode: string;
      /** Where the goods are handed over: the store's state at the counter, another when delivered there. */
      placeOfSupplyStateCode: string;
      /** Round the total to the rupee with a "Round off" line (default true). */
      roundToRupee?: boolean;
    }
  | {
      kind: 'us_sales_tax';
      /** The store's one sales tax rate in basis points (825 = 8.25 %). */
      rateBasisPoints: number;
    };

export interface InvoiceLineInput extends Omit<LineInput, 'rateBasisPoints'> {
  /** GST: the item's rate (the manager's data). Not used for US sales tax. */
  rateBasisPoints?: number;
  /** US: the item is exempt from the store's sales tax. Not used for GST. */
  taxExempt?: boolean;
  /** HSN (goods) or SAC (services) code, for the GSTR-1 summary. */
  hsnCode?: string;
  /** Unit quantity code (UQC), e.g. "KGS" or "NOS", for the GSTR-1 summary. */
  unit?: string;
}

export interface InvoiceInput {
  regime: TaxRegime;
  lines: readonly InvoiceLineInput[];
  billDiscount?: Discount;
}

export type SupplyKind = 'intra_state' | 'inter_state' | 'us_sales_tax';

/** Tax by kind: for any line or row, cgst + sgst + igst + salesTax = tax, and only one kind is non-zero. */
export interface TaxParts {
  cgst: number;
  sgst: number;
  igst: number;
  salesTax: number;
}

export interface InvoiceLine extends LineAmounts, TaxParts {
  rateBasisPoints: number;
  quantityThousandths: number;
  hsnCode: string;
  unit: string;
}

export interface RateRow extends TaxParts {
  rateBasisPoints: number;
  taxableValue: number;
  tax: number;
}

export interface InvoiceTotals extends TaxParts {
  currency: Currency;
  supply: SupplyKind;
  lines: InvoiceLine[];
  gross: number;
  lineDiscount: number;
  billDiscount: number;
  taxableValue: number;
  tax: number;
  /** The sum of the line totals. */
  totalBeforeRoundOff: number;
  /** The "Round off" line: from −49 to +50 paise for INR, always 0 for USD. */
  roundOff: number;
  /** What the customer pays, and the amount that goes to Zoho. */
  total: number;
  /** Taxable value and tax per rate, lowest rate first. */
  taxByRate: RateRow[];
}

/** What the accountant's day CSV shows of an invoice's tax: in all and per rate. */
export interface TaxSummary {
  taxableValue: number;
  tax: number;
  taxByRate: Pick<RateRow, 'rateBasisPoints' | 'taxableValue' | 'tax'>[];
}

/** The summary of a bill's totals (what an invoice keeps and ships beside its bill). */
export function taxSummary(totals: InvoiceTotals): TaxSummary {
  return {
    taxableValue: totals.taxableValue,
    tax: totals.tax,
    taxByRate: totals.taxByRate.map((row) => ({ rateBasisPoints: row.rateBasisPoints, taxableValue: row.taxableValue, tax: row.tax })),
  };
}

/** The "Round off" amount that brings a total in paise to the nearest rupee, 50 paise rounding up. */
export function roundOffToRupee(totalMinor: number): number {
  if (!isMinorAmount(totalMinor)) throw new RangeError(`Not an amount in minor units: ${totalMinor}`);
  const paise = totalMinor % 100;
  // 0 - paise, not -paise: a whole-rupee total gets +0, never -0.
  return paise >= 50 ? 100 - paise : 0 - paise;
}

/** Splits one line's tax by kind; intra-state, CGST takes the odd paisa. */
export function splitTax(tax: number, supply: SupplyKind): TaxParts {
  switch (supply) {
    case 'intra_state': {
      const sgst = Math.floor(tax / 2);
      return { cgst: tax - sgst, sgst, igst: 0, salesTax: 0 };
    }
    case 'inter_state':
      return { cgst: 0, sgst: 0, igst: tax, salesTax: 0 };
    case 'us_sales_tax':
      return { cgst: 0, sgst: 0, igst: 0, salesTax: tax };
  }
}

function supplyOf(regime: TaxRegime): Result<SupplyKind> {
  if (regime.kind === 'us_sales_tax') {
    if (!isRateBasisPoints(regime.rateBasisPoints)) {
      return fail('invalid_input', 'Sales tax rate: the rate must be from 0% to 100% with at most 2 decimals.', 'salesTaxRate');
    }
    return ok('us_sales_tax');
  }
  if (gstStateName(regime.storeStateCode) === undefined) {
    return fail('invalid_input', "Store's state: choose a state from the GST state code list.", 'storeState');
  }
  if (gstStateName(regime.placeOfSupplyStateCode) === undefined) {
    return fail('invalid_input', 'Place of supply: choose a state from the GST state code list.', 'placeOfSupply');
  }
  return ok(regime.storeStateCode === regime.placeOfSupplyStateCode ? 'intra_state' : 'inter_state');
}

function lineRate(regime: TaxRegime, line: InvoiceLineInput, label: string): Result<number> {
  if (regime.kind === 'us_sales_tax') {
    if (line.rateBasisPoints !== undefined) {
      return fail('invalid_input', `${label} tax rate: US lines take the store's sales tax rate or are exempt.`, 'taxRate');
    }
    return ok(line.taxExempt === true ? 0 : regime.rateBasisPoints);
  }
  if (line.taxExempt !== undefined) {
    return fail('invalid_input', `${label} tax: a GST line is exempt through a 0% rate, not the exempt mark.`, 'taxRate');
  }
  if (line.rateBasisPoints === undefined) {
    return fail('invalid_input', `${label} tax rate: every GST line needs its rate.`, 'taxRate');
  }
  return ok(line.rateBasisPoints);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** The whole invoice, or the first rule it breaks, in plain words naming the field. */
export function computeInvoice(input: InvoiceInput): Result<InvoiceTotals> {
  const { regime, lines } = input;
  const currency: Currency = regime.kind === 'gst' ? 'INR' : 'USD';
  const supplyResult = supplyOf(regime);
  if (!supplyResult.ok) return supplyResult;
  const supply = supplyResult.value;
  if (lines.length === 0) return fail('invalid_input', 'Lines: add at least one line to the bill.', 'lines');

  // First pass: each line on its own, for its rate and its value after its own discount.
  const prepared: { input: LineInput; label: string; amounts: LineAmounts }[] = [];
  for (const [index, line] of lines.entries()) {
    const label = `Line ${index + 1}`;
    const rate = lineRate(regime, line, label);
    if (!rate.ok) return rate;
    const lineInput: LineInput = {
      unitPriceMinor: line.unitPriceMinor,
      quantityThousandths: line.quantityThousandths,
      priceIncludesTax: line.priceIncludesTax,
      rateBasisPoints: rate.value,
      ...(line.discount ? { discount: line.discount } : {}),
    };
    const amounts = computeLine(lineInput, 0, label, currency);
    if (!amounts.ok) return amounts;
    prepared.push({ input: lineInput, label, amounts: amounts.value });
  }

  // The bill discount as one amount, then each line's share of it.
  const weights = prepared.map(({ amounts }) => amounts.net);
  const billValue = sum(weights);
  const discount = input.billDiscount ?? { kind: 'amount', minor: 0 };
  let billDiscount: number;
  if (discount.kind === 'percent') {
    if (!isRateBasisPoints(discount.basisPoints)) {
      return fail('invalid_input', 'Bill discount: a percentage must be from 0% to 100% with at most 2 decimals.', 'billDiscount');
    }
    billDiscount = toSafeNumber(divideRoundHalfUp(BigInt(billValue) * BigInt(discount.basisPoints), BigInt(BASIS_POINTS_SCALE)));
  } else {
    if (!isMinorAmount(discount.minor)) {
      return fail('invalid_input', 'Bill discount: enter an amount of 0 or more.', 'billDiscount');
    }
    if (discount.minor > billValue) {
      return fail(
        'invalid_input',
        `Bill discount: the discount cannot be more than the bill after line discounts (${formatMoney(billValue, currency)}).`,
        'billDiscount',
      );
    }
    billDiscount = discount.minor;
  }
  const shares = splitInProportion(billDiscount, weights);

  // Second pass: each line with its share, and its tax split by kind.
  const invoiceLines: InvoiceLine[] = [];
  for (const [index, { input: lineInput, label }] of prepared.entries()) {
    const amounts = computeLine(lineInput, shares[index] ?? 0, label, currency);
    if (!amounts.ok) return amounts;
    const source = lines[index];
    invoiceLines.push({
      ...amounts.value,
      ...splitTax(amounts.value.tax, supply),
      rateBasisPoints: lineInput.rateBasisPoints,
      quantityThousandths: lineInput.quantityThousandths,
      hsnCode: source?.hsnCode ?? '',
      unit: source?.unit ?? '',
    });
  }

  const totalBeforeRoundOff = sum(invoiceLines.map((line) => line.lineTotal));
  if (totalBeforeRoundOff > MAX_AMOUNT_MINOR) {
    return fail('invalid_input', `Bill total: the bill cannot be more than ${formatMoney(MAX_AMOUNT_MINOR, currency)}.`, 'lines');
  }
  const rounds = regime.kind === 'gst' && regime.roundToRupee !== false;
  const roundOff = rounds ? roundOffToRupee(totalBeforeRoundOff) : 0;

  return ok({
    currency,
    supply,
    lines: invoiceLines,
    gross: sum(invoiceLines.map((line) => line.gross)),
    lineDiscount: sum(invoiceLines.map((line) => line.lineDiscount)),
    billDiscount,
    taxableValue: sum(invoiceLines.map((line) => line.taxableValue)),
    tax: sum(invoiceLines.map((line) => line.tax)),
    cgst: sum(invoiceLines.map((line) => line.cgst)),
    sgst: sum(invoiceLines.map((line) => line.sgst)),
    igst: sum(invoiceLines.map((line) => line.igst)),
    salesTax: sum(invoiceLines.map((line) => line.salesTax)),
    totalBeforeRoundOff,
    roundOff,
    total: totalBeforeRoundOff + roundOff,
    taxByRate: taxByRate(invoiceLines),
  });
}

/** Taxable value and tax per rate, lowest rate first: the invoice's tax summary. */
export function taxByRate(lines: readonly InvoiceLine[]): RateRow[] {
  const rows = new Map<number, RateRow>();
  for (const line of lines) {
    const row = rows.get(line.rateBasisPoints) ?? {
      rateBasisPoints: line.rateBasisPoints,
      taxableValue: 0,
      tax: 0,
      cgst: 0,
      sgst: 0,
      igst: 0,
      salesTax: 0,
    };
    row.taxableValue += line.taxableValue;
    row.tax += line.tax;
    row.cgst += line.cgst;
    row.sgst += line.sgst;
    row.igst += line.igst;
    row.salesTax += line.salesTax;
    rows.set(line.rateBasisPoints, row);
  }
  return [...rows.values()].sort((a, b) => a.rateBasisPoints - b.rateBasisPoints);
}
