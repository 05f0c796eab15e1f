// After the sale: the day's log and its export, an attempt's history, reviews and holds, refunds, the day close.
import { DAY_LOG_MAX_ROWS, DAY_LOG_PAGE, type DayCloseReport, type DayLog, type DayTotals } from '../../../../contract/answers';
import type { ParsedInput } from '../../../../contract/handlers';
import { invoiceAwaitsReview, refundNeedsReview, type ChargeAttempt, type Refund } from '../../../../contract/records';
import { ok } from '../../../../contract/result';
import { COMMITTED_REFUND_STATES, isLiveState, type RefundState } from '../../../../contract/vocabulary';
import { localDate } from '../../../../contract/calendar';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

function dayLog(b: FakeState, input: ParsedInput<'log-day'>): DayLog {
  const day = b.attempts
    .filter((a) => localDate(a.createdAt) === input.date)
    .filter((a) => !input.counterId || a.counterId === input.counterId)
    .filter((a) => !input.state || a.state === input.state)
    .filter((a) => !input.method || a.method === input.method)
    .filter((a) => !input.search || a.invoiceNumber.includes(input.search))
    .reverse();
  const rows = input.rows ?? DAY_LOG_PAGE;
  const paid = day.filter((a) => a.state === 'succeeded');
  return {
    date: input.date,
    currency: b.appInfo.currency,
    attempts: day.slice(0, rows),
    truncated: day.length > rows,
    totals: totals(b, paid, day.length, day.filter((a) => invoiceAwaitsReview([a])).length),
    refunds: b.refunds.filter((r) => localDate(r.createdAt) === input.date),
    cashSales: b.cashSales.filter((s) => localDate(s.createdAt) === input.date),
    cashRefunds: b.cashRefunds.filter((r) => localDate(r.createdAt) === input.date),
    corrections: [],
    close: b.closes.find((c) => c.day === input.date) ?? null,
  };
}

/** Collected and refunded, in their simplest form; the tenders and counters are the real backend's to count. */
function totals(b: FakeState, paid: readonly ChargeAttempt[], attemptCount: number, awaitingReview: number): DayTotals {
  const collectedMinor = paid.reduce((sum, a) => sum + a.amountMinor, 0) + b.cashSales.reduce((sum, s) => sum + s.amountMinor, 0);
  const refundedMinor = b.refunds.filter((r) => r.state === 'succeeded').reduce((sum, r) => sum + r.amountMinor, 0);
  return {
    collectedMinor,
    refundedMinor,
    refundsInProgressMinor: 0,
    netMinor: collectedMinor - refundedMinor,
    attemptCount,
    awaitingReview,
    byState: [],
    byMethod: [],
    byTender: [],
    byCounter: [],
    collectedByHour: Array.from({ length: 24 }, () => 0),
  };
}

function closeReport(b: FakeState, date: string): DayCloseReport {
  const log = dayLog(b, { date });
  return {
    date,
    currency: b.appInfo.currency,
    totals: log.totals,
    needsReview: log.attempts.filter((a) => invoiceAwaitsReview([a])),
    refundsInProgress: [],
    liveCount: log.attempts.filter((a) => isLiveState(a.state)).length,
    close: log.close,
    taxSummary: null,
  };
}

/** The cashier signed in at the counter, as a record's `cashier` (none: the manager). */
export function signedInAt(b: FakeState, counterId: string | undefined): { cashier?: string } {
  const cashier = b.cashierAt(counterId);
  return cashier ? { cashier } : {};
}

