import { describe, expect, it } from 'vitest';
import { getSetting, setSetting } from './settings';
import { tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

describe('settings', () => {
  it('stores and replaces text values', () => {
    const { db } = temp;
    expect(getSetting(db, 'ui.theme')).toBeNull();
    setSetting(db, 'ui.theme', 'dark');
    setSetting(db, 'ui.theme', 'light');
    expect(getSetting(db, 'ui.theme')).toBe('light');
  });

  it('refuses keys that name secrets', () => {
    for (const key of ['zoho.refresh_token', 'client_secret', 'manager.password', 'credentials']) {
      expect(() => setSetting(temp.db, key, 'x')).toThrow(/keychain/);
    }
  });
});
