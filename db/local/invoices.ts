// Invoices: what the customer is billed. Paid/failed status changes only through finalizeAttempt.
import { randomUUID } from 'node:crypto';
import type { Currency, InvoiceStatus } from '../../contract/vocabulary';
import type { Bill } from '../../contract/catalogue/bill';
import { taxSummary, type TaxSummary } from '../../contract/billing/invoice';
import type { Invoice, InvoiceLine } from '../../contract/records';
import { multiplyMinor, sumMinor } from '../../contract/money';
import type { AmountResult } from '../../contract/money';
import type { Db } from './database';
import { assertDayOpen } from './day-closes';
import { ConflictError, InvalidStateError, NotFoundError } from './errors';
import { readInvoiceLines } from './json-columns';
import { invoiceHasLiveAttempt } from './live-attempts';
import { invoiceAwaitsReview } from './reviews';
import { inWriteTransaction, prepared } from './statements';

export interface InvoiceRow {
  id: string;
  number: string;
  counter_id: string;
  lines: string;
  total_minor: number;
  currency: Currency;
  status: InvoiceStatus;
  created_at: number;
  paid_at: number | null;
  payment_id: string | null;
  program: string | null;
  cashier: string | null;
  paid_minor: number;
  /** Its cash tender's amount (absent from the store's rows: read as 0). */
  cash_minor?: number;
}

export function toInvoice(row: InvoiceRow): Invoice {
  return {
    id: row.id,
    number: row.number,
    counterId: row.counter_id,
    lines: readInvoiceLines(row.lines),
    totalMinor: row.total_minor,
    currency: row.currency,
    status: row.status,
    createdAt: row.created_at,
    paidAt: row.paid_at,
    balanceDueMinor: row.status === 'paid' ? 0 : Math.max(0, row.total_minor - row.paid_minor),
    paidInCashMinor: row.cash_minor ?? 0,
    ...(row.program ? { program: row.program } : {}),
    ...(row.cashier ? { cashier: row.cashier } : {}),
  };
}

export interface NewInvoice {
  counterId: string;
  number: string;
  lines: InvoiceLine[];
  totalMinor: number;
  currency: Currency;
  createdAt: number;
  /** A checkout's bill: then `totalMinor` is the bill's total, and the lines are its line totals (the round-off apart). */
  bill?: Bill;
  /** The cashier signed in at the counter. */
  cashier?: string;
}

/**
 * Throws ConflictError (field number) for a number already used, NotFoundError for an unknown
 * counter, RangeError when totalMinor is not exactly the sum of the lines (with a bill: when the
 * lines and total are not the bill's), and DayClosedError when
 * the day of createdAt is closed.
 */
export function createInvoice(db: Db, input: NewInvoice): Invoice {
  const { bill, ...invoice } = input;
  const total = linesTotal(input.lines);
  if (!total.ok) throw new RangeError(`Invoice lines: ${total.message}`);
  if (!bill && total.value !== input.totalMinor) {
    throw new RangeError(`Invoice total ${input.totalMinor} is not the sum of its lines (${total.value}).`);
  }
  if (bill && (total.value !== bill.totals.totalBeforeRoundOff || input.totalMinor !== bill.totals.total)) {
    throw new RangeError(`Invoice total ${input.totalMinor} and lines (${total.value}) do not match the bill's (${bill.totals.total}, ${bill.totals.totalBeforeRoundOff}).`);
  }
  return inWriteTransaction(db, () => {
    const counterExists = prepared<[string], { found: 0 | 1 }>(
      db,
      'SELECT EXISTS (SELECT 1 FROM counters WHERE id = ?) AS found',
    ).get(input.counterId);
    if (counterExists?.found !== 1) throw new NotFoundError('counter', input.counterId);
    assertDayOpen(db, input.createdAt);
    if (getInvoiceByNumber(db, input.number)) {
      throw new ConflictError('invoice', 'number', `Invoice number ${input.number} is already used.`);
    }
    const id = randomUUID();
    const tax = bill ? taxSummary(bill.totals) : null;
    prepared<[Omit<NewInvoice, 'lines' | 'cashier'> & { id: string; lines: string; cashier: string | null; taxableMinor: number | null; taxMinor: number | null; taxByRate: string | null }]>(
      db,
      `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at, cashier, taxable_minor, tax_minor, tax_by_rate)
       VALUES (@id, @number, @counterId, @lines, @totalMinor, @currency, @createdAt, @cashier, @taxableMinor, @taxMinor, @taxByRate)`,
    ).run({
      ...invoice,
      id,
      lines: JSON.stringify(input.lines),
      cashier: invoice.cashier ?? null,
      taxableMinor: tax?.taxableValue ?? null,
      taxMinor: tax?.tax ?? null,
      taxByRate: tax ? JSON.stringify(tax.taxByRate) : null,
    });
    if (bill) prepared<[string, string]>(db, 'INSERT INTO invoice_bills (invoice_id, bill) VALUES (?, ?)').run(id, JSON.stringify(bill));
    return requireInvoice(db, id);
  });
}

