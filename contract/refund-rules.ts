// A refund's rules that the screen and the backend both use: the message for an amount beyond what
// is left of the payment, and the goods a customer may bring back, each with its value, so a return
// is refunded by item and quantity (a line's share of its total, tax and discounts included).
import type { Receipt } from './answers';
import { divideRoundHalfUp, toSafeNumber } from './billing/arithmetic';
import { formatMoney } from './money';
import type { Currency } from './vocabulary';

export function refundTooLargeMessage(leftMinor: number, paymentMinor: number, currency: Currency): string {
  return `Refund amount must be at most ${formatMoney(leftMinor, currency)}: that is what is left to refund of this ${formatMoney(paymentMinor, currency)} payment.`;
}

/** A line of the invoice that can come back: its quantity in thousandths and what the customer paid for it. */
export interface ReturnableLine {
  description: string;
  quantityThousandths: number;
  lineTotalMinor: number;
}

/** The invoice's lines as goods: a checkout's bill (with its real quantities and totals) or the free lines. */
export function returnableLines(receipt: Pick<Receipt, 'invoice' | 'bill'>): ReturnableLine[] {
  if (receipt.bill) {
    const { items, totals } = receipt.bill;
    return totals.lines.map((line, index) => ({ description: items[index]?.description ?? '', quantityThousandths: line.quantityThousandths, lineTotalMinor: line.lineTotal }));
  }
  return receipt.invoice.lines.map((line) => ({ description: line.description, quantityThousandths: line.quantity * 1000, lineTotalMinor: line.unitPriceMinor * line.quantity }));
}

/** Whole units a line can be returned by (1 … its quantity); a weighed line only whole ([] then). */
export function returnableUnits(line: ReturnableLine): number[] {
  if (line.quantityThousandths % 1000 !== 0) return [];
  return Array.from({ length: line.quantityThousandths / 1000 }, (_, index) => index + 1);
}

/** What `units` of the line are worth (null: the whole line), rounded half up to the paisa or cent. */
export function returnValue(line: ReturnableLine, units: number | null): number {
  if (units === null) return line.lineTotalMinor;
  return toSafeNumber(divideRoundHalfUp(BigInt(line.lineTotalMinor) * BigInt(units * 1000), BigInt(line.quantityThousandths)));
}
