// The log's collections-by-hour chart: which hours to draw and what it says in words.
import type { Currency } from '../../../../contract/vocabulary';
import { formatMoney } from '../../../../contract/money';
import { hourRangeLabel } from '../../format/time';

/** The hours worth drawing: business hours, widened to any hour that has collections. */
export function chartHours(collectedByHour: readonly number[]): number[] {
  let first = 8;
  let last = 21;
  collectedByHour.forEach((value, hour) => {
    if (value > 0) {
      first = Math.min(first, hour);
      // One empty hour after the last collection, so its bar never sits against the edge.
      last = Math.max(last, Math.min(23, hour + 1));
    }
  });
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** A short text summary of the day's collections by hour, for the chart's accessible name. */
export function chartSummary(collectedByHour: readonly number[], currency: Currency): string {
  const withMoney = collectedByHour.map((value, hour) => ({ value, hour })).filter((h) => h.value > 0);
  if (withMoney.length === 0) return 'Collections by hour: nothing collected yet.';
  const busiest = withMoney.reduce((a, b) => (b.value > a.value ? b : a));
  const parts = withMoney.map((h) => `${hourRangeLabel(h.hour)} ${formatMoney(h.value, currency)}`);
  return `Collections by hour. Busiest ${hourRangeLabel(busiest.hour)} with ${formatMoney(busiest.value, currency)}. ${parts.join('; ')}.`;
}
