import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, localDate, nextDate, previousDate } from './calendar';

describe('the one date format', () => {
  it('shows a date and time as "7 Dec 2026, 14:05", whatever the shop\'s country', () => {
    expect(formatDateTime(new Date(2026, 11, 7, 14, 5, 9).getTime())).toBe('7 Dec 2026, 14:05');
    expect(formatDateTime(new Date(2027, 0, 1, 0, 0).getTime())).toBe('1 Jan 2027, 00:00');
  });

  it('shows a date alone as "7 Dec 2026"', () => {
    expect(formatDate('2026-12-07')).toBe('7 Dec 2026');
    expect(formatDate('2026-09-30')).toBe('30 Sep 2026');
  });

  it('shows a time of day on the 24-hour clock, with seconds where asked', () => {
    const at = new Date(2026, 11, 7, 9, 5, 9).getTime();
    expect(formatTime(at)).toBe('09:05');
    expect(formatTime(at, { seconds: true })).toBe('09:05:09');
  });
});

describe('local dates', () => {
  it('steps from day to day across a month end', () => {
    expect(localDate(new Date(2026, 10, 2, 23, 59).getTime())).toBe('2026-11-02');
    expect(nextDate('2026-11-30')).toBe('2026-12-01');
    expect(previousDate('2027-01-01')).toBe('2026-12-31');
  });
});
