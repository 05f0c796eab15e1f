// Closed days and the corrections counted after them. A business day is a local date's records,
// from the close of the day before (or its midnight) to its own close (or the next midnight): a day
// closed before its midnight ends at the moment of the close, and what is sold after that belongs
// to the next business day at once. Closing is one row per date with its window; from then on the
// triggers of migration 009 refuse any new or changed record dated in the window. The writes that
// may meet a closed day ask `assertDayOpen` first, so they refuse with a typed DayClosedError.
import { randomUUID } from 'node:crypto';
import { formatDate, localDayRange, previousDate } from '../../contract/calendar';
import type { Correction, DayClose } from '../../contract/records';
import type { Db } from './database';
import { ConflictError, DayClosedError, InvalidStateError } from './errors';
import { inWriteTransaction, prepared } from './statements';

export interface DayCloseRow {
  id: string;
  day: string;
  from_ms: number;
  to_ms: number;
  closed_by: string;
  awaiting_review: number;
  summary: string;
  created_at: number;
}

export function toDayClose(row: DayCloseRow): DayClose {
  return { id: row.id, day: row.day, closedBy: row.closed_by, closedAt: row.created_at, awaitingReview: row.awaiting_review };
}

export interface NewDayClose {
  /** The close's id (a new one when not given; the store's when it was closed there first). */
  id?: string;
  day: string;
  fromMs: number;
  toMs: number;
  closedBy: string;
  awaitingReview: number;
  /** The day's totals as they stood (JSON), kept with the close. */
  summary: unknown;
  at: number;
}

/**
 * Closes the day: ConflictError if it already was, InvalidStateError (payment_in_progress) while a
 * payment or refund of the day is still being sent (its answer could not be written afterwards).
 */
export function closeDay(db: Db, input: NewDayClose): DayClose {
  return inWriteTransaction(db, () => {
    if (getDayClose(db, input.day)) throw new ConflictError('dayClose', 'date', `${formatDate(input.day)} is already closed.`);
    if (countLiveInWindow(db, input.fromMs, input.toMs) > 0) throw new InvalidStateError('payment_in_progress');
    const id = input.id ?? randomUUID();
    prepared<[Record<string, unknown>]>(
      db,
      `INSERT INTO day_closes (id, day, from_ms, to_ms, closed_by, awaiting_review, summary, created_at, updated_at)
       VALUES (@id, @day, @fromMs, @toMs, @closedBy, @awaitingReview, @summary, @at, @at)`,
    ).run({ ...input, id, summary: JSON.stringify(input.summary) });
    const close = getDayClose(db, input.day);
    if (!close) throw new Error(`The close of ${input.day} was not written.`);
    return close;
  });
}

/** Payments (creating, in progress) and refunds (creating) of the window whose answer is still awaited. */
export function countLiveInWindow(db: Db, fromMs: number, toMs: number): number {
  const row = prepared<[number, number, number, number], { live: number }>(
    db,
    `SELECT (SELECT count(*) FROM charge_attempts WHERE state IN ('creating', 'in_progress') AND created_at >= ? AND created_at < ?)
          + (SELECT count(*) FROM refunds WHERE state = 'creating' AND created_at >= ? AND created_at < ?) AS live`,
  ).get(fromMs, toMs, fromMs, toMs);
  return row?.live ?? 0;
}

export function getDayClose(db: Db, day: string): DayClose | null {
  const row = closeRow(db, day);
  return row ? toDayClose(row) : null;
}

function closeRow(db: Db, day: string): DayCloseRow | undefined {
  return prepared<[string], DayCloseRow>(db, 'SELECT * FROM day_closes WHERE day = ?').get(day);
}

/**
 * The business day `day` as [fromMs, toMs): a closed day's own window; an open one's runs from the
 * close of the day before (or its midnight, if that day is open or was closed after its midnight)
 * to the next midnight.
 */
export function businessDayRange(db: Db, day: string): BusinessDay {
  return businessDayOf(day, closeRow(db, day) ?? null, closeRow(db, previousDate(day)) ?? null);
}

