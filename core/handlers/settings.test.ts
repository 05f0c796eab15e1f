import { describe, expect, it } from 'vitest';
import { POLL_INTERVAL_SECONDS } from '../../contract/rules';
import { setSetting } from '../../db/local/settings';
import { tempDatabaseEachTest } from '../../testkit/db';
import { readSettings } from './settings';

const temp = tempDatabaseEachTest();

describe('readSettings', () => {
  it('reads the stored poll interval, and the default for nothing stored or a value the input rule refuses', () => {
    expect(readSettings(temp.db).pollIntervalSeconds).toBe(POLL_INTERVAL_SECONDS.default);
    setSetting(temp.db, 'poll_interval_seconds', String(POLL_INTERVAL_SECONDS.max));
    expect(readSettings(temp.db).pollIntervalSeconds).toBe(POLL_INTERVAL_SECONDS.max);
    for (const stored of [String(POLL_INTERVAL_SECONDS.min - 1), String(POLL_INTERVAL_SECONDS.max + 1), '7.5', '', 'seven']) {
      setSetting(temp.db, 'poll_interval_seconds', stored);
      expect(readSettings(temp.db).pollIntervalSeconds, stored).toBe(POLL_INTERVAL_SECONDS.default);
    }
  });
});

describe('the store preferences', () => {
  it('read as card, no name and no address until set, and a stored value the rule would refuse reads as the default', () => {
    expect(readSettings(temp.db)).toMatchObject({ defaultMethod: 'card', storeName: '', storeAddress: '' });
    setSetting(temp.db, 'default_method', 'upi');
    setSetting(temp.db, 'store_name', 'Sharma Stores');
    expect(readSettings(temp.db)).toMatchObject({ defaultMethod: 'upi', storeName: 'Sharma Stores' });
    setSetting(temp.db, 'default_method', 'cash');
    expect(readSettings(temp.db).defaultMethod).toBe('card');
  });
});
