// API keys for other billing programs: 32 random bytes shown once, stored as their SHA-256. A key
// that random cannot be found from its hash by guessing, so a slow hash (scrypt) would buy nothing
// and cost every call; the hash is looked up directly, by an index.
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'ck_';

export function newApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What the manager's list shows of a key: enough to tell keys apart, far too little to use. */
export function keyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}
