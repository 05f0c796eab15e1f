import { describe, expect, it } from 'vitest';
import type { StoreStatus } from '../../../contract/answers';
import { heardAgo, storeLinkSummary } from './store';

const joined: StoreStatus = {
  link: 'up',
  storeName: 'Main Street',
  stationId: 'pc1',
  stationName: 'Till 1',
  address: 'postgres://app:***@db/store',
  downSince: null,
  pendingChanges: 0,
  message: '',
  callsPerMinute: 250,
  stations: [],
  claims: [],
  setAside: [],
};

describe('storeLinkSummary', () => {
  it('says nothing on a PC of its own', () => {
    expect(storeLinkSummary(null)).toBeNull();
    expect(storeLinkSummary({ ...joined, link: 'off' })).toBeNull();
  });

  it('names the store while the link is up, with changes on their way', () => {
    expect(storeLinkSummary(joined)).toEqual({ text: 'Store Main Street', tone: 'ok' });
    expect(storeLinkSummary({ ...joined, pendingChanges: 1 })).toEqual({ text: 'Store Main Street · 1 change to send', tone: 'ok' });
  });

  it('says since when the link is down and how many changes wait', () => {
    const downSince = new Date(2026, 10, 30, 10, 32, 5).getTime();
    expect(storeLinkSummary({ ...joined, link: 'down', downSince, pendingChanges: 12 })).toEqual({
      text: 'Store link down since 10:32 · 12 changes waiting',
      tone: 'warn',
    });
  });
});

describe('heardAgo', () => {
  it('seconds, then minutes, then hours', () => {
    expect(heardAgo(0, 4_000)).toBe('4 s ago');
    expect(heardAgo(0, 10 * 60_000)).toBe('10 min ago');
    expect(heardAgo(0, 3 * 3_600_000)).toBe('3 h ago');
  });
});
