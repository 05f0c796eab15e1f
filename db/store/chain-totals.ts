// A head office's view of a chain on one PostgreSQL: the day's card/UPI takings of each store, from
// the stores' running tallies (store migration 002), one index range per store. Measured at chain
// scale by bench/store-chain.ts; no screen shows it yet.
import type pg from 'pg';
import { localDayRange } from '../../contract/calendar';
import { TALLY_SLOT_MS } from '../local/migrations/003_attempt_tallies';

export interface StoreDayTakings {
  storeId: string;
  paidCount: number;
  paidMinor: number;
  failedCount: number;
}

/** The day `date` (YYYY-MM-DD, local) of each of `storeIds`, in their order (a store with nothing that day: zeros). */
export async function chainDayTakings(client: pg.ClientBase | pg.Pool, storeIds: readonly string[], date: string): Promise<StoreDayTakings[]> {
  const { fromMs, toMs } = localDayRange(date);
  const slot = (ms: number) => ms - (ms % TALLY_SLOT_MS);
  const rows = await client.query<{ store_id: string; paid_count: number; paid_minor: number; failed_count: number }>(
    `SELECT store_id,
            coalesce(sum(attempt_count) FILTER (WHERE state = 'succeeded'), 0)::bigint AS paid_count,
            coalesce(sum(amount_minor) FILTER (WHERE state = 'succeeded'), 0)::bigint AS paid_minor,
            coalesce(sum(attempt_count) FILTER (WHERE state = 'failed'), 0)::bigint AS failed_count
     FROM attempt_tallies WHERE store_id = ANY($1) AND slot_start >= $2 AND slot_start < $3 GROUP BY store_id`,
    [storeIds, slot(fromMs), slot(toMs)],
  );
  const byStore = new Map(rows.rows.map((row) => [row.store_id, row]));
  return storeIds.map((storeId) => {
    const row = byStore.get(storeId);
    return { storeId, paidCount: row?.paid_count ?? 0, paidMinor: row?.paid_minor ?? 0, failedCount: row?.failed_count ?? 0 };
  });
}
