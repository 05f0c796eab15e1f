// The day a late answer is counted on, over this PC's closed days (contract/calendar.ts has the
// calendar itself).
import { localDate, nextDate } from '../../contract/calendar';
import type { Db } from '../../db/local/database';
import { getDayClose } from '../../db/local/day-closes';

/**
 * The day a late answer for `closedDay` is counted on: today, or the day after the closed one if
 * today is not later, moved on past any day already closed.
 */
export function correctionDay(db: Db, closedDay: string, now: number): string {
  const today = localDate(now);
  let day = today > closedDay ? today : nextDate(closedDay);
  while (getDayClose(db, day)) day = nextDate(day);
  return day;
}
