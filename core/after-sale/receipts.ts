// What a paid invoice's receipt shows, from its parts: read from this PC's SQLite for its own sales
// (cash-handlers.ts), or from the store's ledger for another PC's (core/store-link/other-pcs-sales.ts).
import type { Receipt, ReceiptPart } from '../../contract/answers';
import type { Bill } from '../../contract/catalogue/bill';
import type { CashSale, ChargeAttempt, Invoice, Refund } from '../../contract/records';
import { HandlerFailure } from '../failure';

export interface SaleParts {
  invoice: Invoice;
  counterName: string;
  /** The store's name and address as this PC has them (its own, or the store's in store mode). */
  storeName: string;
  storeAddress: string;
  bill: Bill | null;
  /** Its cash parts, in the order taken. */
  cash: readonly CashSale[];
  /** The invoice's card/UPI attempts, oldest first. */
  attempts: readonly ChargeAttempt[];
  /** The refunds of a payment. */
  refundsOf: (attemptId: string) => readonly Refund[];
}

export function receiptOf(parts: SaleParts): Receipt {
  const { invoice } = parts;
  if (invoice.status !== 'paid') throw new HandlerFailure('conflict', 'A receipt is printed once the invoice is paid.', 'invoiceId');
  const tenders = receiptParts(parts);
  const last = tenders.at(-1);
  if (!last) throw new HandlerFailure('conflict', 'This invoice has no recorded payment to print.', 'invoiceId');
  return {
    storeName: parts.storeName,
    storeAddress: parts.storeAddress,
    invoice,
    counterName: parts.counterName,
    bill: parts.bill,
    ...last,
    paidAt: invoice.paidAt ?? last.paidAt,
    parts: tenders,
  };
}

/**
 * The tenders that paid the invoice, in the order they were paid: each cash part (or the whole) and each
 * card/UPI payment that succeeded, until the total is covered. A success on an invoice already paid
 * is a double charge, flagged on its attempt, not a tender of this sale.
 */
function receiptParts({ invoice, cash, attempts, refundsOf }: SaleParts): ReceiptPart[] {
  const cashParts = cash.map(
    (part): ReceiptPart => ({ tender: 'cash', amountMinor: part.amountMinor, paymentId: null, tenderedMinor: part.tenderedMinor, changeMinor: part.changeMinor, paidAt: part.createdAt, refunds: [] }),
  );
  const cardParts = attempts
    .filter((paid) => paid.state === 'succeeded')
    .map((paid): ReceiptPart => ({
      tender: paid.method,
      amountMinor: paid.amountMinor,
      paymentId: paid.paymentId,
      tenderedMinor: null,
      changeMinor: null,
      paidAt: paid.finalAt ?? paid.updatedAt,
      refunds: refundsOf(paid.id).filter((refund) => refund.state !== 'failed' && refund.state !== 'rejected' && refund.state !== 'canceled'),
    }));
  // Cash is recorded only while no card/UPI payment is live, so paidAt orders the parts as they were taken.
  const inOrder = [...cashParts, ...cardParts].sort((a, b) => a.paidAt - b.paidAt);
  const parts: ReceiptPart[] = [];
  let coveredMinor = 0;
  for (const part of inOrder) {
    if (coveredMinor >= invoice.totalMinor) break;
    coveredMinor += part.amountMinor;
    parts.push(part);
  }
  return parts;
}
