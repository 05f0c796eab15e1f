// The cart's bill, worked out once per change of the cart (or of the tax settings or currency):
// the counter screen, the invoice total, the cart's lines and its totals all read this one result,
// and a selector that gets the same cart gets the same object back (so nothing re-renders for it).
import type { Bill } from '../../../contract/catalogue/bill';
import type { TaxSettings } from '../../../contract/catalogue/records';
import type { Result } from '../../../contract/result';
import type { Currency } from '../../../contract/vocabulary';
import { previewBill, type Cart } from './cart';
import { useCartStore } from './cart-state';

let last: { cart: Cart; currency: Currency; tax: TaxSettings; bill: Result<Bill> } | null = null;

/** The bill the backend will make of the cart; null until the store's tax settings are read. */
export function cartBill(cart: Cart, currency: Currency, tax: TaxSettings | null): Result<Bill> | null {
  if (!tax) return null;
  if (last?.cart === cart && last.currency === currency && last.tax === tax) return last.bill;
  const bill = previewBill(cart, currency, tax);
  last = { cart, currency, tax, bill };
  return bill;
}

/** The cart's bill (see cartBill); re-renders only when the cart, tax settings or currency change. */
export function useCartBill(currency: Currency): Result<Bill> | null {
  return useCartStore((s) => cartBill(s.cart, currency, s.tax));
}

/** The bill's total in minor units, 0 while the cart cannot make one; re-renders only when it changes. */
export function useCartTotal(currency: Currency): number {
  return useCartStore((s) => cartTotal(cartBill(s.cart, currency, s.tax)));
}

function cartTotal(bill: Result<Bill> | null): number {
  return bill?.ok ? bill.value.totals.total : 0;
}
