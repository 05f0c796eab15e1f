// Invoices settled at the till (cash), wholly or in part (split tender): each cash part its own tender, as many as
// the customer pays in (migration 030). The tender and the invoice's move to paid are one transaction; the rules are
// checked here (typed refusals) and again by the migrations' triggers.
import { randomUUID } from 'node:crypto';
import type { CashSale, Invoice } from '../../contract/records';
import type { Db } from './database';
import { assertDayOpen } from './day-closes';
import { assertRelearned } from './relearn';
import { InvalidStateError, PartTooLargeError, InvoiceOfAnotherCounterError, TenderTooSmallError } from './errors';
import { recordInvoicePaid, requireInvoice } from './invoices';
import { byPageKey, keysetPages, type PageKey } from './keyset-pages';
import { invoiceHasLiveAttempt } from './live-attempts';
import { invoiceAwaitsReview } from './reviews';
import { allRows, inWriteTransaction, prepared } from './statements';

export interface CashSettlement {
  invoiceId: string;
  counterId: string;
  tenderedMinor: number;
  /** A part paid in cash (split tender): the rest is then charged by card or UPI. By default, the whole balance due. */
  amountMinor?: number;
  at: number;
}

/**
 * Records the invoice's cash tender: the whole balance due (the invoice is then paid), or a part of
 * it (the balance stays due, for card or UPI, or another cash part). Refuses an invoice of another
 * counter, a paid or void one, one whose card/UPI payment is live or not checked (InvalidStateError
 * invoice_card_payment_pending), a part over the balance (the total less every part paid before:
 * PartTooLargeError), too little cash (TenderTooSmallError) and a closed day (DayClosedError).
 */
export function settleInCash(db: Db, input: CashSettlement): { invoice: Invoice; sale: CashSale } {
  return inWriteTransaction(db, () => {
    const invoice = requireInvoice(db, input.invoiceId);
    assertRelearned(db, invoice.createdAt, 'invoiceId');
    if (invoice.counterId !== input.counterId) throw new InvoiceOfAnotherCounterError(invoice.number);
    if (invoice.status === 'paid') throw new InvalidStateError('invoice_paid');
    if (invoice.status === 'void') throw new InvalidStateError('invoice_void');
    if (invoiceHasLiveAttempt(db, invoice.id) || invoiceAwaitsReview(db, invoice.id)) throw new InvalidStateError('invoice_card_payment_pending');
    const amountMinor = input.amountMinor ?? invoice.balanceDueMinor;
    if (amountMinor > invoice.balanceDueMinor) throw new PartTooLargeError('Cash part', amountMinor, invoice.balanceDueMinor, invoice.currency);
    const part = amountMinor < invoice.balanceDueMinor;
    if (input.tenderedMinor < amountMinor) throw new TenderTooSmallError(input.tenderedMinor, amountMinor, invoice.currency, part ? 'part' : 'due');
    assertDayOpen(db, input.at);
    assertDayOpen(db, invoice.createdAt);

    const id = randomUUID();
    prepared<[Record<string, unknown>]>(
      db,
      `INSERT INTO tenders (id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at)
       VALUES (@id, @invoiceId, @counterId, 'cash', @amountMinor, @tenderedMinor, @changeMinor, @currency, @at, @at)`,
    ).run({
      id,
      invoiceId: invoice.id,
      counterId: invoice.counterId,
      amountMinor,
      tenderedMinor: input.tenderedMinor,
      changeMinor: input.tenderedMinor - amountMinor,
      currency: invoice.currency,
      at: input.at,
    });
    recordInvoicePaid(db, invoice.id, null, input.at);
    const written = prepared<[string], TenderRow>(db, `${SELECT_TENDERS} WHERE t.id = ?`).get(id);
    if (!written) throw new Error(`The cash sale of ${invoice.number} was not written.`);
    const sale = toCashSale(written);
    return { invoice: requireInvoice(db, invoice.id), sale };
  });
}

export interface TenderRow {
  id: string;
  invoice_id: string;
  invoice_number: string;
  counter_id: string;
  amount_minor: number;
  tendered_minor: number;
  change_minor: number;
  currency: CashSale['currency'];
  created_at: number;
  /** The invoice's cashier (this PC's rows, and the store's). */
  cashier?: string | null;
}

const TENDER_COLUMNS = 't.*, i.number AS invoice_number, i.cashier AS cashier';
const TENDERS_FROM = 'FROM tenders AS t JOIN invoices AS i ON i.id = t.invoice_id';
const SELECT_TENDERS = `SELECT ${TENDER_COLUMNS} ${TENDERS_FROM}`;

export function toCashSale(row: TenderRow): CashSale {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    counterId: row.counter_id,
    amountMinor: row.amount_minor,
    tenderedMinor: row.tendered_minor,
    changeMinor: row.change_minor,
    currency: row.currency,
    createdAt: row.created_at,
    ...(row.cashier ? { cashier: row.cashier } : {}),
  };
}

/** The invoice's cash parts, in the order taken. */
export function cashSalesForInvoice(db: Db, invoiceId: string): CashSale[] {
  return prepared<[string], TenderRow>(db, `${SELECT_TENDERS} WHERE t.invoice_id = ? ORDER BY t.created_at, t.rowid`).all(invoiceId).map(toCashSale);
}

/** The counter's newest cash sale: a reload shows it (with its change) as the counter's last sale. */
export function latestCashSaleForCounter(db: Db, counterId: string): CashSale | null {
  const row = prepared<[string], TenderRow>(db, `${SELECT_TENDERS} WHERE t.counter_id = ? ORDER BY t.created_at DESC, t.rowid DESC LIMIT 1`).get(counterId);
  return row ? toCashSale(row) : null;
}

/** Cash sales in [fromMs, toMs), newest first, optionally at one counter. */
/** The window's cash sales newest first, `size` at a time (keyset pages, as attemptPages), for the CSV. */
export function* cashSalePages(db: Db, fromMs: number, toMs: number, counterId: string | undefined, size: number): Generator<CashSale[]> {
  const select = `SELECT t.rowid AS page_key, ${TENDER_COLUMNS} ${TENDERS_FROM} WHERE t.created_at >= @fromMs AND t.created_at < @toMs AND (@counterId IS NULL OR t.counter_id = @counterId)`;
  const order = 'ORDER BY t.created_at DESC, t.rowid DESC LIMIT @size';
  const params = { fromMs, toMs, counterId: counterId ?? null, size };
  yield* keysetPages<TenderRow & PageKey, CashSale>(
    (end) =>
      end === null
        ? allRows<TenderRow & PageKey>(db, `${select} ${order}`, params)
        : // After a page, the index range ends at its last time (as attemptPages).
          allRows<TenderRow & PageKey>(db, `${select} AND (t.created_at < @endAt OR t.rowid < @endKey) ${order}`, {
            ...params,
            toMs: Math.min(toMs, end.at + 1),
            endAt: end.at,
            endKey: end.key,
          }),
    size,
    toCashSale,
    byPageKey,
  );
}

export function listCashSalesForDay(db: Db, fromMs: number, toMs: number, counterId?: string): CashSale[] {
  return prepared<[number, number, string | null, string | null], TenderRow>(
    db,
    `${SELECT_TENDERS} WHERE t.created_at >= ? AND t.created_at < ? AND (? IS NULL OR t.counter_id = ?) ORDER BY t.created_at DESC, t.rowid DESC`,
  )
    .all(fromMs, toMs, counterId ?? null, counterId ?? null)
    .map(toCashSale);
}
