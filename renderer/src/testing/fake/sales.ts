// At the counter: counters, invoices, card and UPI charges, cash, the receipt.
import type { CounterStatus, ReceiptPart } from '../../../../contract/answers';
import type { HandlerOutput, ParsedInput } from '../../../../contract/handlers';
import { invoiceAwaitsReview, type CashRefund, type CashSale, type Counter } from '../../../../contract/records';
import { ok } from '../../../../contract/result';
import { isLiveState } from '../../../../contract/vocabulary';
import { signedInAt } from './ledger';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

function status(b: FakeState, c: Counter): CounterStatus {
  const cash = b.cashSales.filter((s) => s.counterId === c.id).at(-1);
  // A cash part followed by card/UPI for the rest: the sale is the attempt's.
  if (cash && b.attemptsOf(cash.invoiceId).length === 0) return { counter: c, invoice: b.requireInvoice(cash.invoiceId), attempt: null };
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
  const amountMinor = input.amountMinor ?? invoice.balanceDueMinor;
  if (amountMinor > invoice.balanceDueMinor) refuse('invalid_input', 'Cash part must be at most the balance due.', 'amountMinor');
  if (input.tenderedMinor < amountMinor) refuse('invalid_input', 'Amount tendered must be at least the total.', 'tenderedMinor');
  const at = b.now();
  invoice.balanceDueMinor -= amountMinor;
  invoice.paidInCashMinor += amountMinor;
  if (invoice.balanceDueMinor === 0) Object.assign(invoice, { status: 'paid', paidAt: at });
  const sale: CashSale = {
    id: `cash-${at}`,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    counterId: invoice.counterId,
    amountMinor,
    tenderedMinor: input.tenderedMinor,
    changeMinor: input.tenderedMinor - amountMinor,
    currency: invoice.currency,
    createdAt: at,
  };
  b.cashSales.push(sale);
  return { invoice, sale };
}

function refundCash(b: FakeState, input: ParsedInput<'cash-refund'>): CashRefund {
  const repeated = b.cashRefunds.find((r) => r.id === `cash-refund-${input.requestKey}`);
  if (repeated) return repeated;
  const sale = b.cashSales.findLast((s) => s.invoiceId === input.invoiceId && (input.tenderId === undefined || s.id === input.tenderId)) ?? refuse('conflict', 'This invoice took no cash.', 'invoiceId');
  const paidBack = b.cashRefunds.filter((r) => r.tenderId === sale.id).reduce((sum, r) => sum + r.amountMinor, 0);
  if (paidBack + input.amountMinor > sale.amountMinor) refuse('invalid_input', 'Refund amount is more than is left to refund.', 'amountMinor');
  const refund: CashRefund = {
    id: `cash-refund-${input.requestKey}`,
    tenderId: sale.id,
    invoiceId: sale.invoiceId,
    invoiceNumber: sale.invoiceNumber,
    counterId: sale.counterId,
    amountMinor: input.amountMinor,
    currency: sale.currency,
    reason: input.reason,
    note: input.note ?? null,
    createdAt: b.now(),
    ...signedInAt(b, input.counterId),
  };
  b.cashRefunds.push(refund);
  return refund;
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
      if (input.amountMinor !== undefined && input.amountMinor > invoice.balanceDueMinor) refuse('invalid_input', 'Card or UPI part must be at most the balance due.', 'amountMinor');
      const attempt = b.newAttempt(invoice, input.method, true, input.amountMinor);
      b.publish(attempt);
      return ok(attempt);
    },
    'charge-recheck': (input) => ok(b.requireAttempt(input.attemptId)),
    'cash-settle': (input) => ok(settleCash(b, input)),
    'cash-refund': (input) => ok(refundCash(b, input)),
    'receipt-get': (input) => {
      const invoice = b.requireInvoice(input.invoiceId);
      if (invoice.status !== 'paid') refuse('conflict', 'A receipt is printed once the invoice is paid.', 'invoiceId');
      const cash = b.cashSales.find((s) => s.invoiceId === invoice.id);
      const cards = b.attemptsOf(invoice.id).filter((a) => a.state === 'succeeded');
      const parts: ReceiptPart[] = [
        ...(cash ? [{ tender: 'cash' as const, amountMinor: cash.amountMinor, paymentId: null, tenderedMinor: cash.tenderedMinor, changeMinor: cash.changeMinor, paidAt: cash.createdAt, refunds: [] }] : []),
        ...cards.map((a) => ({ tender: a.method, amountMinor: a.amountMinor, paymentId: a.paymentId, tenderedMinor: null, changeMinor: null, paidAt: a.finalAt ?? 0, refunds: b.refunds.filter((r) => r.attemptId === a.id) })),
      ];
      const last = parts.at(-1) ?? refuse('conflict', 'This invoice has no recorded payment to print.', 'invoiceId');
      return ok({
        storeName: b.settings.storeName,
        storeAddress: b.settings.storeAddress,
        invoice,
        counterName: b.requireCounter(invoice.counterId).name,
        ...last,
        paidAt: invoice.paidAt ?? 0,
        bill: b.bills.get(invoice.id) ?? null,
        parts,
      });
    },
  } satisfies Partial<FakeHandlers>;
}
