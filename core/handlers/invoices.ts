import { multiplyMinor, sumMinor } from '../../contract/money';
import * as attempts from '../../db/local/attempts';
import * as counters from '../../db/local/counters';
import { assertDayOpen } from '../../db/local/day-closes';
import * as invoices from '../../db/local/invoices';
import { invoiceFinancialYear } from '../catalogue/tax-settings';
import { cashierAtCounter } from '../cashiers/handlers';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from './types';

export function invoiceHandlers(ctx: DataContext): Handlers<'invoice-next-number' | 'invoice-create' | 'invoice-get' | 'invoice-void'> {
  return {
    'invoice-next-number': (input) => ({ number: counters.peekNextInvoiceNumber(ctx.db, input.counterId, invoiceFinancialYear(ctx.db, ctx.now())) }),
    'invoice-create': (input) => {
      const counter = counters.requireCounter(ctx.db, input.counterId);
      if (!counter.active) throw new HandlerFailure('conflict', `${counter.name} is deactivated.`, 'counterId');
      const lineTotals = input.lines.map((line, index) => {
        const total = multiplyMinor(line.unitPriceMinor, line.quantity);
        if (!total.ok) throw new HandlerFailure('invalid_input', `Line ${index + 1}: ${total.message}`, `lines.${index}`);
        return total.value;
      });
      const total = sumMinor(lineTotals);
      if (!total.ok) throw new HandlerFailure('invalid_input', `Invoice total: ${total.message}`, 'lines');
      const createdAt = ctx.now();
      // Before a number is taken: on a closed day, or with nobody signed in, the invoice is refused and no number is used up.
      assertDayOpen(ctx.db, createdAt);
      const cashier = cashierAtCounter(ctx, counter.id, input.program);
      return invoices.createInvoice(ctx.db, {
        ...(cashier ? { cashier } : {}),
        counterId: counter.id,
        number: input.number ?? counters.takeNextInvoiceNumber(ctx.db, counter.id, invoiceFinancialYear(ctx.db, createdAt)),
        lines: input.lines,
        totalMinor: total.value,
        currency: ctx.currency,
        createdAt,
      });
    },
    'invoice-get': (input) => {
      const invoice = invoices.requireInvoice(ctx.db, input.invoiceId);
      return { invoice, attempts: attempts.listAttemptsForInvoice(ctx.db, invoice.id) };
    },
    'invoice-void': (input) => invoices.voidInvoice(ctx.db, input.invoiceId),
  };
}
