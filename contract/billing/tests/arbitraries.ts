// fast-check generators shared by the billing property tests (test support: never imported by product code).
import fc from 'fast-check';
import type { InvoiceInput, InvoiceLineInput } from '../invoice';
import type { LineInput } from '../line';
import { computeLine } from '../line';

/**
 * Lines up to a unit price and a quantity; the defaults keep one line's total under the maximum
 * amount (₹1 lakh × 50 units, even at a 100 % rate).
 */
export function makeLineInputs(maxUnitPriceMinor = 10_000_000, maxQuantityThousandths = 50_000) {
  return fc
    .record({
      unitPriceMinor: fc.integer({ min: 0, max: maxUnitPriceMinor }),
      quantityThousandths: fc.integer({ min: 1, max: maxQuantityThousandths }),
      priceIncludesTax: fc.boolean(),
      rateBasisPoints: fc.oneof(fc.constantFrom(0, 25, 300, 500, 1200, 1800, 2800, 4000), fc.integer({ min: 0, max: 10_000 })),
      discountKind: fc.constantFrom('none', 'percent', 'amount'),
      discountPercent: fc.integer({ min: 0, max: 10_000 }),
      discountFraction: fc.integer({ min: 0, max: 1000 }),
    })
    .map(({ discountKind, discountPercent, discountFraction, ...line }): LineInput => {
      const floorGross = Math.floor((line.unitPriceMinor * line.quantityThousandths) / 1000);
      if (discountKind === 'percent') return { ...line, discount: { kind: 'percent', basisPoints: discountPercent } };
      if (discountKind === 'amount') return { ...line, discount: { kind: 'amount', minor: Math.floor((floorGross * discountFraction) / 1000) } };
      return line;
    });
}

export const lineInputs = makeLineInputs();

/** Any invoice within the app's limits: GST within or across states, or US sales tax, with any discounts. */
export const invoiceInputs = fc
  .record({
    regime: fc.oneof(
      fc.record({
        kind: fc.constant('gst' as const),
        storeStateCode: fc.constantFrom('29', '27', '07'),
        placeOfSupplyStateCode: fc.constantFrom('29', '27', '07'),
        roundToRupee: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('us_sales_tax' as const), rateBasisPoints: fc.integer({ min: 0, max: 1500 }) }),
    ),
    lines: fc.array(fc.record({ line: makeLineInputs(1_000_000, 20_000), exempt: fc.boolean(), hsnCode: fc.constantFrom('0401', '1905', '3401', '6109'), unit: fc.constantFrom('KGS', 'NOS') }), {
      minLength: 1,
      maxLength: 8,
    }),
    billDiscountKind: fc.constantFrom('none', 'percent', 'amount'),
    billPercent: fc.integer({ min: 0, max: 10_000 }),
    billFraction: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ regime, lines, billDiscountKind, billPercent, billFraction }): InvoiceInput => {
    const invoiceLines: InvoiceLineInput[] = lines.map(({ line, exempt, hsnCode, unit }) => {
      if (regime.kind === 'gst') return { ...line, hsnCode, unit };
      const { rateBasisPoints: _unused, ...rest } = line;
      return { ...rest, taxExempt: exempt, hsnCode, unit };
    });
    if (billDiscountKind === 'percent') return { regime, lines: invoiceLines, billDiscount: { kind: 'percent', basisPoints: billPercent } };
    if (billDiscountKind === 'amount') {
      // A fraction of the bill after line discounts (the line's own net, computed the same way).
      const value = lines.reduce((sum, { line }) => sum + netOf(line), 0);
      return { regime, lines: invoiceLines, billDiscount: { kind: 'amount', minor: Math.floor((value * billFraction) / 1000) } };
    }
    return { regime, lines: invoiceLines };
  });

function netOf(line: LineInput): number {
  const result = computeLine(line);
  return result.ok ? result.value.net : 0;
}
