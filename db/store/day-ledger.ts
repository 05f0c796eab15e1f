// The store's day beyond card and UPI attempts: every PC's cash sales, refunds, cash paid back, corrections and day
// closes (shipped by each PC's outbox, SQLite migration 011; store migration 005), listed and
// totalled as a PC of its own does from its SQLite (db/local/ledger-totals.ts, core/handlers/ledger.ts),
// with the store's PC and counter filters. Each query reads its (store, …) index over the business
// day, which the store's closes define (storeBusinessDay) as a PC's own closes do on it.
import type pg from 'pg';
import { COMMITTED_REFUND_STATES } from '../../contract/vocabulary';
import type { CashRefund, CashSale, Correction, DayClose, Refund } from '../../contract/records';
import { toCashRefund, type CashRefundRow } from '../local/cash-refunds';
import { businessDayOf, toCorrection, toDayClose, type BusinessDay, type CorrectionRow, type DayCloseRow } from '../local/day-closes';
import { foldLedger, type LateRow, type Ledger, type LedgerRows } from '../local/ledger-totals';
import { HOUR_MS } from '../local/ledger';
import { toRefund, type RefundRow } from '../local/refund-queries';
import { toCashSale, type TenderRow } from '../local/tenders';
import { localDayRange, previousDate } from '../../contract/calendar';
import type { Queryable } from './migrate';

type Client = pg.ClientBase | pg.Pool;

/** Every row of the store's ledger names the PC that wrote it. */
interface StationRow {
  station_id: string;
}

/**
 * Whose day: the store's, one PC's, one counter's; `search` narrows lists (not totals) by invoice
 * number. `fromMs`–`toMs` is the date's business day (storeBusinessDay).
 */
export interface StoreDayFilter extends BusinessDay {
  date: string;
  stationId?: string | undefined;
  counterId?: string | undefined;
  search?: string | undefined;
}

/** Conditions over a table of the store (`alias`) and their parameters ($1 the store). */
export class StoreWhere {
  readonly params: unknown[];
  private readonly conditions: string[];

  /** The store's rows of `alias`, of one PC and one counter when the filter says so. */
  constructor(
    storeId: string,
    private readonly alias: string,
    filter: Pick<StoreDayFilter, 'stationId' | 'counterId'>,
  ) {
    this.params = [storeId];
    this.conditions = [`${alias}.store_id = $1`];
    if (filter.stationId) this.add((n) => `${alias}.station_id = $${n}`, filter.stationId);
    if (filter.counterId) this.add((n) => `${alias}.counter_id = $${n}`, filter.counterId);
  }

  /** `column` of the table in [fromMs, toMs). */
  between(column: string, fromMs: number, toMs: number): this {
    this.add((n) => `${this.alias}.${column} >= $${n}`, fromMs);
    return this.add((n) => `${this.alias}.${column} < $${n}`, toMs);
  }

  /** A condition with one parameter, numbered $n. */
  add(sql: (n: number) => string, value: unknown): this {
    this.params.push(value);
    this.conditions.push(sql(this.params.length));
    return this;
  }

  /** Rows after the end of a keyset page, newest first by (created_at, id); no end, no condition. */
  after(end: StorePageEnd | null): this {
    if (!end) return this;
    // The time alone bounds the index scan: no page reads the rows of those before it again.
    this.add((n) => `${this.alias}.created_at <= $${n}`, end.at);
    this.params.push(end.id);
    this.conditions.push(`(${this.alias}.created_at, ${this.alias}.id) < ($${this.params.length - 1}, $${this.params.length})`);
    return this;
  }

  /** Invoice numbers (`column`, e.g. i.number) containing `search`, case-insensitive; no search, no condition. */
  search(column: string, search: string | undefined): this {
    const text = search?.trim();
    if (!text) return this;
    return this.add((n) => `${column} ILIKE $${n} ESCAPE '\\'`, `%${text.replace(/[\\%_]/g, (special) => `\\${special}`)}%`);
  }

  get sql(): string {
    return this.conditions.join(' AND ');
  }
}

/** Where a page of the store's rows ended: its last row's time and id. */
export interface StorePageEnd {
  at: number;
  id: string;
}