export function createRefund(b: FakeState, input: ParsedInput<'refund-create'>): Refund {
  const repeated = b.refunds.find((r) => r.id === `refund-${input.requestKey}`);
  if (repeated) return repeated;
  const attempt = b.requireAttempt(input.attemptId);
  if (attempt.state !== 'succeeded' || !attempt.paymentId) refuse('conflict', 'Only a paid card or UPI payment can be refunded.', 'attemptId');
  const committed: readonly RefundState[] = COMMITTED_REFUND_STATES;
  const taken = b.refunds.filter((r) => r.attemptId === attempt.id && committed.includes(r.state)).reduce((sum, r) => sum + r.amountMinor, 0);
  if (taken + input.amountMinor > attempt.amountMinor) refuse('invalid_input', 'Refund amount is more than is left to refund.', 'amountMinor');
  const at = b.now();
  const refund: Refund = {
    id: `refund-${input.requestKey}`,
    attemptId: attempt.id,
    invoiceId: attempt.invoiceId,
    invoiceNumber: attempt.invoiceNumber,
    counterId: attempt.counterId,
    paymentId: attempt.paymentId,
    amountMinor: input.amountMinor,
    currency: attempt.currency,
    reason: input.reason,
    note: input.note ?? null,
    state: 'initiated',
    zohoRefundId: `z-${at}`,
    failureReason: null,
    failureMessage: null,
    createdAt: at,
    updatedAt: at,
    finalAt: null,
    ...signedInAt(b, input.counterId),
  };
  b.refunds.push(refund);
  b.emit({ type: 'refund-updated', refund });
  return refund;
}

export function ledgerHandlers(b: FakeState) {
  return {
    'attempt-events': (input) => ok(b.history.filter((e) => e.attemptId === b.requireAttempt(input.attemptId).id)),
    'log-day': (input) => ok(dayLog(b, input)),
    'log-export-csv': (input) => {
      const { attempts } = dayLog(b, { ...input, rows: DAY_LOG_MAX_ROWS });
      return ok({ fileName: `payments-${input.date}.csv`, csv: ['invoice', ...attempts.map((a) => a.invoiceNumber)].join('\r\n'), rowCount: attempts.length });
    },
    'attempt-mark-reviewed': (input) => {
      const attempt = b.update(input.attemptId, { review: { at: Date.now(), note: input.note } });
      b.publish(attempt);
      return ok(attempt);
    },
    'attempt-release-hold': (input) => {
      const held = b.requireAttempt(input.attemptId);
      if (!held.hold) refuse('conflict', 'This payment does not hold its terminal.');
      const attempt = b.update(input.attemptId, { hold: { until: held.hold.until, endedAt: Date.now() } });
      b.publish(attempt);
      return ok(attempt);
    },
    'refund-create': (input) => ok(createRefund(b, input)),
    'refund-list': (input) => ok(b.refunds.filter((r) => r.attemptId === b.requireAttempt(input.attemptId).id).map((refund) => ({ refund, events: [] }))),
    'refund-recheck': (input) => ok(b.refunds.find((r) => r.id === input.refundId) ?? refuse('not_found', 'No such refund', 'refundId')),
    'refund-decide': (input) => {
      const refund = b.refunds.find((r) => r.id === input.refundId) ?? refuse('not_found', 'No such refund', 'refundId');
      if (!refundNeedsReview(refund)) refuse('conflict', 'This refund does not need a decision.', 'refundId');
      const decided: Refund = { ...refund, state: input.outcome === 'made' ? 'succeeded' : 'rejected', failureReason: input.outcome === 'made' ? null : 'not_made', finalAt: b.now() };
      b.refunds = b.refunds.map((r) => (r.id === refund.id ? decided : r));
      b.emit({ type: 'refund-updated', refund: decided });
      return ok(decided);
    },
    'day-close-report': (input) => ok(closeReport(b, input.date)),
    'day-close': (input) => {
      const report = closeReport(b, input.date);
      const closedBy = b.whoAt(input.counterId, input.closedBy, 'closedBy');
      if (report.needsReview.length > 0 && !input.closeAnyway) refuse('conflict', 'Payments still need a check.', 'closeAnyway');
      if (input.preview) return ok(report);
      b.closes.push({ id: `close-${input.date}`, day: input.date, closedBy, closedAt: b.now(), awaitingReview: report.needsReview.length });
      return ok(closeReport(b, input.date));
    },
  } satisfies Partial<FakeHandlers>;
}