/** What the invoice (`invoiceId`, an SQL expression) paid in cash: its cash tender, if any. */
const cashMinorOf = (invoiceId: string) => `(SELECT coalesce(sum(t.amount_minor), 0) FROM tenders AS t WHERE t.invoice_id = ${invoiceId})`;

/** What the invoice (`invoiceId`, an SQL expression) has paid so far: its cash tender and its card/UPI payments that succeeded. */
export const paidMinorOf = (invoiceId: string) => `(
  ${cashMinorOf(invoiceId)}
  + (SELECT coalesce(sum(a.amount_minor), 0) FROM charge_attempts AS a WHERE a.invoice_id = ${invoiceId} AND a.state = 'succeeded')
)`;
const SELECT_INVOICES = `SELECT *, ${paidMinorOf('invoices.id')} AS paid_minor, ${cashMinorOf('invoices.id')} AS cash_minor FROM invoices`;

/** A checkout invoice's bill; null for an invoice of free lines without tax. */
/** The tax summaries kept on these invoices (migration 026), in one read; an invoice without one is left out. */
export function invoiceTaxSummaries(db: Db, invoiceIds: readonly string[]): Map<string, TaxSummary> {
  if (invoiceIds.length === 0) return new Map();
  const rows = prepared<[string], { id: string; taxable_minor: number; tax_minor: number; tax_by_rate: string }>(
    db,
    `SELECT id, taxable_minor, tax_minor, tax_by_rate FROM invoices
     WHERE id IN (SELECT value FROM json_each(?)) AND taxable_minor IS NOT NULL AND tax_minor IS NOT NULL AND tax_by_rate IS NOT NULL`,
  ).all(JSON.stringify(invoiceIds));
  const summaries = new Map<string, TaxSummary>();
  for (const row of rows) {
    const summary = readTaxSummary(row.taxable_minor, row.tax_minor, row.tax_by_rate);
    if (summary) summaries.set(row.id, summary);
  }
  return summaries;
}

/** An invoice's tax summary from its three columns (migration 026); null when it keeps none. */
export function readTaxSummary(taxableMinor: number | null, taxMinor: number | null, taxByRate: string | null): TaxSummary | null {
  if (taxableMinor === null || taxMinor === null || taxByRate === null) return null;
  return { taxableValue: taxableMinor, tax: taxMinor, taxByRate: JSON.parse(taxByRate) as TaxSummary['taxByRate'] };
}

export function getBill(db: Db, invoiceId: string): Bill | null {
  const row = prepared<[string], { bill: string }>(db, 'SELECT bill FROM invoice_bills WHERE invoice_id = ?').get(invoiceId);
  return row ? (JSON.parse(row.bill) as Bill) : null;
}

/**
 * The bills of the invoices paid in [fromMs, toMs): by a succeeded card/UPI payment or in cash made
 * then (as the day's totals count them), each once, in invoice number order.
 */
