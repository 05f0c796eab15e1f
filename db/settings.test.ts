import { describe, expect, it } from 'vitest';
import {
  KNOWN_SETTINGS,
  choiceSetting,
  deleteSetting,
  getSetting,
  integerSetting,
  readSetting,
  setSetting,
  writeSetting,
} from './settings';
import { tempDatabaseEachTest } from '../testkit/db';

const temp = tempDatabaseEachTest();

describe('settings', () => {
  it('stores, replaces and deletes text values', () => {
    const { db } = temp;
    expect(getSetting(db, 'ui.theme')).toBeNull();
    setSetting(db, 'ui.theme', 'dark');
    setSetting(db, 'ui.theme', 'light');
    expect(getSetting(db, 'ui.theme')).toBe('light');
    deleteSetting(db, 'ui.theme');
    expect(getSetting(db, 'ui.theme')).toBeNull();
  });

  it('refuses keys that name secrets', () => {
    for (const key of ['zoho.refresh_token', 'client_secret', 'manager.password', 'credentials']) {
      expect(() => setSetting(temp.db, key, 'x')).toThrow(/keychain/);
    }
  });

  it('reads and writes typed values, and ignores stored text a definition does not accept', () => {
    const { db } = temp;
    writeSetting(db, KNOWN_SETTINGS.edition, 'in_sandbox');
    expect(readSetting(db, KNOWN_SETTINGS.edition)).toBe('in_sandbox');
    setSetting(db, KNOWN_SETTINGS.edition.key, 'mars');
    expect(readSetting(db, KNOWN_SETTINGS.edition)).toBeNull();

    const interval = integerSetting('poll.interval_seconds');
    expect(readSetting(db, interval)).toBeNull();
    writeSetting(db, interval, 7);
    expect(readSetting(db, interval)).toBe(7);
    for (const bad of ['7.5', '', 'seven', '1e3', '99999999999999999999']) {
      setSetting(db, interval.key, bad);
      expect(readSetting(db, interval)).toBeNull();
    }
    expect(() => writeSetting(db, interval, 1.5)).toThrow(RangeError);

    const size = choiceSetting('ui.size', ['small', 'large'] as const);
    writeSetting(db, size, 'large');
    expect(readSetting(db, size)).toBe('large');
  });
});