/** The store's rows a page at a time, newest first, by `read` (after `end`, null for the first) until a page comes back short. */
export async function* storeKeysetPages<T extends { createdAt: number; id: string }>(read: (end: StorePageEnd | null) => Promise<T[]>, size: number): AsyncGenerator<T[]> {
  let end: StorePageEnd | null = null;
  for (;;) {
    const rows = await read(end);
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < size) return;
    end = { at: last.createdAt, id: last.id };
  }
}

/**
 * `table AS alias` with its invoice's number, looked up row by row: by the invoices' key where the
 * same PC wrote both (cash); by the invoice's id alone (store migration 018's index) for a refund,
 * which a PC may make of another PC's sale. A cash tender carries its sale's cashier; a refund names
 * its own (store migration 020).
 */
const withInvoiceNumber = (table: 'refunds' | 'tenders' | 'cash_refunds', alias: string, invoiceOf: 'same PC' | 'any PC' = 'same PC') =>
  `SELECT ${alias}.*, coalesce(i.number, '') AS invoice_number${table === 'tenders' ? ', i.cashier' : ''} FROM ${table} AS ${alias}
   LEFT JOIN LATERAL (SELECT number, cashier FROM invoices AS i WHERE i.store_id = ${alias}.store_id${invoiceOf === 'same PC' ? ` AND i.station_id = ${alias}.station_id` : ''} AND i.id = ${alias}.invoice_id LIMIT 1) AS i ON true`;

/** The day's refunds across the store, newest first. */
export async function storeRefundsForDay(client: Client, storeId: string, filter: StoreDayFilter): Promise<Refund[]> {
  const where = new StoreWhere(storeId, 'r', filter).between('created_at', filter.fromMs, filter.toMs).search('i.number', filter.search);
  const rows = await client.query<RefundRow & StationRow>(`${withInvoiceNumber('refunds', 'r', 'any PC')} WHERE ${where.sql} ORDER BY r.created_at DESC, r.id DESC`, where.params);
  return rows.rows.map((row) => ({ ...toRefund(row), stationId: row.station_id }));
}

/** The day's cash sales across the store, newest first; `page`: `size` of them after `end` (the CSV's keyset pages). */
export async function storeCashSalesForDay(client: Client, storeId: string, filter: StoreDayFilter, page?: { end: StorePageEnd | null; size: number }): Promise<CashSale[]> {
  const where = new StoreWhere(storeId, 'c', filter).between('created_at', filter.fromMs, filter.toMs).search('i.number', filter.search).after(page?.end ?? null);
  const limit = page ? ` LIMIT ${Math.trunc(page.size)}` : '';
  const rows = await client.query<TenderRow & StationRow>(`${withInvoiceNumber('tenders', 'c')} WHERE ${where.sql} ORDER BY c.created_at DESC, c.id DESC${limit}`, where.params);
  return rows.rows.map((row) => ({ ...toCashSale(row), stationId: row.station_id }));
}

/**
 * Whether a card/UPI attempt or cash sale of the day (of the filter's PC and counter) names its
 * cashier, or a refund or cash paid back names who asked: the CSV then has a cashier column.
 */
export async function storeDayNamesACashier(client: Client, storeId: string, filter: StoreDayFilter): Promise<boolean> {
  const where = new StoreWhere(storeId, 'x', filter).between('created_at', filter.fromMs, filter.toMs);
  const named = (table: string) =>
    `EXISTS (SELECT 1 FROM ${table} AS x JOIN invoices AS i ON i.store_id = x.store_id AND i.station_id = x.station_id AND i.id = x.invoice_id WHERE ${where.sql} AND i.cashier IS NOT NULL)`;
  const asked = (table: string) => `EXISTS (SELECT 1 FROM ${table} AS x WHERE ${where.sql} AND x.cashier IS NOT NULL)`;
  const rows = await client.query<{ named: boolean }>(`SELECT ${named('charge_attempts')} OR ${named('tenders')} OR ${asked('refunds')} OR ${asked('cash_refunds')} AS named`, where.params);
  return rows.rows[0]?.named === true;
}

