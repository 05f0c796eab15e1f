// Another PC's sale as its PC shipped it to the store, read by any PC of the store: the invoice,
// how it was paid (its cash tender or its card/UPI payments), the payment's refunds with their
// history, and each counter's newest payment when another PC made it (the dashboard). An invoice's
// tender and attempts are read by its counter between its creation and its payment (the (store,
// counter, created_at) indexes); a payment's refunds by store migration 008's index.
import type { CashSale, ChargeAttempt, Invoice, RefundWithEvents } from '../../contract/records';
import { toChargeAttempt, type AttemptRow } from '../local/attempt-queries';
import { toInvoice, type InvoiceRow } from '../local/invoices';
import { toRefund, toRefundEvent, type RefundEventRow, type RefundRow } from '../local/refund-queries';
import { toCashSale, type TenderRow } from '../local/tenders';
import type { Queryable } from './migrate';

export interface StoreSale {
  invoice: Invoice;
  /** The PC that made the sale. */
  stationId: string;
  /** Its cash parts, in the order taken. */
  cash: CashSale[];
  /** The invoice's card/UPI attempts, oldest first. */
  attempts: ChargeAttempt[];
}

/** The sale of `invoiceId` by whichever PC of the store made it; null when the store has not heard of it. */
export async function readStoreSale(client: Queryable, storeId: string, invoiceId: string): Promise<StoreSale | null> {
  const invoice = (await client.query<InvoiceRow & { station_id: string }>('SELECT * FROM invoices WHERE store_id = $1 AND id = $2', [storeId, invoiceId])).rows[0];
  if (!invoice) return null;
  // Its PC made its tender and attempts after the invoice and before it was paid, at its counter.
  const window = [storeId, invoice.counter_id, invoice.created_at, invoice.paid_at ?? Number.MAX_SAFE_INTEGER, invoiceId, invoice.number];
  const atCounter = 'store_id = $1 AND counter_id = $2 AND created_at >= $3 AND created_at <= $4 AND invoice_id = $5';
  const [tenders, attempts] = await Promise.all([
    client.query<TenderRow>(`SELECT t.*, $6::text AS invoice_number FROM tenders AS t WHERE ${atCounter} ORDER BY t.created_at, t.id`, window),
    client.query<AttemptRow>(`SELECT a.*, $6::text AS invoice_number FROM charge_attempts AS a WHERE ${atCounter} ORDER BY a.created_at, a.id`, window),
  ]);
  return { invoice: toInvoice(invoice), stationId: invoice.station_id, cash: tenders.rows.map(toCashSale), attempts: attempts.rows.map(toChargeAttempt) };
}

/** The refunds of a payment by every PC of the store (each with the PC that made it), oldest first, each with its history. */
export async function readStoreRefunds(client: Queryable, storeId: string, attemptId: string): Promise<RefundWithEvents[]> {
  const refunds = await client.query<RefundRow & { station_id: string }>(
    `SELECT r.*, coalesce(i.number, '') AS invoice_number FROM refunds AS r
     LEFT JOIN invoices AS i ON i.store_id = r.store_id AND i.id = r.invoice_id
     WHERE r.store_id = $1 AND r.attempt_id = $2 ORDER BY r.created_at, r.id`,
    [storeId, attemptId],
  );
  if (refunds.rows.length === 0) return [];
  const events = await client.query<RefundEventRow & { station_id: string }>(
    'SELECT e.* FROM refund_events AS e WHERE e.store_id = $1 AND e.refund_id = ANY($2::text[]) ORDER BY e.at, e.id',
    [storeId, refunds.rows.map((r) => r.id)],
  );
  return refunds.rows.map((row) => ({
    refund: { ...toRefund(row), stationId: row.station_id },
    events: events.rows.filter((e) => e.refund_id === row.id && e.station_id === row.station_id).map(toRefundEvent),
  }));
}

/**
 * Each counter's newest card/UPI payment in the store, when another PC than `stationId` made it,
 * with its invoice (one step back along the counter's index per counter).
 */
export async function newestPaymentsElsewhere(client: Queryable, storeId: string, stationId: string): Promise<{ attempt: ChargeAttempt; invoice: Invoice }[]> {
  const rows = await client.query<AttemptRow & { station_id: string; invoice: InvoiceRow }>(
    `SELECT a.*, i.number AS invoice_number, to_jsonb(i) AS invoice FROM counters AS c
     CROSS JOIN LATERAL (SELECT * FROM charge_attempts AS x WHERE x.store_id = c.store_id AND x.counter_id = c.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) AS a
     JOIN invoices AS i ON i.store_id = a.store_id AND i.id = a.invoice_id
     WHERE c.store_id = $1 AND a.station_id <> $2`,
    [storeId, stationId],
  );
  return rows.rows.map((row) => ({ attempt: toChargeAttempt(row), invoice: toInvoice(row.invoice) }));
}
