// Manager → Integrations: a key per billing program, shown once, stored hashed; revocable.
import * as counters from '../../db/local/counters';
import { insertIntegrationKey, listIntegrationKeys, revokeIntegrationKey } from '../../db/local/integration';
import { HandlerFailure } from '../failure';
import { hashApiKey, keyPrefix, newApiKey } from '../integration-api/keys';
import type { DataContext, Handlers } from './types';

export function integrationKeyHandlers(ctx: DataContext): Handlers<'integration-key-create' | 'integration-key-list' | 'integration-key-revoke'> {
  return {
    'integration-key-create': (input) => {
      for (const counterId of input.counterIds) counters.requireCounter(ctx.db, counterId);
      const secret = newApiKey();
      const key = insertIntegrationKey(ctx.db, {
        name: input.name,
        keyHash: hashApiKey(secret),
        prefix: keyPrefix(secret),
        scopes: input.scopes,
        counterIds: input.counterIds,
        at: ctx.now(),
      });
      ctx.log.info('integration key created', { keyId: key.id, program: key.name, scopes: key.scopes });
      return { key, secret };
    },
    'integration-key-list': () => listIntegrationKeys(ctx.db),
    'integration-key-revoke': (input) => {
      const key = revokeIntegrationKey(ctx.db, input.keyId, ctx.now());
      if (!key) throw new HandlerFailure('not_found', 'That key does not exist.', 'keyId');
      ctx.log.info('integration key revoked', { keyId: key.id, program: key.name });
      return key;
    },
  };
}
