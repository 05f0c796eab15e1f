// What the store holds of rows a PC is about to ship, for the rows of a day the store has closed:
// the closes covering given times and the state the store has of given payments, refunds and cash
// sales (core/store-link/late-arrivals.ts turns a counted row the store lacked into a correction).
import type { DayCloseRow } from '../local/day-closes';
import type { Queryable } from './migrate';

/** The store's first close of each day covering one of `times` (unix ms). */
export async function storeClosesCovering(client: Queryable, storeId: string, times: readonly number[]): Promise<DayCloseRow[]> {
  const closes = await client.query<DayCloseRow>(
    `SELECT DISTINCT ON (d.day) d.* FROM day_closes AS d
     WHERE d.store_id = $1 AND EXISTS (SELECT 1 FROM unnest($2::bigint[]) AS t (at) WHERE d.from_ms <= t.at AND d.to_ms > t.at)
     ORDER BY d.day, d.created_at, d.id`,
    [storeId, times],
  );
  return closes.rows;
}

/** The tables whose rows count in a day's totals. */
export type CountedTable = 'charge_attempts' | 'refunds' | 'tenders';

const STATE: Record<CountedTable, string> = { charge_attempts: 'x.state', refunds: 'x.state', tenders: "'succeeded'" };

/** The state the store holds of each of `ids` of one PC (a cash sale it holds is 'succeeded'); absent when it holds none. */
export async function storeStatesOf(client: Queryable, link: { storeId: string; stationId: string }, table: CountedTable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await client.query<{ id: string; state: string }>(
    `SELECT x.id, ${STATE[table]} AS state FROM ${table} AS x WHERE x.store_id = $1 AND x.station_id = $2 AND x.id = ANY($3::text[])`,
    [link.storeId, link.stationId, ids],
  );
  return new Map(rows.rows.map((row) => [row.id, row.state]));
}
