// What a paid invoice's receipt shows, from its parts: read from this PC's SQLite for its own sales
// (cash-handlers.ts), or from the store's ledger for another PC's (core/store-link/other-pcs-sales.ts).
import type { Receipt } from '../../contract/answers';
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
  cash: CashSale | null;
  /** The invoice's card/UPI attempts, oldest first. */
  attempts: readonly ChargeAttempt[];
  /** The refunds of a payment. */
  refundsOf: (attemptId: string) => readonly Refund[];
}

export function receiptOf(parts: SaleParts): Receipt {
  const { invoice, cash } = parts;
  if (invoice.status !== 'paid') throw new HandlerFailure('conflict', 'A receipt is printed once the invoice is paid.', 'invoiceId');
  const store = { storeName: parts.storeName, storeAddress: parts.storeAddress, invoice, counterName: parts.counterName, bill: parts.bill };
  if (cash) {
    return { ...store, tender: 'cash', paymentId: null, tenderedMinor: cash.tenderedMinor, changeMinor: cash.changeMinor, paidAt: cash.createdAt, refunds: [] };
  }
  // The first success paid the invoice; a later one is a double charge, flagged on its attempt.
  const paid = parts.attempts.find((attempt) => attempt.state === 'succeeded');
  if (!paid) throw new HandlerFailure('conflict', 'This invoice has no recorded payment to print.', 'invoiceId');
  return {
    ...store,
    tender: paid.method,
    paymentId: paid.paymentId,
    tenderedMinor: null,
    changeMinor: null,
    paidAt: invoice.paidAt ?? paid.finalAt ?? paid.updatedAt,
    refunds: parts.refundsOf(paid.id).filter((refund) => refund.state !== 'failed' && refund.state !== 'rejected' && refund.state !== 'canceled'),
  };
}
