// Manager → Integrations: the keys other billing programs use for the integration API, the API's
// network switch, and the refunds programs ask for.
import { ok } from '../../../../contract/result';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';
import { createRefund } from './ledger';

export function integrationHandlers(b: FakeState) {
  return {
    'integration-key-create': (input) => {
      for (const counterId of input.counterIds) b.requireCounter(counterId);
      const secret = `ck_fake${String(b.integrationKeys.length + 1).padStart(4, '0')}`;
      const key = { id: `k${b.integrationKeys.length + 1}`, name: input.name, prefix: secret.slice(0, 8), scopes: input.scopes, counterIds: input.counterIds, createdAt: b.now(), revokedAt: null };
      b.integrationKeys.push(key);
      return ok({ key, secret });
    },
    'integration-key-list': () => ok(b.integrationKeys),
    'integration-key-revoke': (input) => {
      const key = b.integrationKeys.find((k) => k.id === input.keyId) ?? refuse('not_found', 'There is no such key.', 'keyId');
      key.revokedAt ??= b.now();
      return ok(key);
    },
    'integration-api-status': () => ok(b.integrationApi),
    'integration-api-configure': (input) => ok((b.integrationApi = { ...b.integrationApi, lan: input.lan })),
    'refund-requests-waiting': (input) => ok(b.refundRequests.filter((r) => r.state === 'waiting' && (!input.counterId || r.counterId === input.counterId))),
    'refund-request-decide': (input) => {
      const request = b.refundRequests.find((r) => r.id === input.requestId) ?? refuse('not_found', 'That refund request does not exist.', 'requestId');
      if (request.state !== 'waiting') refuse('conflict', `That refund request was already ${request.state}.`, 'requestId');
      const refund = input.decision === 'approve' ? createRefund(b, { managerToken: input.managerToken, attemptId: request.attemptId, amountMinor: request.amountMinor, reason: request.reason, requestKey: `api-${request.id}` }) : null;
      Object.assign(request, { state: refund ? 'approved' : 'declined', refundId: refund?.id ?? null, decidedAt: b.now() });
      return ok(request);
    },
  } satisfies Partial<FakeHandlers>;
}
