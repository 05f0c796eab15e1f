// Refunds on a PC of a store (issue 21): any PC refunds any PC's card/UPI sale, and never more is
// refunded than was paid, across PCs and races. The refund is this PC's own (written here first,
// `creating`, then asked of Zoho and followed here, and shipped as this PC's row); what is left of the
// payment is the store's to count. Before Zoho is asked the refund is reserved in the store: its
// reserve_refund (store migration 018) takes the payment's lock, counts the other PCs' refunds of it,
// those under way too, with this PC's own as its ledger has them, and writes the refund as this PC's
// row only if it fits. Two PCs refunding the rest
// of one payment at once: one is reserved, the other refused.
// With the store unreachable a PC refunds its own sales as a PC of its own would (its SQLite counts,
// the refund ships later), and refuses another PC's: it cannot know that PC's refunds.
import { InvalidStateError } from '../../db/local/errors';
import { getAttempt } from '../../db/local/attempts';
import { refundRowForStore } from '../../db/local/refunds';
import { readStoreAttempt } from '../../db/store/attempts';
import { isStoreUnreachable } from '../../db/store/pg';
import { reserveRefund } from '../../db/store/refund-reservations';
import { HandlerFailure } from '../failure';
import { ELSEWHERE_NEEDS_STORE, type RefundGuard } from '../ports';
import type { StoreHandlerDeps } from './handlers';

export function storeRefundGuard(deps: StoreHandlerDeps): RefundGuard {
  const { link } = deps;
  /** The store's pool and this PC's place in it; null while the link is down. */
  const up = () => link.reachable;
  return {
    paymentElsewhere: async (attemptId) => {
      if (getAttempt(deps.mode().db, attemptId)) return null;
      const store = up();
      if (!store) throw new HandlerFailure('conflict', ELSEWHERE_NEEDS_STORE, 'attemptId');
      const attempt = await readStoreAttempt(store.pool, store.joined.storeId, attemptId).catch((error: unknown) => {
        if (isStoreUnreachable(error)) throw new HandlerFailure('conflict', ELSEWHERE_NEEDS_STORE, 'attemptId');
        throw error;
      });
      // Not in the store either: the refund is refused as a payment this PC does not have.
      if (!attempt) return null;
      if (attempt.state !== 'succeeded' || attempt.paymentId === null) throw new InvalidStateError('payment_not_paid');
      return {
        attemptId: attempt.id,
        stationId: attempt.stationId,
        invoiceId: attempt.invoiceId,
        invoiceNumber: attempt.invoiceNumber,
        counterId: attempt.counterId,
        paymentId: attempt.paymentId,
        amountMinor: attempt.amountMinor,
        currency: attempt.currency,
      };
    },
    reserve: async (refund, counts) => {
      const store = up();
      if (!store) return { kind: 'unreachable' };
      try {
        const answer = await reserveRefund(store.pool, refundRowForStore(deps.mode().db, refund.id), counts);
        return answer.reserved ? { kind: 'reserved' } : { kind: 'refused', leftMinor: answer.leftMinor };
      } catch (error) {
        if (!isStoreUnreachable(error)) throw error;
        deps.log.warn('the store could not be asked to count a payment’s refunds', { refundId: refund.id, error: error instanceof Error ? error.message : String(error) });
        return { kind: 'unreachable' };
      }
    },
  };
}
