import { describe, expect, it } from 'vitest';
import type { Receipt } from './answers';
import { returnableLines, returnableUnits, returnValue } from './refund-rules';

const invoice = { lines: [{ description: 'Tea', quantity: 3, unitPriceMinor: 1_000 }] } as Receipt['invoice'];

describe('goods a customer brings back', () => {
  it('values free lines by their units', () => {
    const [tea] = returnableLines({ invoice, bill: null });
    expect(tea).toEqual({ description: 'Tea', quantityThousandths: 3_000, lineTotalMinor: 3_000 });
    expect(returnableUnits(tea!)).toEqual([1, 2, 3]);
    expect(returnValue(tea!, 2)).toBe(2_000);
    expect(returnValue(tea!, null)).toBe(3_000);
  });

  it("values a bill's line by its share of the line total (tax and discounts in), half up; a weighed line only whole", () => {
    const bill = {
      items: [{ itemId: 'i1', description: 'Soap', unitPriceMinor: 3_000 }, { itemId: 'i2', description: 'Rice (kg)', unitPriceMinor: 8_000 }],
      totals: { lines: [{ quantityThousandths: 3_000, lineTotal: 10_000 }, { quantityThousandths: 750, lineTotal: 6_300 }] },
    } as unknown as NonNullable<Receipt['bill']>;
    const [soap, rice] = returnableLines({ invoice, bill });
    expect(returnValue(soap!, 1)).toBe(3_333);
    expect(returnValue(soap!, 2)).toBe(6_667);
    expect(returnableUnits(rice!)).toEqual([]);
    expect(returnValue(rice!, null)).toBe(6_300);
  });
});
