import type { Currency } from '../../../../contract/vocabulary';
import { formatMoney } from '../../../../contract/money';
import { hourRangeLabel } from '../../format/time';
import { chartHours, chartSummary } from './hour-chart';

const WIDTH = 420;
const HEIGHT = 96;
const AXIS = 16;

/** Inline SVG bars: one per hour. Heights are a ratio of integer amounts, so no money is rounded. */
export function HourChart({ collectedByHour, currency }: { collectedByHour: readonly number[]; currency: Currency }) {
  const hours = chartHours(collectedByHour);
  const max = Math.max(1, ...hours.map((h) => collectedByHour[h] ?? 0));
  const slot = WIDTH / hours.length;
  const barWidth = Math.max(4, slot - 4);
  return (
    <figure className="hour-chart">
      <svg
        role="img"
        aria-label={chartSummary(collectedByHour, currency)}
        viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
        width={WIDTH}
        height={HEIGHT + AXIS}
        className="hour-chart-svg"
      >
        <line x1={0} x2={WIDTH} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} className="hour-chart-axis" />
        {hours.map((hour, i) => {
          const value = collectedByHour[hour] ?? 0;
          const height = value === 0 ? 0 : Math.max(2, (value / max) * (HEIGHT - 4));
          const x = i * slot + (slot - barWidth) / 2;
          return (
            <g key={hour}>
              <rect x={x} y={HEIGHT - height} width={barWidth} height={height} className="hour-chart-bar">
                <title>{`${hourRangeLabel(hour)}: ${formatMoney(value, currency)}`}</title>
              </rect>
              {hour % 2 === 0 ? (
                <text x={i * slot + slot / 2} y={HEIGHT + AXIS - 3} textAnchor="middle" className="hour-chart-label">
                  {hour}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="hour-chart-caption">Collected by hour</figcaption>
    </figure>
  );
}
