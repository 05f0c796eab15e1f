// The store's day log on a PC (store-log.ts), on a real PostgreSQL: its list and its totals are one
// read of the store, even when another PC's sale lands between the queries that make them.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { localDayRange } from '../../contract/calendar';
import type { DayLog } from '../../contract/answers';
import { storeTypes } from '../../db/store/pg';
import { tempDatabaseEachTest } from '../../testkit/db';
import { insertLedgerRow } from '../../testkit/store-rows';
import { trustedStoreEachTest } from '../../testkit/store-trust';
import type { StoreHandlerDeps } from './handlers';
import { storeDayReader } from './store-log';

const trust = trustedStoreEachTest();
const local = tempDatabaseEachTest();
const pools: pg.Pool[] = [];

afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.end();
});

/** A cash sale of `amountMinor` made now on PC 2, as its outbox ships it (its own transaction). */
async function cashSaleOnPc2(id: string, amountMinor: number, at: number): Promise<void> {
  await insertLedgerRow(trust.owner, 'invoices', 's1', 'pc2', { id: `i-${id}`, number: `B-${id}`, total_minor: amountMinor, status: 'paid', created_at: at });
  await insertLedgerRow(trust.owner, 'tenders', 's1', 'pc2', { id, invoice_id: `i-${id}`, amount_minor: amountMinor, tendered_minor: amountMinor, change_minor: 0, created_at: at, updated_at: at });
}

/** A pool on the store whose first query for the cash totals runs only after `between` has committed. */
function poolWithSaleBetweenReads(between: () => Promise<void>): pg.Pool {
  const pool = new pg.Pool({ connectionString: trust.db.url, types: storeTypes });
  pools.push(pool);
  let done = false;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : '';
      if (done || !text.includes('sum(c.amount_minor)::bigint AS amount FROM tenders AS c')) return query(...args);
      done = true;
      const later = between().then(() => query(...args));
      const callback = args.find((arg) => typeof arg === 'function') as ((error: Error | null, result?: unknown) => void) | undefined;
      if (!callback) return later;
      later.then((result) => callback(null, result), (error: Error) => callback(error));
      return undefined;
    };
  });
  return pool;
}

describe('the store’s day log', () => {
  it('totals exactly the sales it lists, though another PC’s sale is committed between its reads', async () => {
    const date = '2026-03-10';
    const now = localDayRange(date).fromMs + 10 * 3_600_000;
    await cashSaleOnPc2('t1', 1_200, now - 1_000);
    const pool = poolWithSaleBetweenReads(() => cashSaleOnPc2('t2', 3_300, now - 500));
    const joined = { storeId: 's1', storeName: 'Main Street', stationId: 'pc1', stationName: 'Till pc1' };
    const link = { joined, reachable: { joined, pool } };
    const reader = storeDayReader({ link, mode: () => ({ db: local.db, currency: 'INR' }) } as unknown as StoreHandlerDeps);
    const day = await reader.day({ date }, 100, (): DayLog => {
      throw new Error('the link is up: the store’s log is read');
    });
    expect(day.cashSales.map((sale) => sale.amountMinor)).toEqual([1_200]);
    expect(day.totals.collectedMinor).toBe(1_200);
    expect(day.totals.byTender.find((t) => t.tender === 'cash')).toEqual({ tender: 'cash', count: 1, amountMinor: 1_200 });

    const next = await reader.day({ date }, 100, (): DayLog => {
      throw new Error('the link is up: the store’s log is read');
    });
    expect([next.cashSales.length, next.totals.collectedMinor]).toEqual([2, 4_500]);
  });
});
