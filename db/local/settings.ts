// App preferences as text key/value pairs; the handlers that own each key decide what its text means.
// Never secrets: OAuth tokens and client secrets belong to the OS keychain (main's safeStorage).
import type { Db } from './database';
import { prepared } from './statements';

const SECRET_LOOKING_KEY = /token|secret|password|credential/i;

export function getSetting(db: Db, key: string): string | null {
  return prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(key)?.value ?? null;
}

/** Throws for a key that names a secret, so a token can never land in the file by mistake. */
export function setSetting(db: Db, key: string, value: string): void {
  if (SECRET_LOOKING_KEY.test(key)) {
    throw new Error(`Setting "${key}" looks like a secret: secrets are kept in the OS keychain, never in the database.`);
  }
  prepared<[string, string]>(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
