// The checkout's cart as the cashier types it (text), and its exact conversion to the contract's
// checkout input; the bill shown is contract/catalogue/checkout's makeBill, the same code the backend
// runs, so the screen shows what will be saved and charged.
import type { Bill } from '../../../contract/catalogue/bill';
import { makeBill } from '../../../contract/catalogue/checkout';
import type { HandlerInput } from '../../../contract/handlers';
import type { CatalogueItem, TaxSettings } from '../../../contract/catalogue/records';
import { UNIT_FACTS } from '../../../contract/catalogue/units';
import type { Discount } from '../../../contract/billing/line';
import { formatQuantity, parseQuantity, QUANTITY_SCALE } from '../../../contract/billing/quantity';
import { parseRatePercent } from '../../../contract/billing/rates';
import { parseAmount } from '../../../contract/money';
import { fail, ok, type Result } from '../../../contract/result';
import type { Currency } from '../../../contract/vocabulary';

/** A line typed by hand (a barcode not in the catalogue, or no catalogue at all), as typed. */
export interface FreeText {
  description: string;
  /** "40.00": the price of one, tax included for GST. */
  price: string;
  /** GST rate in percent: "5", "0". */
  rate: string;
}

interface CartLineBase {
  key: string;
  /** As typed: "2", "0.750". */
  quantity: string;
  /** As typed: "" (none), "10%" or "15.00". */
  discount: string;
}

/** A catalogue item's line, or a line typed by hand (`item` null). */
export type CartLine = CartLineBase & ({ item: CatalogueItem; free?: undefined } | { item: null; free: FreeText });

export const EMPTY_FREE_TEXT: FreeText = { description: '', price: '', rate: '' };

export interface Cart {
  lines: CartLine[];
  billDiscount: string;
  /** India: a state code when the goods are delivered to another state; '' for the store's own. */
  placeOfSupply: string;
  customerGstin: string;
  customerName: string;
}

export const EMPTY_CART: Cart = { lines: [], billDiscount: '', placeOfSupply: '', customerGstin: '', customerName: '' };

/** One more of an item already in the cart (a second scan), or a new line of one. */
export function addToCart(cart: Cart, item: CatalogueItem, key: string): Cart {
  const existing = cart.lines.find((line) => line.item?.id === item.id && !UNIT_FACTS[item.unit].measured);
  if (existing) {
    const quantity = parseQuantity(existing.quantity);
    if (quantity.ok) {
      const more = formatQuantity(quantity.value + QUANTITY_SCALE);
      return { ...cart, lines: cart.lines.map((line) => (line === existing ? { ...line, quantity: more } : line)) };
    }
  }
  return { ...cart, lines: [...cart.lines, { key, item, quantity: '1', discount: '' }] };
}

/** A new, empty line typed by hand. */
export function addFreeLine(cart: Cart, key: string): Cart {
  return { ...cart, lines: [...cart.lines, { key, item: null, free: EMPTY_FREE_TEXT, quantity: '1', discount: '' }] };
}

/** A free line's checkout fields, or the first one wrong (keyed `<lineKey>.description`, `.price`, `.rate`). */
function freeLineInput(free: FreeText, key: string, label: string): Result<{ description: string; unitPriceMinor: number; rateBasisPoints?: number }> {
  const description = free.description.trim();
  if (description === '') return fail('invalid_input', `${label}: type what is sold.`, `${key}.description`);
  const price = parseAmount(free.price);
  if (!price.ok) return fail('invalid_input', `${label} price: ${price.message}`, `${key}.price`);
  if (free.rate.trim() === '') return ok({ description, unitPriceMinor: price.value });
  const rate = parseRatePercent(free.rate, `${label} GST rate`);
  if (!rate.ok) return fail('invalid_input', rate.error.message, `${key}.rate`);
  return ok({ description, unitPriceMinor: price.value, rateBasisPoints: rate.value });
}

/** "10%" → 10 % off; "15.00" → 15.00 off; "" → none. `field` names the field in the message. */
export function parseDiscount(text: string, field: string): Result<Discount | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return ok(undefined);
  if (trimmed.endsWith('%')) {
    const rate = parseRatePercent(trimmed, field);
    return rate.ok ? ok({ kind: 'percent', basisPoints: rate.value }) : rate;
  }
  const amount = parseAmount(trimmed);
  return amount.ok ? ok({ kind: 'amount', minor: amount.value }) : fail('invalid_input', `${field}: ${amount.message} For a percentage, end with %, like 10%.`, field);
}

/** The checkout input of the cart, or the first field that is wrong (keyed `<lineKey>.quantity`, `billDiscount`, …). */
export function cartInput(cart: Cart): Result<Omit<HandlerInput<'invoice-checkout'>, 'counterId'>> {
  if (cart.lines.length === 0) return fail('invalid_input', 'Scan or search an item, or add a line typed by hand, to start the bill.', 'lines');
  const lines = [];
  for (const [index, line] of cart.lines.entries()) {
    const label = `Line ${index + 1}`;
    const quantity = parseQuantity(line.quantity, `${label} quantity`);
    if (!quantity.ok) return fail('invalid_input', quantity.error.message, `${line.key}.quantity`);
    const discount = parseDiscount(line.discount, `${label} discount`);
    if (!discount.ok) return fail('invalid_input', discount.error.message, `${line.key}.discount`);
    const what = line.item ? ok({ itemId: line.item.id }) : freeLineInput(line.free, line.key, label);
    if (!what.ok) return what;
    lines.push({ ...what.value, quantityThousandths: quantity.value, ...(discount.value ? { discount: discount.value } : {}) });
  }
  const billDiscount = parseDiscount(cart.billDiscount, 'Bill discount');
  if (!billDiscount.ok) return fail('invalid_input', billDiscount.error.message, 'billDiscount');
  const gstin = cart.customerGstin.trim();
  const name = cart.customerName.trim();
  return ok({
    lines,
    ...(billDiscount.value ? { billDiscount: billDiscount.value } : {}),
    ...(cart.placeOfSupply === '' ? {} : { placeOfSupply: cart.placeOfSupply }),
    ...(gstin === '' && name === '' ? {} : { customer: { gstin, name } }),
  });
}

/** The bill the backend will make of the cart, or the first thing wrong with it (its field keyed as in cartInput). */
export function previewBill(cart: Cart, currency: Currency, tax: TaxSettings): Result<Bill> {
  const input = cartInput(cart);
  if (!input.ok) return input;
  const bill = makeBill(input.value, currency, tax, (id) => cart.lines.find((line) => line.item?.id === id)?.item ?? null);
  if (bill.ok) return bill;
  const line = /^lines\.(\d+)\.?(\w+)?/.exec(bill.error.field ?? '');
  const key = line ? cart.lines[Number(line[1])]?.key : undefined;
  return key ? fail(bill.error.code, bill.error.message, `${key}.${CART_FIELD[line?.[2] ?? ''] ?? 'quantity'}`) : bill;
}

/** The cart's field of a checkout line's field. */
const CART_FIELD: Record<string, string> = { discount: 'discount', description: 'description', unitPriceMinor: 'price', rateBasisPoints: 'rate' };
