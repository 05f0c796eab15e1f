// A day closed on any PC of a store is closed for the store: every other PC adopts the close at its
// next heartbeat, writing it into its own SQLite (by whom and when it was closed), so from then on
// its records of that day cannot change either, and late answers become corrections there too
// (migration 009). A PC adopts a close only once none of its own payments or refunds of that day
// is still waiting for Zoho (closeDay refuses then, as a manager's close would): it tries again at
// the next heartbeat. How a manager's close reaches the store: publish-close.ts.
import type { Db } from '../../db/local/database';
import type { DayClose } from '../../contract/records';
import { closeDay, countLiveInWindow, getDayClose, type DayCloseRow } from '../../db/local/day-closes';
import { formatDate, localDate } from '../../contract/calendar';
import { HandlerFailure } from '../failure';
import { stationLiveElsewhereInWindow } from '../../db/store/attempts';
import { storeClosesSince } from '../../db/store/day-ledger';
import type { Queryable } from '../../db/store/migrate';

/** How far back a PC looks for closes it has not adopted (a PC away from its store longer closes by hand). */
export const ADOPT_CLOSES_DAYS = 14;

/** Adopts the store's closes of recent days this PC has not closed; returns the days it closed now. */
export async function adoptStoreCloses(client: Queryable, storeId: string, db: Db, now: () => number): Promise<string[]> {
  const since = localDate(now() - ADOPT_CLOSES_DAYS * 86_400_000);
  const closes = await storeClosesSince(client, storeId, since);
  const adopted: string[] = [];
  for (const close of closes) {
    if (getDayClose(db, close.day) || !adoptClose(db, close)) continue;
    adopted.push(close.day);
  }
  return adopted;
}

/** This PC's close of the store's `close`: the one it has, or it adopts it now; null while a payment or refund of that day is live here. */
export function adoptClose(db: Db, close: DayCloseRow): DayClose | null {
  const have = getDayClose(db, close.day);
  if (have) return have;
  if (countLiveInWindow(db, close.from_ms, close.to_ms) > 0) return null;
  return closeDay(db, {
    day: close.day,
    fromMs: close.from_ms,
    toMs: close.to_ms,
    closedBy: close.closed_by,
    awaitingReview: close.awaiting_review,
    summary: JSON.parse(close.summary) as unknown,
    at: close.created_at,
  });
}

/**
 * Refuses (naming the PC) a close of `date` while another PC of the store has a payment or refund of
 * that day still waiting for Zoho, as this PC's own would be refused: the store's day is closed
 * once, with every PC's answers in. The payments that take a terminal and the day's refunds, by
 * their indexes.
 */
export async function assertNoLiveAtOtherPcs(
  client: Queryable,
  joined: { storeId: string; stationId: string },
  date: string,
  window: { fromMs: number; toMs: number },
): Promise<void> {
  const pc = await stationLiveElsewhereInWindow(client, joined, window);
  if (pc !== null) {
    throw new HandlerFailure('conflict', `A payment or refund of ${formatDate(date)} at PC “${pc}” is still waiting for Zoho's answer. Close the day once it has one.`, 'date');
  }
}
