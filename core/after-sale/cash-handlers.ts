// Settling an invoice at the till (cash), paying cash back for it, and what its receipt shows.
import type { Receipt } from '../../contract/answers';
import * as attempts from '../../db/local/attempts';
import * as cashRefunds from '../../db/local/cash-refunds';
import * as counters from '../../db/local/counters';
import * as invoices from '../../db/local/invoices';
import * as refunds from '../../db/local/refunds';
import * as tenders from '../../db/local/tenders';
import { signedInCashier } from '../cashiers/handlers';
import { readSettings } from '../handlers/settings';
import type { DataContext, Handlers } from '../handlers/types';
import { receiptOf } from './receipts';

export function salesHandlers(ctx: DataContext): Handlers<'cash-settle' | 'cash-refund' | 'receipt-get'> {
  return {
    // The database refuses cash beside a live or unchecked card/UPI payment, short cash, a paid or
    // void invoice and a closed day, in the transaction that records the tender.
    'cash-settle': (input) => {
      const settled = tenders.settleInCash(ctx.db, { ...input, at: ctx.now() });
      ctx.events.emit({ type: 'ledger-changed' });
      return settled;
    },
    // A refund goes back by the tender it came from: the cash part out of the drawer, never through Zoho.
    // Who paid it: the cashier signed in at the screen's counter (none: the manager, whose PIN it takes).
    'cash-refund': ({ managerToken: _manager, counterId, note, ...input }) => {
      const cashier = signedInCashier(ctx, counterId);
      const refund = cashRefunds.refundCash(ctx.db, { ...input, note: note ?? null, at: ctx.now(), ...(cashier ? { cashier } : {}) });
      ctx.events.emit({ type: 'ledger-changed' });
      return refund;
    },
    // Another PC's sale is read from the store's ledger (core/ports.ts).
    'receipt-get': (input) => ctx.ports().ledger.receipt(input.invoiceId, () => receipt(ctx, input.invoiceId)),
  };
}

/** This PC's own sale's receipt, from its SQLite. */
function receipt(ctx: DataContext, invoiceId: string): Receipt {
  const invoice = invoices.requireInvoice(ctx.db, invoiceId);
  const { storeName, storeAddress } = readSettings(ctx.db);
  return receiptOf({
    invoice,
    counterName: counters.requireCounter(ctx.db, invoice.counterId).name,
    storeName,
    storeAddress,
    bill: invoices.getBill(ctx.db, invoice.id),
    cash: tenders.cashSalesForInvoice(ctx.db, invoice.id),
    attempts: attempts.listAttemptsForInvoice(ctx.db, invoice.id),
    refundsOf: (attemptId) => refunds.listRefundsForAttempt(ctx.db, attemptId),
  });
}