/** The day's cash paid back across the store, newest first. */
export async function storeCashRefundsForDay(client: Client, storeId: string, filter: StoreDayFilter): Promise<CashRefund[]> {
  const where = new StoreWhere(storeId, 'r', filter).between('created_at', filter.fromMs, filter.toMs).search('i.number', filter.search);
  const rows = await client.query<CashRefundRow & StationRow>(`${withInvoiceNumber('cash_refunds', 'r')} WHERE ${where.sql} ORDER BY r.created_at DESC, r.id DESC`, where.params);
  return rows.rows.map((row) => ({ ...toCashRefund(row), stationId: row.station_id }));
}

/** Late answers for closed days counted on this day, across the store, oldest first. */
export async function storeCorrectionsForDay(client: Client, storeId: string, filter: StoreDayFilter): Promise<Correction[]> {
  const where = new StoreWhere(storeId, 'x', filter).add((n) => `x.day = $${n}`, filter.date).search('x.invoice_number', filter.search);
  const rows = await client.query<CorrectionRow & StationRow>(`SELECT x.* FROM corrections AS x WHERE ${where.sql} ORDER BY x.created_at, x.id`, where.params);
  return rows.rows.map((row) => ({ ...toCorrection(row), stationId: row.station_id }));
}

/**
 * The day's close as the store knows it: the first PC's to close it (or the filtered PC's own). The
 * other PCs adopt it at their next heartbeat (store-closes.ts): the day is closed store-wide.
 */
export async function storeDayClose(client: Client, storeId: string, filter: Pick<StoreDayFilter, 'date' | 'stationId'>): Promise<DayClose | null> {
  const where = new StoreWhere(storeId, 'd', { stationId: filter.stationId }).add((n) => `d.day = $${n}`, filter.date);
  const rows = await client.query<DayCloseRow>(`SELECT d.* FROM day_closes AS d WHERE ${where.sql} ORDER BY d.created_at, d.id LIMIT 1`, where.params);
  const row = rows.rows[0];
  return row ? toDayClose(row) : null;
}

/** The totals the store's first close of `date` closed with (JSON, as the closing PC kept them); null while the day is open. */
export async function storeClosedSummary(client: Client, storeId: string, date: string): Promise<unknown> {
  const rows = await client.query<Pick<DayCloseRow, 'summary'>>('SELECT d.summary FROM day_closes AS d WHERE d.store_id = $1 AND d.day = $2 ORDER BY d.created_at, d.id LIMIT 1', [storeId, date]);
  const row = rows.rows[0];
  return row ? (JSON.parse(row.summary) as unknown) : null;
}

/**
 * The hour of the date's clock of `column` (0 from its midnight; the evening before, after the day
 * before was closed, negative), with the date's midnight as parameter $n.
 */
export const hourOfClock = (column: string, n: number) => `floor((${column} - $${n}) / ${HOUR_MS}.0)::bigint`;

/** The business day `date` as the store's first close of it and of the day before define it (db/local/day-closes.ts's rule). */
export async function storeBusinessDay(client: Client, storeId: string, date: string): Promise<BusinessDay> {
  const firstClose = (n: number) => `(SELECT d.day, d.from_ms, d.to_ms FROM day_closes AS d WHERE d.store_id = $1 AND d.day = $${n} ORDER BY d.created_at, d.id LIMIT 1)`;
  const rows = await client.query<Pick<DayCloseRow, 'day' | 'from_ms' | 'to_ms'>>(`${firstClose(2)} UNION ALL ${firstClose(3)}`, [storeId, date, previousDate(date)]);
  const closeOf = (day: string) => rows.rows.find((row) => row.day === day) ?? null;
  return businessDayOf(date, closeOf(date), closeOf(previousDate(date)));
}

