// The store-wide queries read indexes, not whole tables: checked with EXPLAIN on a store database
// holding a month of attempts for several stores (as db/query-plans.test.ts does for SQLite).
import { beforeEach, describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../testkit/store';
import { localDate } from '../../testkit/time';
import { migrateStore } from './schema/migrate';
import { storeAttemptsForDay, storeDayTotals } from './store-log';
import { assertTerminalFreeInStore } from './terminal-use';
import type pg from 'pg';

const store = storeDatabaseEachTest();
const DAY_MS = 86_400_000;
const today = Date.now();

beforeEach(async () => {
  await migrateStore(store.client);
  // 10 stores × 3 PCs, 30 days, 60,000 attempts with their invoices.
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
      FROM generate_series(1, 60000) AS n;`);
  // As autovacuum keeps a live database: statistics, and the visibility map index-only scans need.
  await store.client.query('VACUUM ANALYZE');
});

/** The plan PostgreSQL chooses for `sql` with these parameters, as text. */
async function plan(client: pg.Client, sql: string, params: unknown[]): Promise<string> {
  const rows = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
  return rows.rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** Runs `query` while recording the SQL it sends, then explains each statement. */
async function plansOf(run: (client: pg.Client) => Promise<unknown>): Promise<string[]> {
  const sent: { text: string; values: unknown[] }[] = [];
  const original = store.client.query.bind(store.client);
  const recording = Object.assign(Object.create(store.client) as pg.Client, {
    query: (text: string, values: unknown[]) => {
      sent.push({ text, values });
      return original(text, values);
    },
  });
  await run(recording);
  return Promise.all(sent.map((q) => plan(store.client, q.text, q.values)));
}

describe('store-wide queries use their indexes', () => {
  const day = { date: localDate(today) };

  it('the day’s log (whole store, one PC, one counter) reads the (store, created_at) indexes newest first', async () => {
    for (const filter of [day, { ...day, stationId: 'pc-1' }, { ...day, counterId: 'counter-2' }, { ...day, search: '0001' }]) {
      const [explained] = await plansOf((client) => storeAttemptsForDay(client, 'store-3', filter, 201));
      expect(explained, JSON.stringify(filter)).toMatch(/Index (Only )?Scan( Backward)? using charge_attempts_(store|station|counter)_created|Bitmap Index Scan on charge_attempts_(store|station|counter)_created/);
      expect(explained, JSON.stringify(filter)).not.toMatch(/Seq Scan/);
      // The invoices are looked up one by one for the page, never read for the whole store.
      if (!('search' in filter)) expect(explained, JSON.stringify(filter)).toMatch(/Index Scan using invoices_pkey on invoices/);
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

  it('a charge’s look at its terminal on the other PCs reads the index of attempts that take a terminal', async () => {
    const use = { storeId: 'store-3', stationId: 'pc-0', terminalId: 'T2', now: today, formatTime: String };
    const [explained] = await plansOf((client) => assertTerminalFreeInStore(client, use).catch(() => undefined));
    expect(explained).toMatch(/charge_attempts_taken_terminal/);
    expect(explained).not.toMatch(/Seq Scan on charge_attempts/);
  });
});
