import type { ChargeAttempt } from '../../contract/records';
import * as attempts from '../../db/local/attempts';
import * as events from '../../db/local/events';
import { markAttemptReviewed } from '../../db/local/reviews';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from './types';

export function chargeHandlers(
  ctx: DataContext,
): Handlers<'charge-create' | 'charge-recheck' | 'attempt-events' | 'attempt-mark-reviewed' | 'attempt-release-hold'> {
  return {
    'charge-create': async (input) => {
      const { claims, terminals } = ctx.ports();
      await claims.claim(input.counterId);
      await terminals.assertFree(input.counterId);
      return ctx.charges.create(input);
    },
    'charge-recheck': (input) => ctx.ports().ledger.recheck(input.attemptId, () => recheck(ctx, input.attemptId)),
    'attempt-events': (input) =>
      ctx.ports().ledger.attemptEvents(input.attemptId, () => events.listEventsForAttempt(ctx.db, attempts.requireAttempt(ctx.db, input.attemptId).id)),
    'attempt-mark-reviewed': (input) =>
      ctx.ports().ledger.markReviewed(input.attemptId, input.note, () => {
        const attempt = markAttemptReviewed(ctx.db, { attemptId: input.attemptId, note: input.note, at: ctx.now(), actor: 'manager' });
        ctx.charges.publish(attempt);
        return attempt;
      }),
    'attempt-release-hold': (input) => ctx.charges.releaseHold(input.attemptId, input.note),
  };
}

async function recheck(ctx: DataContext, attemptId: string): Promise<ChargeAttempt> {
  const attempt = attempts.requireAttempt(ctx.db, attemptId);
  if (!attempt.paymentsSessionId) {
    throw new HandlerFailure(
      'conflict',
      'This payment never got a session from Zoho, so there is nothing to check. Look at the terminal and the Zoho dashboard.',
      'attemptId',
    );
  }
  await ctx.charges.recheck(attempt.id);
  return attempts.requireAttempt(ctx.db, attempt.id);
}
