import { describe, expect, it } from 'vitest';
import { chartHours, chartSummary } from './hour-chart';

describe('the collections chart', () => {
  const hours = Array.from({ length: 24 }, () => 0);

  it('draws business hours, widened to any hour with money', () => {
    expect(chartHours(hours)).toEqual(Array.from({ length: 14 }, (_, i) => 8 + i));
    const early = [...hours];
    early[6] = 100;
    expect(chartHours(early)[0]).toBe(6);
    const late = [...hours];
    late[21] = 100;
    expect(chartHours(late).at(-1)).toBe(22);
  });

  it('summarises the day in words for its accessible name', () => {
    expect(chartSummary(hours, 'INR')).toMatch(/nothing collected/);
    const day = [...hours];
    day[10] = 123450;
    day[14] = 5000;
    const summary = chartSummary(day, 'INR');
    expect(summary).toContain('Busiest 10:00–11:00 with ₹1,234.50');
    expect(summary).toContain('14:00–15:00 ₹50.00');
  });
});
