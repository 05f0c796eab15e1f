// A day closed on any PC of a store is closed for the store: every other PC adopts the close at its
// next heartbeat, writing it into its own SQLite (by whom and when it was closed), so from then on
// its records of that day cannot change either, and late answers become corrections there too
// (migration 009). A PC adopts a close only once none of its own payments or refunds of that day
// is still waiting for Zoho (closeDay refuses then, as a manager's close would): it tries again at
// the next heartbeat. Its close ships back to the store as that PC's, so the store sees who has it.
import type { Db } from '../../db/local/database';
import { closeDay, countLiveInWindow, getDayClose, type DayCloseRow } from '../../db/local/day-closes';
import { localDate, localDayRange } from '../after-sale/days';
import { HandlerFailure } from '../failure';
import type { Queryable } from '../../db/store/migrate';

/** How far back a PC looks for closes it has not adopted (a PC away from its store longer closes by hand). */
export const ADOPT_CLOSES_DAYS = 14;

/** Adopts the store's closes of recent days this PC has not closed; returns the days it closed now. */
export async function adoptStoreCloses(client: Queryable, storeId: string, db: Db, now: () => number): Promise<string[]> {
  const since = localDate(now() - ADOPT_CLOSES_DAYS * 86_400_000);
  const closes = await client.query<DayCloseRow>(
    'SELECT DISTINCT ON (d.day) d.* FROM day_closes AS d WHERE d.store_id = $1 AND d.day >= $2 ORDER BY d.day, d.created_at, d.id',
    [storeId, since],
  );
  const adopted: string[] = [];
  for (const close of closes.rows) {
    if (getDayClose(db, close.day) || countLiveInWindow(db, close.from_ms, close.to_ms) > 0) continue;
    closeDay(db, {
      day: close.day,
      fromMs: close.from_ms,
      toMs: close.to_ms,
      closedBy: close.closed_by,
      awaitingReview: close.awaiting_review,
      summary: JSON.parse(close.summary) as unknown,
      at: close.created_at,
    });
    adopted.push(close.day);
  }
  return adopted;
}

/**
 * Refuses (naming the PC) a close of `date` while another PC of the store has a payment or refund of
 * that day still waiting for Zoho, as this PC's own would be refused: the store's day is closed
 * once, with every PC's answers in. The payments that take a terminal and the day's refunds, by
 * their indexes.
 */
export async function assertNoLiveAtOtherPcs(client: Queryable, joined: { storeId: string; stationId: string }, date: string): Promise<void> {
  const { fromMs, toMs } = localDayRange(date);
  const live = await client.query<{ name: string }>(
    `SELECT coalesce(s.name, x.station_id) AS name FROM (
       (SELECT a.station_id FROM charge_attempts AS a WHERE a.store_id = $1 AND a.station_id <> $2 AND a.state IN ('creating', 'in_progress')
          AND a.created_at >= $3 AND a.created_at < $4 LIMIT 1)
       UNION ALL
       (SELECT r.station_id FROM refunds AS r WHERE r.store_id = $1 AND r.station_id <> $2 AND r.state = 'creating' AND r.created_at >= $3 AND r.created_at < $4 LIMIT 1)
     ) AS x LEFT JOIN stations AS s ON s.store_id = $1 AND s.id = x.station_id LIMIT 1`,
    [joined.storeId, joined.stationId, fromMs, toMs],
  );
  const pc = live.rows[0]?.name;
  if (pc !== undefined) {
    throw new HandlerFailure('conflict', `A payment or refund of ${date} at PC “${pc}” is still waiting for Zoho's answer. Close the day once it has one.`, 'date');
  }
}
