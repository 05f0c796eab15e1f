// Manager → Integrations: the keys other billing programs use for the integration API.
import { ok } from '../../../../contract/result';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

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
  } satisfies Partial<FakeHandlers>;
}