/** A business day's window [fromMs, toMs). */
export interface BusinessDay {
  fromMs: number;
  toMs: number;
}

/** The business day `day` from its own close and the day before's (null: open), as this PC's or the store's closes say. */
export function businessDayOf(day: string, own: Pick<DayCloseRow, 'from_ms' | 'to_ms'> | null, before: Pick<DayCloseRow, 'to_ms'> | null): BusinessDay {
  if (own) return { fromMs: own.from_ms, toMs: own.to_ms };
  const calendar = localDayRange(day);
  return { fromMs: before ? Math.min(before.to_ms, calendar.fromMs) : calendar.fromMs, toMs: calendar.toMs };
}

/** The close covering the instant `at` (unix ms), if its day is closed. */
export function closeCovering(db: Db, at: number): DayClose | null {
  const row = prepared<[number, number], DayCloseRow>(db, 'SELECT * FROM day_closes WHERE from_ms <= ? AND to_ms > ? LIMIT 1').get(at, at);
  return row ? toDayClose(row) : null;
}

/** Throws DayClosedError when the record dated `at` belongs to a closed day. */
export function assertDayOpen(db: Db, at: number): void {
  const close = closeCovering(db, at);
  if (close) throw new DayClosedError(close.day, close.closedBy, close.closedAt);
}

export interface CorrectionRow {
  id: string;
  day: string;
  closed_day: string;
  record_kind: 'charge' | 'refund';
  record_id: string;
  counter_id: string;
  invoice_number: string;
  from_state: string;
  to_state: string;
  amount_minor: number;
  payment_id: string | null;
  detail: string;
  created_at: number;
}

export function toCorrection(row: CorrectionRow): Correction {
  return {
    id: row.id,
    day: row.day,
    closedDay: row.closed_day,
    recordKind: row.record_kind,
    recordId: row.record_id,
    counterId: row.counter_id,
    invoiceNumber: row.invoice_number,
    fromState: row.from_state,
    toState: row.to_state,
    amountMinor: row.amount_minor,
    paymentId: row.payment_id,
    detail: row.detail,
    createdAt: row.created_at,
  };
}

export type NewCorrection = Omit<Correction, 'id' | 'createdAt'> & { at: number };

/** Records Zoho's late word on a closed day's record, once per record (a repeat returns the first). */
export function recordCorrection(db: Db, input: NewCorrection): Correction {
  return inWriteTransaction(db, () => {
    const existing = correctionFor(db, input.recordKind, input.recordId);
    if (existing) return existing;
    const id = randomUUID();
    prepared<[Record<string, unknown>]>(
      db,
      `INSERT INTO corrections (id, day, closed_day, record_kind, record_id, counter_id, invoice_number, from_state, to_state,
                                amount_minor, payment_id, detail, created_at, updated_at)
       VALUES (@id, @day, @closedDay, @recordKind, @recordId, @counterId, @invoiceNumber, @fromState, @toState,
               @amountMinor, @paymentId, @detail, @at, @at)`,
    ).run({ ...input, id });
    const written = correctionFor(db, input.recordKind, input.recordId);
    if (!written) throw new Error('The correction was not written.');
    return written;
  });
}

export function correctionFor(db: Db, kind: Correction['recordKind'], recordId: string): Correction | null {
  const row = prepared<[string, string], CorrectionRow>(db, 'SELECT * FROM corrections WHERE record_kind = ? AND record_id = ?').get(kind, recordId);
  return row ? toCorrection(row) : null;
}

/** The corrections counted on `day`, oldest first. */
export function listCorrectionsForDay(db: Db, day: string, counterId?: string): Correction[] {
  const rows = prepared<[string, string | null, string | null], CorrectionRow>(
    db,
    'SELECT * FROM corrections WHERE day = ? AND (? IS NULL OR counter_id = ?) ORDER BY created_at, rowid',
  ).all(day, counterId ?? null, counterId ?? null);
  return rows.map(toCorrection);
}
