import { refundNeedsReview } from '../../contract/records';
import { FOLLOWED_REFUND_STATES } from '../../contract/vocabulary';
import * as attempts from '../../db/local/attempts';
import * as refunds from '../../db/local/refunds';
import { correctionFor } from '../../db/local/day-closes';
import { formatDate } from '../../contract/calendar';
import { signedInCashier } from '../cashiers/handlers';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';

export function refundHandlers(ctx: DataContext): Handlers<'refund-create' | 'refund-list' | 'refund-recheck' | 'refund-decide'> {
  return {
    // Any PC's payment: the store counts what is left of it across its PCs (core/ports.ts RefundGuard).
    // Who asked: the cashier signed in at the screen's counter (none: the manager, whose PIN it takes).
    'refund-create': ({ managerToken: _manager, counterId, ...input }) => {
      const cashier = signedInCashier(ctx, counterId);
      return ctx.refunds.create({ ...input, ...(cashier ? { cashier } : {}) });
    },
    // Another PC's payment's refunds are read from the store's ledger (core/ports.ts).
    'refund-list': (input) => ctx.ports().ledger.refunds(input.attemptId, () => refunds.listRefundsWithEvents(ctx.db, attempts.requireAttempt(ctx.db, input.attemptId).id)),
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
      // A refund of a closed day keeps its record; the decision is its correction on a later day, once.
      const decided = correctionFor(ctx.db, 'refund', refund.id);
      if (decided) {
        throw new HandlerFailure('conflict', `This refund was already settled after its day was closed: ${decided.toState === 'succeeded' ? 'made' : 'not made'}, counted on ${formatDate(decided.day)}.`, 'refundId');
      }
      return ctx.refunds.decide(refund, input.outcome === 'made', input.note);
    },
  };
}
