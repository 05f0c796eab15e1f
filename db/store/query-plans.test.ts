// The store-wide queries read indexes, not whole tables: checked with EXPLAIN on a store database
// holding a month of attempts for several stores (as db/local/query-plans.test.ts does for SQLite).
import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../testkit/store';
import { localDate } from '../../testkit/time';
import { localDayRange } from '../../contract/calendar';
import { migrateStore } from './migrate';
import { stationLiveElsewhereInWindow, terminalTakersElsewhere } from './attempts';
import { storeAttemptsForDay, storeDayTotals } from './day-attempts';
import { newestPaymentsElsewhere, readStoreRefunds, readStoreSale } from './sales';
import { storeInvoiceTaxes } from './invoice-taxes';
import { storeItemsAfter } from './catalogue';
import { storeBusinessDay, storeCashRefundsForDay, storeCashSalesForDay, storeCorrectionsForDay, storeDayClose, storeKeysetPages, storeLateRows, storeLedgerTotals, storeRefundsForDay, type StorePageEnd } from './day-ledger';
import type pg from 'pg';

const store = storeDatabaseEachTest();
const DAY_MS = 86_400_000;
// Noon of today: each day's rows go back up to 1,000 s from it, which from Date.now() put most of today's
// rows on yesterday in the first minutes after midnight (the keyset test then found a single page).
const today = new Date(new Date().setHours(12, 0, 0, 0)).getTime();

store.fromTemplate(async () => {
  await migrateStore(store.client);
  // 10 stores × 3 PCs, 30 days, 60,000 attempts with their invoices; refunds of 1 in 8 payments, cash for
  // 1 in 16 invoices (a quarter of it paid back), corrections and closes spread over the days; 20,000 catalogue items.
  await store.client.query(`
    INSERT INTO stores (id, name, created_at) SELECT 'store-' || s, 'Store ' || s, 0 FROM generate_series(1, 10) AS s;
    INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at)
      SELECT 'store-' || (n % 10 + 1), 'pc-' || (n % 3), 'inv-' || n, 'A-' || lpad(n::text, 6, '0'), 'counter-' || (n % 4), '[]', 100 + n % 900, 'INR', 'paid',
             ${today} - (n::bigint / 10 % 30) * ${DAY_MS} - (n::bigint % 1000) * 1000
      FROM generate_series(1, 60000) AS n;
    INSERT INTO charge_attempts (store_id, station_id, id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, payments_session_id, state,
                                 declined_tries, created_at, updated_at, poll_count)
      SELECT 'store-' || (n % 10 + 1), 'pc-' || (n % 3), 'att-' || n, 'inv-' || n, 'counter-' || (n % 4), 'T' || (n % 4), 100 + n % 900, 'INR',
             CASE WHEN n % 3 = 0 THEN 'upi' ELSE 'card' END, 'S' || n,
             (ARRAY['succeeded', 'failed', 'in_progress', 'unknown', 'unresolved'])[n % 5 + 1], '[]',
             ${today} - (n::bigint / 10 % 30) * ${DAY_MS} - (n::bigint % 1000) * 1000, ${today}, 1
      FROM generate_series(1, 60000) AS n;
    INSERT INTO refunds (store_id, station_id, id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state,
                         created_at, updated_at, check_count)
      SELECT store_id, station_id, 'ref-' || id, id, invoice_id, counter_id, 'P' || id, 50, 'INR', 'others', 'key-' || id,
             (ARRAY['succeeded', 'pending', 'failed'])[length(id) % 3 + 1], created_at + 1000, created_at + 1000, 0
      FROM charge_attempts WHERE md5(id) < '2';
    INSERT INTO tenders (store_id, station_id, id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at)
      SELECT store_id, station_id, 'cash-' || id, id, counter_id, 'cash', total_minor, total_minor, 0, 'INR', created_at, created_at
      FROM invoices WHERE md5(id) > 'e';
    INSERT INTO cash_refunds (store_id, station_id, id, tender_id, invoice_id, counter_id, amount_minor, currency, reason, request_key, created_at, updated_at)
      SELECT store_id, station_id, 'back-' || id, id, invoice_id, counter_id, 10, 'INR', 'others', 'key-' || id, created_at + 1000, created_at + 1000
      FROM tenders WHERE md5(id) < '4';
    INSERT INTO corrections (store_id, station_id, id, day, closed_day, record_kind, record_id, counter_id, invoice_number, from_state, to_state,
                             amount_minor, detail, created_at, updated_at)
      SELECT 'store-' || (n % 10 + 1), 'pc-' || (n % 3), 'cor-' || n, to_char(now() - (n / 10 % 30) * interval '1 day', 'YYYY-MM-DD'), '2000-01-01', 'charge',
             'late-' || n, 'counter-' || (n % 4), 'A-' || n, 'unresolved', 'succeeded', 100, 'late', ${today}, ${today}
      FROM generate_series(1, 3000) AS n;
    INSERT INTO day_closes (store_id, station_id, id, day, from_ms, to_ms, closed_by, awaiting_review, summary, created_at, updated_at)
      SELECT 'store-' || (n % 10 + 1), 'pc-' || (n % 3), 'close-' || n, to_char(now() - (n / 10 % 30) * interval '1 day', 'YYYY-MM-DD'), 0, 1, 'Asha', 0, '{}', ${today}, ${today}
      FROM generate_series(1, 900) AS n;
    INSERT INTO catalogue_items (store_id, id, name, sku, unit, price_minor, price_includes_tax, rate_basis_points, hsn_code, tax_exempt, active, updated_at, revision)
      SELECT 'store-' || (n % 10 + 1), 'item-' || n, 'Item ' || n, 'SKU-' || n, 'piece', 100, true, 500, '', false, true, 0, n / 10
      FROM generate_series(1, 20000) AS n;`);
  // As autovacuum keeps a live database: statistics, and the visibility map index-only scans need.
  await store.client.query('VACUUM ANALYZE');
});