/** The day's cash, refunds and corrections per counter across the store, and cash per hour of the date's clock, for its totals. */
export async function storeLedgerTotals(client: Client, storeId: string, filter: Omit<StoreDayFilter, 'search'>): Promise<Ledger> {
  const { fromMs, toMs } = filter;
  const cash = new StoreWhere(storeId, 'c', filter).between('created_at', fromMs, toMs);
  const refunds = new StoreWhere(storeId, 'r', filter).between('created_at', fromMs, toMs);
  const cashRefunds = new StoreWhere(storeId, 'k', filter).between('created_at', fromMs, toMs);
  const corrections = new StoreWhere(storeId, 'x', filter).add((n) => `x.day = $${n}`, filter.date);
  const committed = COMMITTED_REFUND_STATES.map((state) => `'${state}'`).join(', ');
  const [cashRows, hourRows, refundRows, cashRefundRows, correctionRows] = await Promise.all([
    client.query<LedgerRows['cash'][number]>(
      `SELECT c.counter_id, count(*) AS count, sum(c.amount_minor)::bigint AS amount FROM tenders AS c WHERE ${cash.sql} GROUP BY c.counter_id`,
      cash.params,
    ),
    client.query<LedgerRows['cashHours'][number]>(
      `SELECT ${hourOfClock('c.created_at', cash.params.length + 1)} AS hour, sum(c.amount_minor)::bigint AS amount FROM tenders AS c WHERE ${cash.sql} GROUP BY 1`,
      [...cash.params, localDayRange(filter.date).fromMs],
    ),
    client.query<LedgerRows['refunds'][number]>(
      `SELECT r.counter_id, r.state, sum(r.amount_minor)::bigint AS amount FROM refunds AS r WHERE ${refunds.sql} AND r.state IN (${committed}) GROUP BY r.counter_id, r.state`,
      refunds.params,
    ),
    client.query<LedgerRows['cashRefunds'][number]>(
      `SELECT k.counter_id, sum(k.amount_minor)::bigint AS amount FROM cash_refunds AS k WHERE ${cashRefunds.sql} GROUP BY k.counter_id`,
      cashRefunds.params,
    ),
    client.query<LedgerRows['corrections'][number]>(
      `SELECT x.counter_id, x.record_kind, sum(x.amount_minor)::bigint AS amount FROM corrections AS x WHERE ${corrections.sql} AND x.to_state = 'succeeded' GROUP BY x.counter_id, x.record_kind`,
      corrections.params,
    ),
  ]);
  return foldLedger({ cash: cashRows.rows, cashHours: hourRows.rows, refunds: refundRows.rows, cashRefunds: cashRefundRows.rows, corrections: correctionRows.rows });
}

/**
 * The rows of the closed day `date` across the store that its close did not count: each PC's own
 * rows with a correction of that PC counting them on a later day (db/local/ledger-totals.ts's lateRows).
 */
export async function storeLateRows(client: Client, storeId: string, filter: Omit<StoreDayFilter, 'search'>): Promise<LateRow[]> {
  const where = new StoreWhere(storeId, 'r', filter).between('created_at', filter.fromMs, filter.toMs).add((n) => `x.closed_day = $${n}`, filter.date);
  const late = (kind: LateRow['kind'], table: string, recordKind: string, method: string, counted: string) =>
    `SELECT '${kind}' AS kind, r.id, r.counter_id, ${method} AS method, r.amount_minor AS amount, r.created_at
     FROM corrections AS x JOIN ${table} AS r ON r.store_id = x.store_id AND r.station_id = x.station_id AND r.id = x.record_id
     WHERE ${where.sql} AND x.store_id = $1 AND x.record_kind = '${recordKind}' AND ${counted}`;
  const rows = await client.query<LateRow>(
    [
      late('cash', 'tenders', 'charge', 'NULL', 'true'),
      late('attempt', 'charge_attempts', 'charge', 'r.method', "r.state = 'succeeded'"),
      late('refund', 'refunds', 'refund', 'NULL', "r.state = 'succeeded'"),
    ].join(' UNION ALL '),
    where.params,
  );
  return rows.rows.map((row) => ({ ...row, amount: Number(row.amount), created_at: Number(row.created_at) }));
}

/** The store's first close of each day from `since` (a local date) on, oldest day first. */
export async function storeClosesSince(client: Queryable, storeId: string, since: string): Promise<DayCloseRow[]> {
  const closes = await client.query<DayCloseRow>(
    'SELECT DISTINCT ON (d.day) d.* FROM day_closes AS d WHERE d.store_id = $1 AND d.day >= $2 ORDER BY d.day, d.created_at, d.id',
    [storeId, since],
  );
  return closes.rows;
}
