// Settling an invoice at the till (cash), paying cash back for it, and what its receipt shows.
import type { Tender } from '../../contract/vocabulary';
import type { Receipt, ReceiptPart } from '../../contract/answers';
import * as attempts from '../../db/local/attempts';
import * as cashRefunds from '../../db/local/cash-refunds';
import * as counters from '../../db/local/counters';
import * as invoices from '../../db/local/invoices';
import * as refunds from '../../db/local/refunds';
import * as tenders from '../../db/local/tenders';
import { HandlerFailure } from '../failure';
import { readSettings } from '../handlers/settings';
import type { DataContext, Handlers } from '../handlers/types';

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
    'cash-refund': ({ managerToken: _manager, note, ...input }) => {
      const refund = cashRefunds.refundCash(ctx.db, { ...input, note: note ?? null, at: ctx.now() });
      ctx.events.emit({ type: 'ledger-changed' });
      return refund;
    },
    'receipt-get': (input) => receipt(ctx, input.invoiceId),
  };
}

function receipt(ctx: DataContext, invoiceId: string): Receipt {
  const invoice = invoices.requireInvoice(ctx.db, invoiceId);
  if (invoice.status !== 'paid') throw new HandlerFailure('conflict', 'A receipt is printed once the invoice is paid.', 'invoiceId');
  const settings = readSettings(ctx.db);
  const counter = counters.requireCounter(ctx.db, invoice.counterId);
  const parts = receiptParts(ctx, invoice.id);
  const last = parts.at(-1);
  if (!last) throw new HandlerFailure('conflict', 'This invoice has no recorded payment to print.', 'invoiceId');
  return {
    storeName: settings.storeName,
    storeAddress: settings.storeAddress,
    invoice,
    counterName: counter.name,
    bill: invoices.getBill(ctx.db, invoice.id),
    ...last,
    paidAt: invoice.paidAt ?? last.paidAt,
    parts,
  };
}

/**
 * The tenders that paid the invoice, in order: its cash (whole or a part), then each card/UPI
 * payment that succeeded. A success on an invoice already paid is a double charge, flagged on its
 * attempt, not a tender of this sale.
 */
function receiptParts(ctx: DataContext, invoiceId: string): ReceiptPart[] {
  const cash = tenders.cashSaleForInvoice(ctx.db, invoiceId);
  const parts: ReceiptPart[] = cash
    ? [{ tender: 'cash', amountMinor: cash.amountMinor, paymentId: null, tenderedMinor: cash.tenderedMinor, changeMinor: cash.changeMinor, paidAt: cash.createdAt, refunds: [] }]
    : [];
  let coveredMinor = cash?.amountMinor ?? 0;
  const total = invoices.requireInvoice(ctx.db, invoiceId).totalMinor;
  for (const paid of attempts.listAttemptsForInvoice(ctx.db, invoiceId)) {
    if (paid.state !== 'succeeded' || coveredMinor >= total) continue;
    coveredMinor += paid.amountMinor;
    const tender: Tender = paid.method;
    parts.push({
      tender,
      amountMinor: paid.amountMinor,
      paymentId: paid.paymentId,
      tenderedMinor: null,
      changeMinor: null,
      paidAt: paid.finalAt ?? paid.updatedAt,
      refunds: refunds.listRefundsForAttempt(ctx.db, paid.id).filter((refund) => refund.state !== 'failed' && refund.state !== 'rejected' && refund.state !== 'canceled'),
    });
  }
  return parts;
}
