// Who may call the integration API: programs on this PC (or the shop's LAN when Counter is started
// with COUNTER_API_LAN=1 / --api-lan), never a web page (a request carrying Origin is refused and no CORS header is ever sent),
// each with a live key of its own.
import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import type { IntegrationKey } from '../../contract/records';
import type { IntegrationScope } from '../../contract/vocabulary';
import { findKeyByHash } from '../../db/local/integration';
import type { Db } from '../../db/local/database';
import { hashApiKey } from './keys';
import { refuse } from './replies';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/** Refuses a request from another computer while LAN access is off, and any request a browser page makes. */
export function checkCaller(remoteAddress: string | undefined, headers: IncomingHttpHeaders, lan: boolean): void {
  if (!lan && !isLoopback(remoteAddress)) {
    refuse(403, 'lan_access_off', 'This API answers programs on this computer only: to allow the shop’s network, start Counter with COUNTER_API_LAN=1 (browser host: --api-lan).');
  }
  if (headers.origin !== undefined) {
    refuse(403, 'browser_refused', 'Web pages may not call this API: call it from your billing program (no Origin header).', 'Origin');
  }
}

/** The key the request carries (Authorization: Bearer ck_…), live and allowed `scope`. */
export function authenticate(db: Db, headers: IncomingHttpHeaders, scope: IntegrationScope | null): IntegrationKey {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!bearer?.[1]) refuse(401, 'key_required', 'Send your API key as "Authorization: Bearer <key>". A manager creates one in Manager → Integrations.', 'Authorization');
  const key = findKeyByHash(db, hashApiKey(bearer[1]));
  if (!key) refuse(401, 'key_unknown', 'This API key is not known to Counter. Ask a manager for a key in Manager → Integrations.', 'Authorization');
  if (key.revokedAt !== null) refuse(401, 'key_revoked', 'This API key was revoked by a manager. Ask for a new one in Manager → Integrations.', 'Authorization');
  if (scope && !key.scopes.includes(scope)) refuse(403, 'scope_missing', `This API key may not ${SCOPE_WORDS[scope]}: a manager can make a key with the "${scope}" scope.`, 'Authorization');
  return key;
}

const SCOPE_WORDS: Record<IntegrationScope, string> = {
  charge: 'start charges',
  read: 'read charges and counters',
  'refund-request': 'ask for refunds',
};
