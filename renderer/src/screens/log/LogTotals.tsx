import { TENDERS, type Currency } from '../../../../contract/vocabulary';
import type { Counter } from '../../../../contract/records';
import { formatMoney } from '../../../../contract/money';
import type { DayTotals } from '../../../../contract/answers';
import { StateBadge } from '../../components/StateBadge';
import { TENDER_LABELS } from '../../format/labels';
import { CounterTotalsTable } from '../print/CounterTotalsTable';
import { HourChart } from './HourChart';

/** The day's totals as the backend counted them: collected, refunded and net, by state, by tender, by hour and by counter. */
export function LogTotals({ totals, currency, counters }: { totals: DayTotals; currency: Currency; counters: readonly Counter[] }) {
  const paid = totals.byState.find((s) => s.state === 'succeeded')?.count ?? 0;
  return (
    <section className="log-totals-block" aria-label="Totals">
      <div className="log-totals">
        <div className="log-total">
          <span className="log-total-label">Collected</span>
          <strong className="log-total-value" data-testid="collected">
            {formatMoney(totals.collectedMinor, currency)}
          </strong>
          <span className="log-total-sub">
            {paid} paid of {totals.attemptCount} {totals.attemptCount === 1 ? 'attempt' : 'attempts'}
          </span>
          <span className="log-total-sub">
            Refunded <strong data-testid="refunded">{formatMoney(totals.refundedMinor, currency)}</strong> · Net{' '}
            <strong data-testid="net">{formatMoney(totals.netMinor, currency)}</strong>
          </span>
          {totals.refundsInProgressMinor > 0 ? (
            <span className="log-total-sub log-total-warn">{formatMoney(totals.refundsInProgressMinor, currency)} of refunds still with Zoho</span>
          ) : null}
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
          <span className="log-total-label">Collected by tender</span>
          <ul className="log-method-totals" aria-label="Collected by tender">
            {TENDERS.map((tender) => {
              const t = totals.byTender.find((x) => x.tender === tender);
              return (
                <li key={tender}>
                  <span className="log-method-name">{TENDER_LABELS[tender]}</span> {formatMoney(t?.amountMinor ?? 0, currency)}{' '}
                  <span className="log-total-sub">({t?.count ?? 0})</span>
                </li>
              );
            })}
          </ul>
        </div>
        <HourChart collectedByHour={totals.collectedByHour} currency={currency} />
      </div>
      {totals.byCounter.length > 0 ? <CounterTotalsTable totals={totals} counters={counters} currency={currency} caption="By counter, with the cash each drawer should hold" /> : null}
    </section>
  );
}
