// Cash paid back out of the drawer for an invoice's cash tender (migration 023): a refund goes back by
// the tender it came from, so a cash part is refunded here, never through Zoho. The rules are checked
// here (typed refusals) and again by the migration's trigger.
import { randomUUID } from 'node:crypto';
import type { CashRefund, CashSale } from '../../contract/records';
import type { RefundReason } from '../../contract/vocabulary';
import type { Db } from './database';
import { assertDayOpen } from './day-closes';
import { ConflictError, InvalidStateError, RefundExceedsPaymentError } from './errors';
import { requireInvoice } from './invoices';
import { assertRelearned } from './relearn';
import { inWriteTransaction, prepared } from './statements';
import { cashSalesForInvoice } from './tenders';

export interface NewCashRefund {
  invoiceId: string;
  /** The cash part paid back (an invoice may have several); by default the newest with enough left. */
  tenderId?: string;
  amountMinor: number;
  reason: RefundReason;
  note: string | null;
  /** Made by the screen once per refund form: the same key again finds the same refund (nothing is paid out twice). */
  requestKey: string;
  at: number;
  /** The cashier signed in at the counter where it was paid (none: the manager). */
  cashier?: string;
}

export interface CashRefundRow {
  id: string;
  tender_id: string;
  invoice_id: string;
  invoice_number: string;
  counter_id: string;
  amount_minor: number;
  currency: CashRefund['currency'];
  reason: RefundReason;
  note: string | null;
  created_at: number;
  cashier?: string | null;
}

const SELECT_CASH_REFUNDS = `
  SELECT r.id, r.tender_id, r.invoice_id, i.number AS invoice_number, r.counter_id, r.amount_minor, r.currency, r.reason, r.note, r.created_at, r.cashier
  FROM cash_refunds AS r JOIN invoices AS i ON i.id = r.invoice_id`;

export function toCashRefund(row: CashRefundRow): CashRefund {
  return {
    id: row.id,
    tenderId: row.tender_id,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    counterId: row.counter_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    reason: row.reason,
    note: row.note,
    createdAt: row.created_at,
    ...(row.cashier ? { cashier: row.cashier } : {}),
  };
}

/**
 * Pays cash back for one of the invoice's cash parts (`tenderId`, or the newest with enough left).
 * The same request key for the same invoice returns that refund again; for another invoice it is a
 * ConflictError. Refuses an invoice that took no cash (InvalidStateError invoice_no_cash), a part of
 * another invoice (ConflictError tenderId), more than is left of the part (RefundExceedsPaymentError)
 * and a closed day (DayClosedError).
 */
export function refundCash(db: Db, input: NewCashRefund): CashRefund {
  return inWriteTransaction(db, () => {
    const earlier = prepared<[string], CashRefundRow>(db, `${SELECT_CASH_REFUNDS} WHERE r.request_key = ?`).get(input.requestKey);
    if (earlier) {
      if (earlier.invoice_id !== input.invoiceId) throw new ConflictError('refund', 'requestKey', 'This refund request was already used for another invoice.');
      return toCashRefund(earlier);
    }
    const invoice = requireInvoice(db, input.invoiceId);
    const parts = cashSalesForInvoice(db, invoice.id).map((part) => ({ part, left: part.amountMinor - cashRefundedMinor(db, part.id) }));
    if (parts.length === 0) throw new InvalidStateError('invoice_no_cash');
    const { part: tender, left } = partToPayBack(parts, input);
    // A restored store PC may not know of cash already paid back after its backup: it asks the store first.
    assertRelearned(db, tender.createdAt, 'invoiceId');
    if (input.amountMinor > left) throw new RefundExceedsPaymentError(left, tender.amountMinor, tender.currency);
    assertDayOpen(db, input.at);

    const id = randomUUID();
    prepared<[Record<string, unknown>]>(
      db,
      `INSERT INTO cash_refunds (id, tender_id, invoice_id, counter_id, amount_minor, currency, reason, note, request_key, created_at, updated_at, cashier)
       VALUES (@id, @tenderId, @invoiceId, @counterId, @amountMinor, @currency, @reason, @note, @requestKey, @at, @at, @cashier)`,
    ).run({
      id,
      tenderId: tender.id,
      invoiceId: invoice.id,
      counterId: tender.counterId,
      amountMinor: input.amountMinor,
      currency: tender.currency,
      reason: input.reason,
      note: input.note,
      requestKey: input.requestKey,
      at: input.at,
      cashier: input.cashier ?? null,
    });
    const written = prepared<[string], CashRefundRow>(db, `${SELECT_CASH_REFUNDS} WHERE r.id = ?`).get(id);
    if (!written) throw new Error(`The cash refund of ${invoice.number} was not written.`);
    return toCashRefund(written);
  });
}

/** The cash part named, or the newest with `amountMinor` left (else the one with the most left: then refused as too much). */
function partToPayBack(parts: readonly { part: CashSale; left: number }[], input: NewCashRefund): { part: CashSale; left: number } {
  if (input.tenderId !== undefined) {
    const named = parts.find(({ part }) => part.id === input.tenderId);
    if (!named) throw new ConflictError('refund', 'tenderId', 'That cash part is not one of this invoice’s.');
    return named;
  }
  const newestFirst = [...parts].reverse();
  const enough = newestFirst.find(({ left }) => left >= input.amountMinor);
  if (enough) return enough;
  return newestFirst.reduce((most, next) => (next.left > most.left ? next : most));
}

function cashRefundedMinor(db: Db, tenderId: string): number {
  return prepared<[string], { paid: number }>(db, 'SELECT coalesce(sum(amount_minor), 0) AS paid FROM cash_refunds WHERE tender_id = ?').get(tenderId)?.paid ?? 0;
}

/** The cash paid back for the invoice, oldest first. */
export function listCashRefundsForInvoice(db: Db, invoiceId: string): CashRefund[] {
  return prepared<[string], CashRefundRow>(db, `${SELECT_CASH_REFUNDS} WHERE r.invoice_id = ? ORDER BY r.created_at, r.rowid`).all(invoiceId).map(toCashRefund);
}

/** Cash paid back in [fromMs, toMs), newest first, optionally at one counter. */
export function listCashRefundsForDay(db: Db, fromMs: number, toMs: number, counterId?: string): CashRefund[] {
  return prepared<[number, number, string | null, string | null], CashRefundRow>(
    db,
    `${SELECT_CASH_REFUNDS} WHERE r.created_at >= ? AND r.created_at < ? AND (? IS NULL OR r.counter_id = ?) ORDER BY r.created_at DESC, r.rowid DESC`,
  )
    .all(fromMs, toMs, counterId ?? null, counterId ?? null)
    .map(toCashRefund);
}
