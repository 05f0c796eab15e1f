// Refunds billing programs asked for through the integration API: they wait on the counter's screen
// until a manager approves (the refund is made by the refund service, as from the log's refund form)
// or declines. Never made silently, and decided once.
import type { IntegrationRefundRequest } from '../../contract/records';
import { decideRefundRequest, getRefundRequest, listWaitingRefundRequests } from '../../db/local/integration-refunds';
import { getRefundByRequestKey } from '../../db/local/refund-queries';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from './types';

/** The refund an approval makes: one per request, however often approve is pressed or retried. */
export const refundKeyOfRequest = (requestId: string): string => `api-${requestId}`;

export function refundRequestHandlers(ctx: DataContext): Handlers<'refund-requests-waiting' | 'refund-request-decide'> {
  const approving = new Set<string>();

  const waiting = (requestId: string): IntegrationRefundRequest => {
    const request = getRefundRequest(ctx.db, requestId);
    if (!request) throw new HandlerFailure('not_found', 'That refund request does not exist.', 'requestId');
    if (request.state !== 'waiting') throw new HandlerFailure('conflict', `That refund request was already ${request.state}.`, 'requestId');
    return request;
  };

  const settle = (request: IntegrationRefundRequest, state: 'approved' | 'declined', refundId: string | null): IntegrationRefundRequest => {
    if (!decideRefundRequest(ctx.db, { id: request.id, state, refundId, at: ctx.now() })) waiting(request.id);
    ctx.log.info('refund request decided', { requestId: request.id, program: request.program, state, refundId });
    ctx.events.emit({ type: 'refund-requests-changed' });
    return getRefundRequest(ctx.db, request.id) as IntegrationRefundRequest;
  };

  return {
    'refund-requests-waiting': (input) => listWaitingRefundRequests(ctx.db, input.counterId ?? null),
    'refund-request-decide': async (input) => {
      const request = waiting(input.requestId);
      const requestKey = refundKeyOfRequest(request.id);
      if (input.decision === 'decline') {
        if (approving.has(request.id) || getRefundByRequestKey(ctx.db, requestKey)) {
          throw new HandlerFailure('conflict', 'This refund request is being approved: its refund was already sent to Zoho.', 'requestId');
        }
        return settle(request, 'declined', null);
      }
      approving.add(request.id);
      try {
        const refund = await ctx.refunds.create({
          attemptId: request.attemptId,
          amountMinor: request.amountMinor,
          reason: request.reason,
          note: request.note ?? `Asked for by ${request.program}`,
          requestKey,
        });
        return settle(request, 'approved', refund.id);
      } finally {
        approving.delete(request.id);
      }
    },
  };
}
