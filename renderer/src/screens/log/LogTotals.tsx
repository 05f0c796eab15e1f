import { PAYMENT_METHODS, type Currency } from '../../../../contract/domain';
import { formatMoney } from '../../../../contract/money';
import type { DayTotals } from '../../../../contract/views';
import { StateBadge } from '../../components/StateBadge';
import { METHOD_LABELS } from '../../format/labels';
import { HourChart } from './HourChart';

/** The day's totals as the backend counted them: collected, attempts by state, by method and by hour. */
export function LogTotals({ totals, currency }: { totals: DayTotals; currency: Currency }) {
  const paid = totals.byState.find((s) => s.state === 'succeeded')?.count ?? 0;
  return (
    <section className="log-totals" aria-label="Totals">
      <div className="log-total">
        <span className="log-total-label">Collected</span>
        <strong className="log-total-value" data-testid="collected">
          {formatMoney(totals.collectedMinor, currency)}
        </strong>
        <span className="log-total-sub">
          {paid} paid of {totals.attemptCount} {totals.attemptCount === 1 ? 'attempt' : 'attempts'}
        </span>
      </div>
      <div className="log-total">
        <span className="log-total-label">By state</span>
        <ul className="log-state-counts" aria-label="Attempts by state">
          {totals.byState
            .filter((s) => s.count > 0)
            .map((s) => (
              <li key={s.state}>
                <StateBadge state={s.state} /> <span className="log-state-count">{s.count}</span>
              </li>
            ))}
          {totals.attemptCount === 0 ? <li>None</li> : null}
        </ul>
        {totals.awaitingReview > 0 ? <span className="log-total-sub log-total-warn">{totals.awaitingReview} need review</span> : null}
      </div>
      <div className="log-total">
        <span className="log-total-label">Collected by method</span>
        <ul className="log-method-totals" aria-label="Collected by method">
          {PAYMENT_METHODS.map((m) => {
            const t = totals.byMethod.find((x) => x.method === m);
            return (
              <li key={m}>
                <span className="log-method-name">{METHOD_LABELS[m]}</span> {formatMoney(t?.amountMinor ?? 0, currency)}{' '}
                <span className="log-total-sub">({t?.count ?? 0})</span>
              </li>
            );
          })}
        </ul>
      </div>
      <HourChart collectedByHour={totals.collectedByHour} currency={currency} />
    </section>
  );
}
