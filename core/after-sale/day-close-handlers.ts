// Closing the business day: the report a manager reads (and prints) before and after, the check
// they confirm, and the close itself. A close ends the day at that moment (or at its midnight, for an
// earlier day): from then on sales belong to the next business day (db/local/day-closes.ts).
import { FOLLOWED_REFUND_STATES, REVIEW_STATES } from '../../contract/vocabulary';
import { awaitsReview } from '../../contract/records';
import type { DayCloseReport } from '../../contract/answers';
import { businessDayRange, closeDay, countLiveInWindow, getDayClose } from '../../db/local/day-closes';
import * as log from '../../db/local/ledger';
import * as refunds from '../../db/local/refunds';
import { localDate } from '../../contract/calendar';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';

/** More than a day has: the report lists every payment needing review. */
const ALL_OF_A_DAY = 100_000;

export function dayCloseHandlers(ctx: DataContext): Handlers<'day-close-report' | 'day-close'> {
  return {
    'day-close-report': (input) => report(ctx, input.date),
    'day-close': async (input) => {
      const now = ctx.now();
      const { fromMs, toMs } = businessDayRange(ctx.db, input.date);
      const window = { fromMs, toMs: Math.min(toMs, now) };
      await ctx.ports().closes.assertClosable(input.date, window);
      if (input.date > localDate(now)) {
        throw new HandlerFailure('invalid_input', 'Date must be today or earlier: a day is closed once it has begun.', 'date');
      }
      const before = report(ctx, input.date);
      if (before.close) throw new HandlerFailure('conflict', `${input.date} is already closed (by ${before.close.closedBy}).`, 'date');
      if (before.liveCount > 0) {
        throw new HandlerFailure('conflict', `A payment or refund of ${input.date} is still waiting for Zoho's answer. Close the day once it has one.`, 'date');
      }
      const review = before.needsReview.length;
      if (review > 0 && input.closeAnyway !== true) {
        const them = review === 1 ? '1 payment still needs' : `${review} payments still need`;
        throw new HandlerFailure('conflict', `${them} a manager's check. Check them first, or tick “Close anyway”: the close records that you closed with them open.`, 'closeAnyway');
      }
      if (window.toMs <= window.fromMs) throw new HandlerFailure('conflict', `Nothing can have been sold on ${input.date} yet: there is nothing to close.`, 'date');
      if (input.preview === true) return before;
      closeDay(ctx.db, {
        day: input.date,
        ...window,
        closedBy: input.closedBy,
        awaitingReview: review,
        summary: before.totals,
        at: now,
      });
      ctx.events.emit({ type: 'ledger-changed' });
      return report(ctx, input.date);
    },
  };
}

export function report(ctx: DataContext, date: string): DayCloseReport {
  const range = businessDayRange(ctx.db, date);
  const needsReview = REVIEW_STATES.flatMap((state) => log.listAttemptsForDay(ctx.db, { ...range, state, limit: ALL_OF_A_DAY })).filter(awaitsReview);
  return {
    date,
    currency: ctx.currency,
    totals: log.dayTotals(ctx.db, { ...range, day: date }),
    needsReview: needsReview.sort((a, b) => a.createdAt - b.createdAt),
    refundsInProgress: refunds
      .listRefundsForDay(ctx.db, range.fromMs, range.toMs)
      .filter((refund) => (FOLLOWED_REFUND_STATES as readonly string[]).includes(refund.state) || refund.state === 'creating'),
    liveCount: countLiveInWindow(ctx.db, range.fromMs, range.toMs),
    close: getDayClose(ctx.db, date),
  };
}