/** The plan PostgreSQL chooses for `sql` with these parameters, as text. */
async function plan(client: pg.Client, sql: string, params: unknown[]): Promise<string> {
  const rows = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
  return rows.rows.map((row) => row['QUERY PLAN']).join('\n');
}

/**
 * Runs `query` while recording the SQL it sends, then explains each statement. The product sends its
 * statements to a pool, several at once; on this one client they go one after another (pg asks that
 * a client run one query at a time).
 */
async function plansOf(run: (client: pg.Client) => Promise<unknown>): Promise<string[]> {
  const sent: { text: string; values: unknown[] }[] = [];
  const original = store.client.query.bind(store.client);
  let previous: Promise<unknown> = Promise.resolve();
  const recording = Object.assign(Object.create(store.client) as pg.Client, {
    query: (text: string, values: unknown[]) => {
      sent.push({ text, values });
      const next = previous.catch(() => undefined).then(() => original(text, values));
      previous = next;
      return next;
    },
  });
  await run(recording);
  const plans: string[] = [];
  for (const q of sent) plans.push(await plan(store.client, q.text, q.values));
  return plans;
}

describe('store-wide queries use their indexes', () => {
  const day = { date: localDate(today), ...localDayRange(localDate(today)) };

  it('the day’s log (whole store, one PC, one counter) reads the (store, created_at) indexes newest first', async () => {
    for (const filter of [day, { ...day, stationId: 'pc-1' }, { ...day, counterId: 'counter-2' }, { ...day, search: '0001' }]) {
      const [explained] = await plansOf((client) => storeAttemptsForDay(client, 'store-3', filter, 201));
      expect(explained, JSON.stringify(filter)).toMatch(/Index (Only )?Scan( Backward)? using charge_attempts_(store|station|counter)_created|Bitmap Index Scan on charge_attempts_(store|station|counter)_created/);
      expect(explained, JSON.stringify(filter)).not.toMatch(/Seq Scan/);
      // The invoices are looked up one by one for the page, never read for the whole store.
      // (By the invoices' key, or by the invoice's id alone: store migration 018's index; one row either way.)
      if (!('search' in filter)) expect(explained, JSON.stringify(filter)).toMatch(/Index Scan using invoices_(pkey|id) on invoices/);
    }
  });

  it('the CSV’s keyset pages read every attempt and cash sale of the day once, in the log’s order, each page by the same indexes', async () => {
    const size = 64;
    const pages = async <T extends { createdAt: number; id: string }>(read: (end: StorePageEnd | null) => Promise<T[]>) => {
      const read_: T[][] = [];
      for await (const page of storeKeysetPages(read, size)) read_.push(page);
      return read_;
    };
    for (const filter of [day, { ...day, counterId: 'counter-2' }]) {
      const what = JSON.stringify(filter);
      const attempts = await pages((end) => storeAttemptsForDay(store.client, 'store-3', filter, size, end));
      const whole = await storeAttemptsForDay(store.client, 'store-3', filter, 100_000);
      expect(attempts.length, what).toBeGreaterThan(1);
      expect(attempts.flat().map((a) => a.id), what).toEqual(whole.map((a) => a.id));
      const cash = await pages((end) => storeCashSalesForDay(store.client, 'store-3', filter, { end, size }));
      expect(cash.flat().map((c) => c.id), what).toEqual((await storeCashSalesForDay(store.client, 'store-3', filter)).map((c) => c.id));
      // A page after the first starts at the last one's end, on the index.
      const last = whole[size - 1];
      if (!last) throw new Error(`${what}: fewer attempts than a page`);
      const [later] = await plansOf((client) => storeAttemptsForDay(client, 'store-3', filter, size, { at: last.createdAt, id: last.id }));
      expect(later, what).toMatch(/charge_attempts_(store|station|counter)_created/);
      expect(later, what).not.toMatch(/Seq Scan/);
    }
  });

  it('the day’s totals read the day’s tallies, and the payments waiting for a person by their own index', async () => {
    const [groups, hours, review] = await plansOf((client) => storeDayTotals(client, 'store-3', day));
    for (const explained of [groups, hours]) {
      expect(explained).toMatch(/Index (Only )?Scan using attempt_tallies_pkey|Bitmap Index Scan on attempt_tallies_pkey/);
      expect(explained).not.toMatch(/Seq Scan/);
    }
    expect(review).toMatch(/charge_attempts_awaiting_review/);
    expect(review).not.toMatch(/Seq Scan/);
  });

  it('a business day a close ended: its totals read the attempts by their (store, created_at) index; the closes that define it, theirs', async () => {
    const closedAtNine = { ...day, toMs: day.toMs - 3 * 3_600_000 + 1 };
    const [groups, hours] = await plansOf((client) => storeDayTotals(client, 'store-3', closedAtNine));
    for (const explained of [groups, hours]) {
      expect(explained).toMatch(/Index (Only )?Scan( Backward)? using charge_attempts_store_created|Bitmap Index Scan on charge_attempts_store_created/);
      expect(explained).not.toMatch(/Seq Scan/);
    }
    const [closes] = await plansOf((client) => storeBusinessDay(client, 'store-3', day.date));
    expect(closes).toMatch(/day_closes_day/);
    expect(closes).not.toMatch(/Seq Scan/);
  });

  it('the day’s cash sales, refunds, corrections and close read their (store, …) indexes, their invoices one by one', async () => {
    for (const filter of [day, { ...day, stationId: 'pc-1' }, { ...day, counterId: 'counter-2' }]) {
      const what = JSON.stringify(filter);
      const [refunds] = await plansOf((client) => storeRefundsForDay(client, 'store-3', filter));
      const [cash] = await plansOf((client) => storeCashSalesForDay(client, 'store-3', filter));
      const [paidBack] = await plansOf((client) => storeCashRefundsForDay(client, 'store-3', filter));
      const [corrections] = await plansOf((client) => storeCorrectionsForDay(client, 'store-3', filter));
      const [close] = await plansOf((client) => storeDayClose(client, 'store-3', filter));
      expect(refunds, what).toMatch(/refunds_(store|station|counter)_created/);
      expect(cash, what).toMatch(/tenders_(store|station|counter)_created/);
      expect(paidBack, what).toMatch(/cash_refunds_(store|station|counter)_created/);
      // A refund's invoice may be another PC's: found by its id alone (the others by either index).
      expect(refunds, what).toMatch(/Index Scan using invoices_id on invoices/);
      for (const explained of [cash, paidBack]) expect(explained, what).toMatch(/Index Scan using invoices_(pkey|id) on invoices/);
      expect(corrections, what).toMatch(/corrections_day/);
      expect(close, what).toMatch(/day_closes_day/);
      for (const explained of [refunds, cash, paidBack, corrections, close]) expect(explained, what).not.toMatch(/Seq Scan/);
    }
  });

  it('the day’s cash, refunds and corrections for the totals read the same indexes', async () => {
    for (const filter of [day, { ...day, stationId: 'pc-1' }, { ...day, counterId: 'counter-2' }]) {
      const [cash, hours, refunds, paidBack, corrections] = await plansOf((client) => storeLedgerTotals(client, 'store-3', filter));
      const what = JSON.stringify(filter);
      for (const explained of [cash, hours]) expect(explained, what).toMatch(/tenders_(store|station|counter)_created/);
      expect(refunds, what).toMatch(/refunds_(store|station|counter)_created/);
      expect(paidBack, what).toMatch(/cash_refunds_(store|station|counter)_created/);
      expect(corrections, what).toMatch(/corrections_day/);
      for (const explained of [cash, hours, refunds, paidBack, corrections]) expect(explained, what).not.toMatch(/Seq Scan/);
    }
  });

  it('a closed day’s rows counted by a later day’s correction are found by the corrections’ closed-day index, each row by its key', async () => {
    for (const filter of [day, { ...day, stationId: 'pc-1' }, { ...day, counterId: 'counter-2' }]) {
      const [late] = await plansOf((client) => storeLateRows(client, 'store-3', filter));
      const what = JSON.stringify(filter);
      expect(late, what).toMatch(/corrections_closed_day/);
      expect(late, what).not.toMatch(/Seq Scan on (corrections|tenders|charge_attempts|refunds)/);
    }
  });

  it('a close’s look for the other PCs’ live payments and refunds of the day reads their indexes', async () => {
    const joined = { storeId: 'store-3', stationId: 'pc-0' };
    const [explained] = await plansOf((client) => stationLiveElsewhereInWindow(client, joined, localDayRange(day.date)));
    expect(explained).toMatch(/charge_attempts_(live_counter|store_created)/);
    expect(explained).toMatch(/refunds_store_created/);
    expect(explained).not.toMatch(/Seq Scan on (charge_attempts|refunds)/);
  });

  it('a charge’s look at its terminal on the other PCs reads the index of attempts that take a terminal', async () => {
    const use = { storeId: 'store-3', stationId: 'pc-0', terminalId: 'T2' };
    const [explained] = await plansOf((client) => terminalTakersElsewhere(client, use));
    expect(explained).toMatch(/charge_attempts_taken_terminal/);
    expect(explained).not.toMatch(/Seq Scan on charge_attempts/);
  });

  it('another PC’s sale: its tender and attempts by its counter’s indexes, its refunds by the payment’s, each counter’s newest payment one step back along its index', async () => {
    const [invoice, cash, attempts] = await plansOf((client) => readStoreSale(client, 'store-4', 'inv-123'));
    expect(invoice).toMatch(/invoices_(pkey|id)/);
    expect(cash).toMatch(/tenders_counter_created/);
    expect(attempts).toMatch(/charge_attempts_counter_created/);
    const [refunds, events] = await plansOf((client) => readStoreRefunds(client, 'store-4', 'att-13'));
    expect(refunds).toMatch(/refunds_attempt/);
    expect(events ?? '').toMatch(/^$|refund_events_refund/);
    await store.client.query(
      "INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, active, created_at) SELECT 'store-' || s, 'counter-' || c, 'Counter ' || c, 'T' || c, c || '-', true, 0 FROM generate_series(1, 10) AS s, generate_series(0, 3) AS c",
    );
    await store.client.query('ANALYZE counters');
    const [newest] = await plansOf((client) => newestPaymentsElsewhere(client, 'store-3', 'pc-0'));
    expect(newest).toMatch(/Index Scan Backward using charge_attempts_counter_created/);
    for (const explained of [invoice, cash, attempts, refunds, newest]) expect(explained).not.toMatch(/Seq Scan on (charge_attempts|refunds|tenders|invoices)/);
  });

  it('the CSV’s tax summaries read the day’s invoices one by one; a heartbeat’s catalogue changes since its last revision read the revision index', async () => {
    const invoices = Array.from({ length: 50 }, (_, i) => ({ stationId: `pc-${(i * 10) % 3}`, invoiceId: `inv-${i * 10 + 2}` }));
    const [taxes] = await plansOf((client) => storeInvoiceTaxes(client, 'store-3', invoices));
    expect(taxes).toMatch(/invoices_(pkey|id)/);
    expect(taxes).not.toMatch(/Seq Scan on invoices/);
    const [items] = await plansOf((client) => storeItemsAfter(client, { storeId: 'store-3', revision: 1_995, id: 'item-19952' }, 2_000));
    expect(items).toMatch(/catalogue_items_revision/);
  });
});
