// Counters: a till with its card/UPI terminal and its own invoice number series.
import { randomUUID } from 'node:crypto';
import type { Counter } from '../../contract/records';
import { COUNTER_SEQUENCE_DIGITS, counterSeriesPrefix } from '../../contract/billing/invoice-number';
import type { Db } from './database';
import { ConflictError, InvalidStateError, NotFoundError } from './errors';
import { counterHasLiveAttempt } from './live-attempts';
import { getSetting, setSetting } from './settings';
import { assignments, inWriteTransaction, prepared } from './statements';

interface CounterRow {
  id: string;
  name: string;
  terminal_id: string;
  invoice_prefix: string;
  next_invoice_seq: number;
  active: 0 | 1;
  created_at: number;
}

function toCounter(row: CounterRow): Counter {
  return {
    id: row.id,
    name: row.name,
    terminalId: row.terminal_id,
    invoicePrefix: row.invoice_prefix,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

export interface NewCounter {
  name: string;
  terminalId: string;
  invoicePrefix: string;
  createdAt: number;
}

export type CounterChanges = Partial<Pick<Counter, 'name' | 'terminalId' | 'invoicePrefix'>>;

const CHANGEABLE_COLUMNS: Record<keyof CounterChanges, string> = {
  name: 'name',
  terminalId: 'terminal_id',
  invoicePrefix: 'invoice_prefix',
};

/**
 * Oldest first, then by id, as the store lists them (db/store/config.ts): every PC of a store
 * shows one order, whichever PC made the counters and in whatever order it got them.
 */
export function listCounters(db: Db, options: { includeInactive?: boolean } = {}): Counter[] {
  const where = options.includeInactive ? '' : 'WHERE active = 1';
  return prepared<[], CounterRow>(db, `SELECT * FROM counters ${where} ORDER BY created_at, id`)
    .all()
    .map(toCounter);
}

/** How many counters are in use (not deactivated). */
export function countActiveCounters(db: Db): number {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM counters WHERE active = 1').get()?.n ?? 0;
}

export function getCounter(db: Db, id: string): Counter | null {
  const row = findRow(db, id);
  return row ? toCounter(row) : null;
}

/**
 * Throws ConflictError (field terminalId or invoicePrefix) when another active counter has either.
 * A counter made in the same millisecond as one before it (or with the clock set back) is dated a
 * millisecond after the newest, so counters list in the order they were made, on every PC.
 */
export function createCounter(db: Db, input: NewCounter): Counter {
  return inWriteTransaction(db, () => {
    const id = randomUUID();
    assertUniqueAmongActive(db, id, input);
    prepared<[NewCounter & { id: string }]>(
      db,
      `INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at)
       VALUES (@id, @name, @terminalId, @invoicePrefix, max(@createdAt, coalesce((SELECT max(created_at) + 1 FROM counters), @createdAt)))`,
    ).run({ ...input, id });
    return toCounter(requireRow(db, id));
  });
}

/**
 * Changes name, terminal or prefix. Moving to another terminal is refused with InvalidStateError
 * while the counter has a live payment on its current one; ConflictError as for createCounter.
 */
export function updateCounter(db: Db, id: string, changes: CounterChanges): Counter {
  return inWriteTransaction(db, () => {
    const current = toCounter(requireRow(db, id));
    const { sql, params } = assignments(CHANGEABLE_COLUMNS, changes);
    if (sql === '') return current;
    const terminalId = changes.terminalId ?? current.terminalId;
    const invoicePrefix = changes.invoicePrefix ?? current.invoicePrefix;
    if (terminalId !== current.terminalId && counterHasLiveAttempt(db, id)) throw new InvalidStateError('payment_in_progress');
    if (current.active) assertUniqueAmongActive(db, id, { terminalId, invoicePrefix });
    prepared<[Record<string, unknown>]>(db, `UPDATE counters SET ${sql} WHERE id = @id`).run({ ...params, id });
    return toCounter(requireRow(db, id));
  });
}

/** Frees the counter's terminal and prefix for other counters; its invoices and payments remain. */
export function deactivateCounter(db: Db, id: string): Counter {
  return inWriteTransaction(db, () => {
    requireRow(db, id);
    if (counterHasLiveAttempt(db, id)) throw new InvalidStateError('payment_in_progress');
    prepared<[string]>(db, 'UPDATE counters SET active = 0 WHERE id = ?').run(id);
    return toCounter(requireRow(db, id));
  });
}

/**
 * Store mode: the store's counter as this PC keeps it (the same id), inserted or brought up to
 * date. Refused like updateCounter and deactivateCounter: InvalidStateError while a payment is
 * live on it and its terminal changes or it is deactivated; ConflictError when another active
 * counter here has its terminal or prefix (the caller applies the others and tries again later).
 */
export function saveStoreCounter(db: Db, counter: Counter): Counter {
  return inWriteTransaction(db, () => {
    const current = findRow(db, counter.id);
    if (current) {
      const moves = counter.terminalId !== current.terminal_id || (!counter.active && current.active === 1);
      if (moves && counterHasLiveAttempt(db, counter.id)) throw new InvalidStateError('payment_in_progress');
    }
    if (counter.active) assertUniqueAmongActive(db, counter.id, counter);
    prepared<[Record<string, unknown>]>(
      db,
      `INSERT INTO counters (id, name, terminal_id, invoice_prefix, active, created_at)
       VALUES (@id, @name, @terminalId, @invoicePrefix, @active, @createdAt)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, terminal_id = excluded.terminal_id,
         invoice_prefix = excluded.invoice_prefix, active = excluded.active`,
    ).run({ ...counter, active: counter.active ? 1 : 0 });
    return toCounter(requireRow(db, counter.id));
  });
}

/**
 * Moves the counter's invoice numbers past `sequence` (a number the store has seen used), so a
 * counter taken over from another PC goes on from where that PC left it. `financialYear`: the
 * year a restarting series numbers in (null for a series that never restarts), as for takeNextInvoiceNumber.
 */
export function advanceInvoiceSequence(db: Db, counterId: string, sequence: number, financialYear: number | null = null): void {
  inWriteTransaction(db, () => {
    const counter = requireRow(db, counterId);
    setNextSequence(db, counterId, Math.max(startOfSeries(db, counter, financialYear), sequence + 1), financialYear);
  });
}

/** The number takeNextInvoiceNumber would give now, without consuming it (for display while billing). */
export function peekNextInvoiceNumber(db: Db, counterId: string, financialYear: number | null = null): string {
  const counter = requireRow(db, counterId);
  const prefix = counterSeriesPrefix(counter.invoice_prefix, financialYear);
  return formatInvoiceNumber(prefix, nextFreeSequence(db, prefix, startOfSeries(db, counter, financialYear)));
}

/**
 * The counter's next invoice number ("A-000001"), consumed atomically. Numbers already used by an
 * invoice (a prefix reused after its counter was deactivated, a number typed by hand) are skipped.
 * With `financialYear` (the series restarts each 1 April) the number carries the year and starts
 * again at 1 in a new year: "A-26-27/000001".
 */
export function takeNextInvoiceNumber(db: Db, counterId: string, financialYear: number | null = null): string {
  return inWriteTransaction(db, () => {
    const counter = requireRow(db, counterId);
    if (counter.active === 0) throw new InvalidStateError('counter_inactive');
    const prefix = counterSeriesPrefix(counter.invoice_prefix, financialYear);
    const sequence = nextFreeSequence(db, prefix, startOfSeries(db, counter, financialYear));
    setNextSequence(db, counterId, sequence + 1, financialYear);
    return formatInvoiceNumber(prefix, sequence);
  });
}

/** The financial year the counter's stored sequence belongs to (settings), for a restarting series. */
const seriesYearKey = (counterId: string) => `invoice_series_year:${counterId}`;

/** Where the series goes on from: the stored sequence, or 1 in a financial year it has not numbered in yet. */
function startOfSeries(db: Db, counter: CounterRow, financialYear: number | null): number {
  if (financialYear === null || getSetting(db, seriesYearKey(counter.id)) === String(financialYear)) return counter.next_invoice_seq;
  return 1;
}

function setNextSequence(db: Db, counterId: string, next: number, financialYear: number | null): void {
  prepared<[number, string]>(db, 'UPDATE counters SET next_invoice_seq = ? WHERE id = ?').run(next, counterId);
  if (financialYear !== null) setSetting(db, seriesYearKey(counterId), String(financialYear));
}

function nextFreeSequence(db: Db, prefix: string, from: number): number {
  const numberTaken = prepared<[string], { found: 0 | 1 }>(
    db,
    'SELECT EXISTS (SELECT 1 FROM invoices WHERE number = ?) AS found',
  );
  let sequence = from;
  while (numberTaken.get(formatInvoiceNumber(prefix, sequence))?.found === 1) sequence += 1;
  return sequence;
}

function formatInvoiceNumber(prefix: string, sequence: number): string {
  return prefix + String(sequence).padStart(COUNTER_SEQUENCE_DIGITS, '0');
}

function findRow(db: Db, id: string): CounterRow | undefined {
  return prepared<[string], CounterRow>(db, 'SELECT * FROM counters WHERE id = ?').get(id);
}

export function requireCounter(db: Db, id: string): Counter {
  return toCounter(requireRow(db, id));
}

function requireRow(db: Db, id: string): CounterRow {
  const row = findRow(db, id);
  if (!row) throw new NotFoundError('counter', id);
  return row;
}

function assertUniqueAmongActive(db: Db, id: string, counter: Pick<Counter, 'terminalId' | 'invoicePrefix'>): void {
  const takenBy = (column: string, value: string): boolean =>
    prepared<[string, string], { found: 0 | 1 }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM counters WHERE active = 1 AND ${column} = ? AND id <> ?) AS found`,
    ).get(value, id)?.found === 1;
  if (takenBy('terminal_id', counter.terminalId)) {
    throw new ConflictError('counter', 'terminalId', 'Another active counter already uses this terminal.');
  }
  if (takenBy('invoice_prefix', counter.invoicePrefix)) {
    throw new ConflictError('counter', 'invoicePrefix', 'Another active counter already uses this invoice prefix.');
  }
}
