// At the counter: counters, invoices, card and UPI charges, cash, the receipt.
import type { CounterStatus } from '../../../../contract/answers';
import type { HandlerOutput, ParsedInput } from '../../../../contract/handlers';
import { invoiceAwaitsReview, type CashSale, type Counter } from '../../../../contract/records';
import { ok } from '../../../../contract/result';
import { isLiveState } from '../../../../contract/vocabulary';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

function status(b: FakeState, c: Counter): CounterStatus {
  const cash = b.cashSales.filter((s) => s.counterId === c.id).at(-1);
  if (cash) return { counter: c, invoice: b.requireInvoice(cash.invoiceId), attempt: null };
  const open = b.invoices.filter((i) => i.counterId === c.id && i.status === 'open').at(-1);
  const latest = b.attempts.filter((a) => a.counterId === c.id).at(-1);
  const invoice = open ?? (latest ? b.requireInvoice(latest.invoiceId) : null);
  return { counter: c, invoice, attempt: invoice ? (b.attemptsOf(invoice.id).at(-1) ?? null) : null };
}

function settleCash(b: FakeState, input: ParsedInput<'cash-settle'>): HandlerOutput<'cash-settle'> {
  const invoice = b.requireInvoice(input.invoiceId);
  if (b.attemptsOf(invoice.id).some((a) => isLiveState(a.state)) || invoiceAwaitsReview(b.attemptsOf(invoice.id))) {
    refuse('conflict', 'This invoice has a card or UPI payment that is still running or whose outcome is unknown.', 'invoiceId');
  }
  if (input.tenderedMinor < invoice.totalMinor) refuse('invalid_input', 'Amount tendered must be at least the total.', 'tenderedMinor');
  const at = b.now();
  Object.assign(invoice, { status: 'paid', paidAt: at });
  const sale: CashSale = {
    id: `cash-${at}`,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    counterId: invoice.counterId,
    amountMinor: invoice.totalMinor,
    tenderedMinor: input.tenderedMinor,
    changeMinor: input.tenderedMinor - invoice.totalMinor,
    currency: invoice.currency,
    createdAt: at,
  };
  b.cashSales.push(sale);
  return { invoice, sale };
}

export function saleHandlers(b: FakeState) {
  return {
    'app-info': () => ok(b.appInfo),
    'counters-list': (input) => ok(b.counters.filter((c) => input.includeInactive === true || c.active)),
    'counter-status': (input) => ok(status(b, b.requireCounter(input.counterId))),
    dashboard: () => ok(b.counters.map((c) => status(b, c))),
    'invoice-next-number': (input) => ok({ number: b.nextNumber(input.counterId) }),
    'invoice-create': (input) => ok(b.createInvoice(input.counterId, input.lines, input.number)),
    'invoice-get': (input) => ok({ invoice: b.requireInvoice(input.invoiceId), attempts: b.attemptsOf(input.invoiceId) }),
    'invoice-void': (input) => {
      const invoice = b.requireInvoice(input.invoiceId);
      invoice.status = 'void';
      return ok(invoice);
    },
    'charge-create': (input) => {
      const invoice = b.requireInvoice(input.invoiceId);
      if (invoice.status === 'paid') refuse('conflict', `Invoice ${invoice.number} is already paid.`);
      const earlier = b.attemptsOf(invoice.id);
      if (earlier.some((a) => isLiveState(a.state))) refuse('conflict', 'This invoice already has a payment in progress.');
      if (invoiceAwaitsReview(earlier) && input.confirmChecked !== true) {
        refuse('conflict', 'Check the terminal before charging this invoice again.', 'confirmChecked');
      }
      const attempt = b.newAttempt(invoice, input.method, true);
      b.publish(attempt);
      return ok(attempt);
    },
    'charge-recheck': (input) => ok(b.requireAttempt(input.attemptId)),
    'cash-settle': (input) => ok(settleCash(b, input)),
    'receipt-get': (input) => {
      const invoice = b.requireInvoice(input.invoiceId);
      if (invoice.status !== 'paid') refuse('conflict', 'A receipt is printed once the invoice is paid.', 'invoiceId');
      const cash = b.cashSales.find((s) => s.invoiceId === invoice.id);
      const paid = b.attemptsOf(invoice.id).find((a) => a.state === 'succeeded');
      return ok({
        storeName: b.settings.storeName,
        storeAddress: b.settings.storeAddress,
        invoice,
        counterName: b.requireCounter(invoice.counterId).name,
        tender: cash ? 'cash' : (paid?.method ?? 'card'),
        paymentId: paid?.paymentId ?? null,
        tenderedMinor: cash?.tenderedMinor ?? null,
        changeMinor: cash?.changeMinor ?? null,
        paidAt: invoice.paidAt ?? 0,
        refunds: b.refunds.filter((r) => r.invoiceId === invoice.id),
        bill: b.bills.get(invoice.id) ?? null,
      });
    },
  } satisfies Partial<FakeHandlers>;
}
