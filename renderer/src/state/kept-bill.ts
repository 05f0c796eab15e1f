// The bill on screen (draft and cart, as typed) to and from the form kept on this PC. Pure: the
// keeper (bill-keeper.ts) decides when to save and restore.
import type { KeptBill } from '../../../contract/bills';
import type { CatalogueItem } from '../../../contract/catalogue/records';
import type { Cart, CartLine } from './cart';
import { emptyDraft, emptyLine, newLineKey, type Draft } from './invoice-draft';

export function toKept(draft: Draft, cart: Cart): KeptBill {
  return {
    mode: draft.mode,
    lines: draft.lines.map(({ description, quantity, unitPrice }) => ({ description, quantity, unitPrice })),
    amount: draft.amount,
    amountDescription: draft.amountDescription,
    cart: {
      lines: cart.lines.map((line) =>
        line.item ? { itemId: line.item.id, quantity: line.quantity, discount: line.discount } : { typed: line.free, quantity: line.quantity, discount: line.discount },
      ),
      billDiscount: cart.billDiscount,
      placeOfSupply: cart.placeOfSupply,
      customerGstin: cart.customerGstin,
      customerName: cart.customerName,
    },
  };
}

/** The bill back on screen; a cart line whose item has left the catalogue is dropped, a typed one comes back as typed. */
export function fromKept(bill: KeptBill, items: readonly CatalogueItem[]): { draft: Draft; cart: Cart } {
  const lines = bill.lines.map((line) => ({ key: newLineKey(), ...line }));
  const cartLines = bill.cart.lines.flatMap((line): CartLine[] => {
    if (line.typed) return [{ key: newLineKey(), item: null, free: line.typed, quantity: line.quantity, discount: line.discount }];
    const item = items.find((candidate) => candidate.id === line.itemId);
    return item ? [{ key: newLineKey(), item, quantity: line.quantity, discount: line.discount }] : [];
  });
  return {
    draft: { mode: bill.mode, lines: lines.length > 0 ? lines : [emptyLine()], amount: bill.amount, amountDescription: bill.amountDescription },
    cart: { ...bill.cart, lines: cartLines },
  };
}

/** Nothing typed: nothing to keep, hold or lose. */
export function isEmptyBill(bill: KeptBill): boolean {
  const linesBlank = bill.lines.every((line) => line.description.trim() === '' && line.unitPrice.trim() === '' && ['', '1'].includes(line.quantity.trim()));
  return (
    linesBlank &&
    bill.amount.trim() === '' &&
    [emptyDraft().amountDescription, ''].includes(bill.amountDescription.trim()) &&
    bill.cart.lines.length === 0 &&
    bill.cart.billDiscount.trim() === '' &&
    bill.cart.placeOfSupply === '' &&
    bill.cart.customerGstin.trim() === '' &&
    bill.cart.customerName.trim() === ''
  );
}
