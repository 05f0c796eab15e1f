import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../contract/catalogue/records';
import { addToCart, cartInput, EMPTY_CART, parseDiscount, previewBill } from './cart';

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
});
