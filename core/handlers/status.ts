import type { Counter } from '../../contract/records';
import type { CounterStatus } from '../../contract/answers';
import * as attempts from '../../db/local/attempts';
import * as counters from '../../db/local/counters';
import * as invoices from '../../db/local/invoices';
import { latestCashSaleForCounter } from '../../db/local/tenders';
import type { DataContext, Handlers } from './types';

export function statusHandlers(ctx: DataContext): Handlers<'counter-status' | 'dashboard'> {
  return {
    'counter-status': (input) => counterStatus(ctx, counters.requireCounter(ctx.db, input.counterId)),
    // In a store, a counter's newer payment made at another PC shows instead (core/ports.ts).
    dashboard: () => ctx.ports().ledger.counters(counters.listCounters(ctx.db).map((counter) => counterStatus(ctx, counter))),
  };
}

/**
 * What a counter is doing: its latest attempt and that attempt's invoice, unless an open invoice
 * was started after it (a new sale), or a cash sale was made after it (then that invoice, with no
 * attempt). This is how a reload mid-payment returns to the payment.
 */
function counterStatus(ctx: DataContext, counter: Counter): CounterStatus {
  const attempt = attempts.latestAttemptForCounter(ctx.db, counter.id);
  const open = invoices.latestOpenInvoice(ctx.db, counter.id);
  const cash = latestCashSaleForCounter(ctx.db, counter.id);
  if (cash && (!attempt || cash.createdAt > attempt.createdAt) && (!open || cash.createdAt > open.createdAt)) {
    return { counter, invoice: invoices.getInvoice(ctx.db, cash.invoiceId), attempt: null };
  }
  if (open && (!attempt || open.createdAt > attempt.createdAt || open.id === attempt.invoiceId)) {
    const latestForOpen = attempt && attempt.invoiceId === open.id ? attempt : null;
    return { counter, invoice: open, attempt: latestForOpen };
  }
  if (!attempt) return { counter, invoice: null, attempt: null };
  return { counter, invoice: invoices.getInvoice(ctx.db, attempt.invoiceId), attempt };
}
