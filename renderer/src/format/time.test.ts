import { describe, expect, it } from 'vitest';
import { agoLabel, formatClock, hourRangeLabel, lastCheckedLabel, sessionCountdown, spokenDuration } from './time';

describe('sessionCountdown', () => {
  const created = 1_000_000;

  it('starts at 3:00 with a full bar', () => {
    expect(sessionCountdown(created, created)).toMatchObject({ remainingMs: 180_000, fraction: 1, expired: false, label: '3:00' });
  });

  it('counts down by whole seconds, rounding up so 0:00 means over', () => {
    expect(sessionCountdown(created, created + 45_000).label).toBe('2:15');
    expect(sessionCountdown(created, created + 179_001).label).toBe('0:01');
    expect(sessionCountdown(created, created + 90_000).fraction).toBe(0.5);
  });

  it('stops at zero and says it has expired', () => {
    expect(sessionCountdown(created, created + 180_000)).toMatchObject({ remainingMs: 0, fraction: 0, expired: true, label: '0:00' });
    expect(sessionCountdown(created, created + 600_000).remainingMs).toBe(0);
  });

  it('treats a session stamped slightly in the future (clock skew) as just created', () => {
    expect(sessionCountdown(created + 2_000, created)).toMatchObject({ remainingMs: 180_000, label: '3:00' });
  });

  it('speaks the time left in words', () => {
    expect(sessionCountdown(created, created + 45_000).spoken).toBe('2 minutes 15 seconds left');
    expect(spokenDuration(60_000)).toBe('1 minute');
    expect(spokenDuration(1_000)).toBe('1 second');
    expect(spokenDuration(0)).toBe('0 seconds');
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [999, '0:01'],
    [59_000, '0:59'],
    [61_000, '1:01'],
    [-5_000, '0:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('agoLabel and lastCheckedLabel', () => {
  const now = 10_000_000;
  it.each([
    [now, 'just now'],
    [now - 3_000, '3 s ago'],
    [now - 59_999, '59 s ago'],
    [now - 60_000, '1 min ago'],
    [now - 65_000, '1 min 5 s ago'],
    [now - 12 * 60_000, '12 min ago'],
    [now - 75 * 60_000, '1 h 15 min ago'],
    [now + 4_000, 'just now'],
  ])('%i → %s', (then, text) => {
    expect(agoLabel(then, now)).toBe(text);
  });

  it('says when no check has happened yet', () => {
    expect(lastCheckedLabel(null, now)).toBe('Not checked yet');
    expect(lastCheckedLabel(now - 3_000, now)).toBe('Last checked 3 s ago');
  });
});

describe('hours', () => {
  it('formats hour ranges', () => {
    expect(hourRangeLabel(9)).toBe('09:00–10:00');
    expect(hourRangeLabel(23)).toBe('23:00–00:00');
  });
});
