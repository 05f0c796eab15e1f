// fast-check generators shared by the billing property tests (test support: never imported by product code).
import fc from 'fast-check';
import type { LineInput } from '../line';

/** Lines within the app's limits (the bound keeps the line total under the maximum amount). */
export const lineInputs = fc
  .record({
    unitPriceMinor: fc.integer({ min: 0, max: 10_000_000 }),
    quantityThousandths: fc.integer({ min: 1, max: 50_000 }),
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
