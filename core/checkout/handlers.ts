// The counter's checkout: an invoice made from catalogue items and free lines with tax, discounts
// and round-off; its bill is saved with it, and its total is what the terminal is asked for.
import * as catalogue from '../../db/local/catalogue';
import * as counters from '../../db/local/counters';
import { assertDayOpen } from '../../db/local/day-closes';
import * as invoices from '../../db/local/invoices';
import { invoiceFinancialYear, readTaxSettings } from '../catalogue/tax-settings';
import { cashierAtCounter } from '../cashiers/handlers';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';
import { makeBill, plainLines } from '../../contract/catalogue/checkout';

export function checkoutHandlers(ctx: DataContext): Handlers<'invoice-checkout' | 'invoice-bill'> {
  return {
    'invoice-checkout': (input) => {
      const counter = counters.requireCounter(ctx.db, input.counterId);
      if (!counter.active) throw new HandlerFailure('conflict', `${counter.name} is deactivated.`, 'counterId');
      const made = makeBill(input, ctx.currency, readTaxSettings(ctx.db), (id) => catalogue.getItem(ctx.db, id));
      if (!made.ok) throw new HandlerFailure(made.error.code, made.error.message, made.error.field);
      const bill = made.value;
      const createdAt = ctx.now();
      // Before a number is taken: on a closed day, or with nobody signed in, the invoice is refused and no number is used up.
      assertDayOpen(ctx.db, createdAt);
      const cashier = cashierAtCounter(ctx, counter.id);
      const invoice = invoices.createInvoice(ctx.db, {
        ...(cashier ? { cashier } : {}),
        counterId: counter.id,
        number: counters.takeNextInvoiceNumber(ctx.db, counter.id, invoiceFinancialYear(ctx.db, createdAt)),
        lines: plainLines(bill),
        totalMinor: bill.totals.total,
        currency: ctx.currency,
        createdAt,
        bill,
      });
      return { invoice, bill };
    },
    'invoice-bill': (input) => {
      invoices.requireInvoice(ctx.db, input.invoiceId);
      return { bill: invoices.getBill(ctx.db, input.invoiceId) };
    },
  };
}
