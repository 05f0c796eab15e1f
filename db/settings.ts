// App preferences as text key/value pairs, with a typed layer for the keys the app knows.
// Never secrets: OAuth tokens and client secrets belong to the OS keychain (main's safeStorage).
import type { Edition } from '../contract/domain';
import { EDITIONS } from '../contract/domain';
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

export function deleteSetting(db: Db, key: string): void {
  prepared<[string]>(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

/** A known key and how its value is stored as text. `decode` returns null for text it does not accept. */
export interface SettingDefinition<T> {
  key: string;
  decode(text: string): T | null;
  encode(value: T): string;
}

export function textSetting(key: string): SettingDefinition<string> {
  return { key, decode: (text) => text, encode: (value) => value };
}

export function choiceSetting<Choice extends string>(key: string, choices: readonly Choice[]): SettingDefinition<Choice> {
  return {
    key,
    decode: (text) => choices.find((choice) => choice === text) ?? null,
    encode: (value) => value,
  };
}

export function integerSetting(key: string): SettingDefinition<number> {
  return {
    key,
    decode: (text) => (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null),
    encode: (value) => {
      if (!Number.isSafeInteger(value)) throw new RangeError(`Setting ${key} must be a whole number: ${value}`);
      return String(value);
    },
  };
}

export const KNOWN_SETTINGS = {
  /** Which Zoho Payments data centre the account lives in. */
  edition: choiceSetting<Edition>('zoho.edition', EDITIONS),
  /** Zoho's account_id for API calls: an identifier, not a credential. */
  accountId: textSetting('zoho.account_id'),
} as const;

/** The stored value, or null when unset or no longer valid for the definition. */
export function readSetting<T>(db: Db, definition: SettingDefinition<T>): T | null {
  const text = getSetting(db, definition.key);
  return text === null ? null : definition.decode(text);
}

export function writeSetting<T>(db: Db, definition: SettingDefinition<T>, value: T): void {
  setSetting(db, definition.key, definition.encode(value));
}
