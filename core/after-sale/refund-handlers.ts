import { refundNeedsReview } from '../../contract/records';
import { FOLLOWED_REFUND_STATES } from '../../contract/vocabulary';
import * as attempts from '../../db/local/attempts';
import * as refunds from '../../db/local/refunds';
import { signedInCashier } from '../cashiers/handlers';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';

export function refundHandlers(ctx: DataContext): Handlers<'refund-create' | 'refund-list' | 'refund-recheck' | 'refund-decide'> {
  return {
    // Who asked: the cashier signed in at the screen's counter (none: the manager, whose PIN it takes).
    'refund-create': async ({ managerToken: _manager, counterId, ...input }) => {
      await ctx.ports().ledger.assertRefundableHere(input.attemptId);
      const cashier = signedInCashier(ctx, counterId);
      return ctx.refunds.create({ ...input, ...(cashier ? { cashier } : {}) });
    },
    // Another PC's payment's refunds are read from the store's ledger (core/ports.ts).
    'refund-list': (input) =>
      ctx.ports().ledger.refunds(input.attemptId, () =>
        refunds
          .listRefundsForAttempt(ctx.db, attempts.requireAttempt(ctx.db, input.attemptId).id)
          .map((refund) => ({ refund, events: refunds.listRefundEvents(ctx.db, refund.id) })),
      ),
    'refund-recheck': async (input) => {
      const refund = refunds.requireRefund(ctx.db, input.refundId);
      if (!(FOLLOWED_REFUND_STATES as readonly string[]).includes(refund.state)) {
        throw new HandlerFailure('conflict', 'This refund is settled: there is nothing more to ask Zoho.', 'refundId');
      }
      await ctx.refunds.recheck(refund.id);
      return refunds.requireRefund(ctx.db, refund.id);
    },
    'refund-decide': (input) => {
      const refund = refunds.requireRefund(ctx.db, input.refundId);
      if (!refundNeedsReview(refund)) {
        throw new HandlerFailure('conflict', 'Only a refund Counter could not check with Zoho needs a manager’s decision; this one does not.', 'refundId');
      }
      return ctx.refunds.decide(refund, input.outcome === 'made', input.note);
    },
  };
}
