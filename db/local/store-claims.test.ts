import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from './database';
import { keepStoreClaims, ownStoreClaims, type StoredClaim } from './store-claims';
import { tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

const mine: StoredClaim = { counter_id: 'c1', station_id: 'pc1', station_name: 'Till 1', claimed_at: 10, last_seen: 20, stale: false };
const theirs: StoredClaim = { counter_id: 'c2', station_id: 'pc2', station_name: 'Till 2', claimed_at: 11, last_seen: 5, stale: true };

describe('store claims kept on disk', () => {
  it('survive closing and reopening the file: a restart finds the counters this PC holds', () => {
    keepStoreClaims(temp.db, 's1', [theirs, mine]);
    closeDatabase(temp.db);
    const reopened = openDatabase(temp.filePath);
    try {
      expect(ownStoreClaims(reopened, 's1', 'pc1')).toEqual([mine]);
      expect(ownStoreClaims(reopened, 's1', 'pc2')).toEqual([theirs]);
    } finally {
      closeDatabase(reopened);
    }
  });

  it('are replaced whole by the next reading: a claim released in the store is gone here too', () => {
    keepStoreClaims(temp.db, 's1', [mine, theirs]);
    keepStoreClaims(temp.db, 's1', [theirs]);
    expect(ownStoreClaims(temp.db, 's1', 'pc1')).toEqual([]);
    keepStoreClaims(temp.db, 's1', [{ ...mine, last_seen: 30 }]);
    expect(ownStoreClaims(temp.db, 's1', 'pc1')).toEqual([{ ...mine, last_seen: 30 }]);
  });

  it('belong to one store: another store’s claims are neither read nor replaced', () => {
    keepStoreClaims(temp.db, 's1', [mine]);
    keepStoreClaims(temp.db, 's2', []);
    expect(ownStoreClaims(temp.db, 's1', 'pc1')).toEqual([mine]);
    expect(ownStoreClaims(temp.db, 's2', 'pc1')).toEqual([]);
  });

  it('a failed replacement leaves the previous claims as they were', () => {
    keepStoreClaims(temp.db, 's1', [mine]);
    expect(() => keepStoreClaims(temp.db, 's1', [theirs, { ...theirs, station_id: 'pc3' }])).toThrow(/UNIQUE/);
    expect(ownStoreClaims(temp.db, 's1', 'pc1')).toEqual([mine]);
  });
});
