// Reading refunds: the row mapping every refund query shares, and the lookups the core needs.
import type { Currency, RefundReason, RefundState } from '../../contract/vocabulary';
import { COMMITTED_REFUND_STATES, FOLLOWED_REFUND_STATES, UNSETTLED_REFUND_STATES } from '../../contract/vocabulary';
import type { Refund, RefundEvent, RefundWithEvents } from '../../contract/records';
import type { Db } from './database';
import { correctionFor } from './day-closes';
import { NotFoundError } from './errors';
import { OUTBOX_TABLES } from './outbox';
import { prepared, sqlLiterals } from './statements';

export interface RefundRow {
  id: string;
  attempt_id: string;
  invoice_id: string;
  invoice_number: string;
  counter_id: string;
  payment_id: string;
  amount_minor: number;
  currency: Currency;
  reason: RefundReason;
  note: string | null;
  state: RefundState;
  zoho_refund_id: string | null;
  failure_reason: string | null;
  failure_message: string | null;
  created_at: number;
  updated_at: number;
  final_at: number | null;
  /** Who asked for it (migration 029): the cashier signed in at the counter; null for the manager. */
  cashier?: string | null;
}

/** Refunds as `r`, with their invoice's number (another PC's, as seen when refunded: migration 027); add WHERE / ORDER BY. */
const SELECT_REFUNDS = `
  SELECT r.*, coalesce(i.number, p.invoice_number) AS invoice_number
  FROM refunds AS r LEFT JOIN invoices AS i ON i.id = r.invoice_id LEFT JOIN remote_payments AS p ON p.attempt_id = r.attempt_id`;

export function toRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    attemptId: row.attempt_id,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    counterId: row.counter_id,
    paymentId: row.payment_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    reason: row.reason,
    note: row.note,
    state: row.state,
    zohoRefundId: row.zoho_refund_id,
    failureReason: row.failure_reason,
    failureMessage: row.failure_message,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finalAt: row.final_at,
    ...(row.cashier ? { cashier: row.cashier } : {}),
  };
}

export function getRefund(db: Db, id: string): Refund | null {
  const row = prepared<[string], RefundRow>(db, `${SELECT_REFUNDS} WHERE r.id = ?`).get(id);
  return row ? toRefund(row) : null;
}

export function requireRefund(db: Db, id: string): Refund {
  const refund = getRefund(db, id);
  if (!refund) throw new NotFoundError('refund', id);
  return refund;
}

export function getRefundByRequestKey(db: Db, requestKey: string): Refund | null {
  const row = prepared<[string], RefundRow>(db, `${SELECT_REFUNDS} WHERE r.request_key = ?`).get(requestKey);
  return row ? toRefund(row) : null;
}

/** The payment's refunds, in the order they were made. */
export function listRefundsForAttempt(db: Db, attemptId: string): Refund[] {
  return prepared<[string], RefundRow>(db, `${SELECT_REFUNDS} WHERE r.attempt_id = ? ORDER BY r.rowid`).all(attemptId).map(toRefund);
}

/** The payment's refunds made here, in the order they were made, each with its history. */
export function listRefundsWithEvents(db: Db, attemptId: string): RefundWithEvents[] {
  return listRefundsForAttempt(db, attemptId).map((refund) => ({ refund, events: listRefundEvents(db, refund.id), correction: correctionFor(db, 'refund', refund.id) }));
}

/** Refunds Zoho has not finished and ones still being created: resumed at start-up. */
export function listUnfinishedRefunds(db: Db): Refund[] {
  const states = sqlLiterals([...FOLLOWED_REFUND_STATES, 'creating']);
  return prepared<[], RefundRow>(db, `${SELECT_REFUNDS} WHERE r.state IN (${states}) ORDER BY r.rowid`).all().map(toRefund);
}

/** Refunds created in [fromMs, toMs), newest first, optionally of one counter's payments. */
export function listRefundsForDay(db: Db, fromMs: number, toMs: number, counterId?: string): Refund[] {
  return prepared<[number, number, string | null, string | null], RefundRow>(
    db,
    `${SELECT_REFUNDS} WHERE r.created_at >= ? AND r.created_at < ? AND (? IS NULL OR r.counter_id = ?) ORDER BY r.created_at DESC, r.rowid DESC`,
  )
    .all(fromMs, toMs, counterId ?? null, counterId ?? null)
    .map(toRefund);
}

/** A refund's state as Zoho last said: its correction's, when Zoho answered after its day was closed (migration 017). */
const EFFECTIVE_STATE = `coalesce((SELECT c.to_state FROM corrections AS c WHERE c.record_kind = 'refund' AND c.record_id = r.id), r.state)`;

/** What the payment's refunds already take: every refund but the ones that refunded nothing (by Zoho's last word). */
export function committedRefundMinor(db: Db, attemptId: string): number {
  const row = prepared<[string], { total: number }>(
    db,
    `SELECT coalesce(sum(r.amount_minor), 0) AS total FROM refunds AS r WHERE r.attempt_id = ? AND ${EFFECTIVE_STATE} IN (${sqlLiterals(COMMITTED_REFUND_STATES)})`,
  ).get(attemptId);
  return row?.total ?? 0;
}

/** A refund of the payment being created or with a lost answer Zoho has not settled (not even as a correction): its failure reason. */
export function unsettledRefund(db: Db, attemptId: string): { failureReason: string | null } | undefined {
  const unsettled = sqlLiterals(UNSETTLED_REFUND_STATES);
  return prepared<[string], { failureReason: string | null }>(
    db,
    `SELECT r.failure_reason AS failureReason FROM refunds AS r WHERE r.attempt_id = ? AND r.state IN (${unsettled}) AND ${EFFECTIVE_STATE} IN (${unsettled}) LIMIT 1`,
  ).get(attemptId);
}

export interface RefundEventRow {
  id: number;
  refund_id: string;
  at: number;
  from_state: RefundState | null;
  to_state: RefundState;
  actor: string;
  reason: string;
}

/** Oldest first, in the order they were written. */
export function listRefundEvents(db: Db, refundId: string): RefundEvent[] {
  return prepared<[string], RefundEventRow>(db, 'SELECT * FROM refund_events WHERE refund_id = ? ORDER BY id')
    .all(refundId)
    .map(toRefundEvent);
}

export function toRefundEvent(row: RefundEventRow): RefundEvent {
  return { id: row.id, refundId: row.refund_id, at: row.at, fromState: row.from_state, toState: row.to_state, actor: row.actor, reason: row.reason };
}

/** The refund's row as the store keeps it (the outbox's columns, db/local/outbox.ts): what the store reserves before Zoho is asked. */
export function refundRowForStore(db: Db, refundId: string): Record<string, unknown> {
  const columns = OUTBOX_TABLES.find((table) => table.table === 'refunds')?.columns ?? [];
  const row = prepared<[string], Record<string, unknown>>(db, `SELECT ${columns.join(', ')} FROM refunds WHERE id = ?`).get(refundId);
  if (!row) throw new NotFoundError('refund', refundId);
  return row;
}
