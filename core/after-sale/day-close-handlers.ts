// Closing the business day: the report a manager reads (and prints) before and after, the check
// they confirm, and the close itself. A close ends the day at that moment (or at its midnight, for an
// earlier day): from then on sales belong to the next business day (db/local/day-closes.ts).
import { randomUUID } from 'node:crypto';
import { FOLLOWED_REFUND_STATES, REVIEW_STATES } from '../../contract/vocabulary';
import { awaitsReview } from '../../contract/records';
import type { DayCloseReport } from '../../contract/answers';
import { businessDayRange, closeDay, countLiveInWindow, getDayClose } from '../../db/local/day-closes';
import { billsPaidInWindow } from '../../db/local/invoices';
import * as log from '../../db/local/ledger';
import * as refunds from '../../db/local/refunds';
import { formatDate, localDate } from '../../contract/calendar';
import { personAtCounter } from '../cashiers/handlers';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';
import { dayTaxSummary } from './tax-summary';

/** More than a day has: the report lists every payment needing review. */
const ALL_OF_A_DAY = 100_000;

export function dayCloseHandlers(ctx: DataContext): Handlers<'day-close-report' | 'day-close'> {
  return {
    'day-close-report': (input) => storeReport(ctx, input.date),
    'day-close': async (input) => {
      const now = ctx.now();
      const { fromMs, toMs } = businessDayRange(ctx.db, input.date);
      const window = { fromMs, toMs: Math.min(toMs, now) };
      await ctx.ports().closes.assertClosable(input.date, window);
      if (input.date > localDate(now)) {
        throw new HandlerFailure('invalid_input', 'Date must be today or earlier: a day is closed once it has begun.', 'date');
      }
      // Who closes it: checked for the preview too, so the confirmation is not refused after.
      const closedBy = personAtCounter(ctx, input.counterId, input.closedBy, 'closedBy', false);
      const before = await storeReport(ctx, input.date);
      if (before.close) throw new HandlerFailure('conflict', `${formatDate(input.date)} is already closed (by ${before.close.closedBy}).`, 'date');
      if (before.liveCount > 0) {
        throw new HandlerFailure('conflict', `A payment or refund of ${formatDate(input.date)} is still waiting for Zoho's answer. Close the day once it has one.`, 'date');
      }
      const review = before.needsReview.length;
      if (review > 0 && input.closeAnyway !== true) {
        const them = review === 1 ? '1 payment still needs' : `${review} payments still need`;
        throw new HandlerFailure('conflict', `${them} a manager's check. Check them first, or tick “Close anyway”: the close records that you closed with them open.`, 'closeAnyway');
      }
      if (window.toMs <= window.fromMs) throw new HandlerFailure('conflict', `Nothing can have been sold on ${formatDate(input.date)} yet: there is nothing to close.`, 'date');
      // A PC of the store that went quiet, or one heard from whose changes of the day still wait to be
      // sent, may hold sales of the day the store has not got: named, and recorded with the close when
      // closed anyway (what it ships later is a correction, late-arrivals.ts).
      const silent = await ctx.ports().closes.silentPcs(window);
      const unsent = (await ctx.ports().closes.unsentPcs(window)).filter((pc) => !silent.some((quiet) => quiet.name === pc.name));
      const behind = [
        ...silent.map((pc) => `PC “${pc.name}” has not been heard from for ${Math.max(1, Math.round(pc.silentMs / 60_000))} min`),
        ...unsent.map((pc) => `PC “${pc.name}” still has ${pc.count === 1 ? '1 change' : `${pc.count} changes`} to send to the store`),
      ];
      if (behind.length > 0 && input.closeAnyway !== true) {
        const whose = behind.length === 1 ? 'its' : 'their';
        throw new HandlerFailure(
          'conflict',
          `${behind.join('; ')}: ${whose} sales of ${formatDate(input.date)} may not have reached the store. Wait for ${behind.length === 1 ? 'it' : 'them'}, or tick “Close anyway”: what ${behind.length === 1 ? 'it sends' : 'they send'} later is counted on the next open day.`,
          'closeAnyway',
        );
      }
      if (input.preview === true) return before;
      const summary = {
        ...before.totals,
        ...(silent.length > 0 ? { notHeardFrom: silent.map((pc) => pc.name) } : {}),
        ...(unsent.length > 0 ? { notSentFrom: unsent.map((pc) => pc.name) } : {}),
      };
      const close = { id: randomUUID(), day: input.date, ...window, closedBy, awaitingReview: review, summary, at: now };
      await ctx.ports().closes.publish(close);
      closeDay(ctx.db, close);
      ctx.events.emit({ type: 'ledger-changed' });
      return storeReport(ctx, input.date);
    },
  };
}

/** The report of every PC of the store this PC may be part of (core/ports.ts); this PC's on its own. */
function storeReport(ctx: DataContext, date: string): Promise<DayCloseReport> {
  return ctx.ports().ledger.closeReport(date, () => report(ctx, date));
}

/** This PC's own report, from its SQLite. */
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
    taxSummary: dayTaxSummary(date, billsPaidInWindow(ctx.db, range.fromMs, range.toMs)),
  };
}