export function billsPaidInWindow(db: Db, fromMs: number, toMs: number): Bill[] {
  const rows = prepared<[{ fromMs: number; toMs: number }], { bill: string }>(
    db,
    `SELECT b.bill FROM invoice_bills b JOIN invoices i ON i.id = b.invoice_id
     WHERE b.invoice_id IN (
       SELECT invoice_id FROM charge_attempts WHERE state = 'succeeded' AND created_at >= @fromMs AND created_at < @toMs
       UNION SELECT invoice_id FROM tenders WHERE created_at >= @fromMs AND created_at < @toMs)
     ORDER BY i.number`,
  ).all({ fromMs, toMs });
  return rows.map((row) => JSON.parse(row.bill) as Bill);
}

export function getInvoice(db: Db, id: string): Invoice | null {
  const row = prepared<[string], InvoiceRow>(db, `${SELECT_INVOICES} WHERE id = ?`).get(id);
  return row ? toInvoice(row) : null;
}

export function getInvoiceByNumber(db: Db, number: string): Invoice | null {
  const row = prepared<[string], InvoiceRow>(db, `${SELECT_INVOICES} WHERE number = ?`).get(number);
  return row ? toInvoice(row) : null;
}

/** The counter's newest invoice in status open (never charged, or its attempts were rejected): resumed after a restart. */
export function latestOpenInvoice(db: Db, counterId: string): Invoice | null {
  const row = prepared<[string], InvoiceRow>(
    db,
    `${SELECT_INVOICES} WHERE counter_id = ? AND status = 'open' ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  ).get(counterId);
  return row ? toInvoice(row) : null;
}

/**
 * Cancels an unpaid invoice. Refused (InvalidStateError) when it is paid, while a payment on it is
 * live, or while one awaits a person's check (the customer may have paid). Voiding twice is a no-op.
 */
export function voidInvoice(db: Db, id: string): Invoice {
  return inWriteTransaction(db, () => {
    const invoice = requireInvoice(db, id);
    if (invoice.status === 'void') return invoice;
    if (invoice.status === 'paid') throw new InvalidStateError('invoice_paid');
    if (invoiceHasLiveAttempt(db, id)) throw new InvalidStateError('payment_in_progress');
    if (invoiceAwaitsReview(db, id)) throw new InvalidStateError('invoice_needs_review');
    if (invoice.balanceDueMinor < invoice.totalMinor) throw new InvalidStateError('invoice_part_paid');
    assertDayOpen(db, invoice.createdAt);
    prepared<[string]>(db, "UPDATE invoices SET status = 'void' WHERE id = ?").run(id);
    return requireInvoice(db, id);
  });
}

export function requireInvoice(db: Db, id: string): Invoice {
  const invoice = getInvoice(db, id);
  if (!invoice) throw new NotFoundError('invoice', id);
  return invoice;
}

/**
 * After a payment succeeded (a card/UPI attempt, or the cash tender, already written): marks the
 * invoice paid when its parts now cover its total. 'already_paid' when another payment had already
 * paid it (this one is a second charge); 'part' when a balance is still due. Inside the caller's transaction.
 */
export function recordInvoicePaid(db: Db, invoiceId: string, paymentId: string | null, at: number): 'paid' | 'already_paid' | 'part' {
  const invoice = requireInvoice(db, invoiceId);
  if (invoice.status === 'paid') return 'already_paid';
  if (invoice.balanceDueMinor > 0) return 'part';
  prepared<[string | null, number, string]>(db, "UPDATE invoices SET status = 'paid', payment_id = ?, paid_at = ? WHERE id = ?").run(paymentId, at, invoiceId);
  return 'paid';
}

/** For finalizeAttempt only: a failed payment leaves a paid or void invoice as it is. */
export function recordInvoicePaymentFailed(db: Db, invoiceId: string): void {
  prepared<[string]>(db, "UPDATE invoices SET status = 'payment_failed' WHERE id = ? AND status = 'open'").run(invoiceId);
}

function linesTotal(lines: readonly InvoiceLine[]): AmountResult {
  const lineTotals: number[] = [];
  for (const line of lines) {
    const lineTotal = multiplyMinor(line.unitPriceMinor, line.quantity);
    if (!lineTotal.ok) return lineTotal;
    lineTotals.push(lineTotal.value);
  }
  return sumMinor(lineTotals);
}
