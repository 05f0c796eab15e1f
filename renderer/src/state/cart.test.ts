import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../contract/catalogue/records';
import { addFreeLine, addToCart, cartInput, EMPTY_CART, parseDiscount, previewBill, type Cart, type FreeText } from './cart';

const item = (id: string, unit: CatalogueItem['unit'] = 'piece'): CatalogueItem => ({
  id, name: `Item ${id}`, sku: id, barcodes: [], unit, priceMinor: 10000, priceIncludesTax: true, rateBasisPoints: 500, hsnCode: '0902', taxExempt: false, active: true, updatedAt: 0,
});
const TAX = { gstin: '27AAPFU0939F1ZV', stateCode: '27', stateName: 'Maharashtra', usSalesTaxBasisPoints: 0, roundOff: true, invoiceNumbersRestartEachYear: false };

describe('the cart', () => {
  it('counts a second scan of a counted item as one more, and gives a weighed item a line of its own', () => {
    let cart = addToCart(EMPTY_CART, item('a'), 'k1');
    cart = addToCart(cart, item('a'), 'k2');
    cart = addToCart(cart, item('w', 'kg'), 'k3');
    cart = addToCart(cart, item('w', 'kg'), 'k4');
    expect(cart.lines.map((line) => [line.key, line.quantity])).toEqual([['k1', '2'], ['k3', '1'], ['k4', '1']]);
  });

  it('reads a discount as a percentage with %, else as an amount, and says which field is wrong', () => {
    expect(parseDiscount('10%', 'Bill discount')).toEqual({ ok: true, value: { kind: 'percent', basisPoints: 1000 } });
    expect(parseDiscount(' 15.50 ', 'Bill discount')).toEqual({ ok: true, value: { kind: 'amount', minor: 1550 } });
    expect(parseDiscount('', 'Bill discount')).toEqual({ ok: true, value: undefined });
    expect(parseDiscount('ten', 'Bill discount')).toMatchObject({ ok: false, error: { field: 'Bill discount', message: /^Bill discount: .*end with %/ } });
  });

  it('sends quantities in thousandths and places a bad field on its line', () => {
    const cart = { ...addToCart(EMPTY_CART, item('w', 'kg'), 'k1'), billDiscount: '5%' };
    const weighed = { ...cart, lines: cart.lines.map((line) => ({ ...line, quantity: '0.750' })) };
    expect(cartInput(weighed)).toEqual({ ok: true, value: { lines: [{ itemId: 'w', quantityThousandths: 750 }], billDiscount: { kind: 'percent', basisPoints: 500 } } });
    const bad = { ...cart, lines: cart.lines.map((line) => ({ ...line, quantity: '0.7505' })) };
    expect(cartInput(bad)).toMatchObject({ ok: false, error: { field: 'k1.quantity' } });
    const tooMuch = { ...cart, lines: cart.lines.map((line) => ({ ...line, discount: '200.00' })) };
    expect(previewBill(tooMuch, 'INR', TAX)).toMatchObject({ ok: false, error: { field: 'k1.discount' } });
  });

  it('sells a line typed by hand at its own price and GST rate, and places each missing field on its line', () => {
    const typed = (free: Partial<FreeText>): Cart => {
      const cart = addFreeLine(addToCart(EMPTY_CART, item('a'), 'k1'), 'k2');
      return { ...cart, lines: cart.lines.map((line) => (line.free ? { ...line, free: { ...line.free, ...free } } : line)) };
    };
    const whole = typed({ description: ' Gift wrap ', price: '40.00', rate: '18' });
    expect(cartInput(whole)).toEqual({
      ok: true,
      value: { lines: [{ itemId: 'a', quantityThousandths: 1000 }, { description: 'Gift wrap', unitPriceMinor: 4000, rateBasisPoints: 1800, quantityThousandths: 1000 }] },
    });
    const bill = previewBill(whole, 'INR', TAX);
    expect(bill.ok && bill.value.totals.taxByRate.map((row) => row.rateBasisPoints)).toEqual([500, 1800]);
    expect(cartInput(typed({ price: '40.00', rate: '18' }))).toMatchObject({ ok: false, error: { field: 'k2.description', message: 'Line 2: type what is sold.' } });
    expect(cartInput(typed({ description: 'Gift wrap', price: 'forty', rate: '18' }))).toMatchObject({ ok: false, error: { field: 'k2.price' } });
    expect(cartInput(typed({ description: 'Gift wrap', price: '40', rate: 'x' }))).toMatchObject({ ok: false, error: { field: 'k2.rate', message: /^Line 2 GST rate: / } });
    expect(previewBill(typed({ description: 'Gift wrap', price: '40' }), 'INR', TAX)).toMatchObject({ ok: false, error: { field: 'k2.rate', message: /GST rate/ } });
    expect(previewBill(typed({ description: 'Gift wrap', price: '40' }), 'USD', TAX)).toMatchObject({ ok: true });
  });
});
