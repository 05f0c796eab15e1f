// The day's summary as printed (A4): collected, refunded and net, per counter with each drawer's
// cash, the tax invoices HSN-wise and rate-wise, refunds still with Zoho, payments still needing
// review, and who closed the day.
import type { Counter } from '../../../../contract/records';
import { formatMoney } from '../../../../contract/money';
import type { DayCloseReport } from '../../../../contract/answers';
import { formatDate, formatDateTime } from '../../../../contract/calendar';
import { CounterTotalsTable } from './CounterTotalsTable';
import { TaxSummaryTables } from './TaxSummaryTables';

export function DaySummaryView({ report, counters, storeName }: { report: DayCloseReport; counters: readonly Counter[]; storeName: string }) {
  const money = (minor: number) => formatMoney(minor, report.currency);
  const { totals, close } = report;
  return (
    <article className="day-summary" aria-label={`Summary of ${formatDate(report.date)}`}>
      <h1>
        {storeName ? `${storeName}: ` : ''}day summary, {formatDate(report.date)}
      </h1>
      <p className="day-summary-status">
        {close
          ? `Closed by ${close.closedBy} at ${formatDateTime(close.closedAt)}${close.awaitingReview > 0 ? `, with ${close.awaitingReview} payment(s) still needing review` : ''}.`
          : 'Not closed yet.'}
      </p>
      <dl className="day-summary-figures">
        <div>
          <dt>Collected</dt>
          <dd>{money(totals.collectedMinor)}</dd>
        </div>
        <div>
          <dt>Refunded</dt>
          <dd>{money(totals.refundedMinor)}</dd>
        </div>
        <div>
          <dt>Net</dt>
          <dd>{money(totals.netMinor)}</dd>
        </div>
        <div>
          <dt>Refunds still with Zoho</dt>
          <dd>{money(totals.refundsInProgressMinor)}</dd>
        </div>
      </dl>
      <CounterTotalsTable totals={totals} counters={counters} currency={report.currency} caption="By counter and tender" />
      {report.taxSummary ? <TaxSummaryTables tax={report.taxSummary} currency={report.currency} /> : null}
      <h2>Needing review</h2>
      {report.needsReview.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {report.needsReview.map((attempt) => (
            <li key={attempt.id}>
              {attempt.invoiceNumber}: {money(attempt.amountMinor)}, {formatDateTime(attempt.createdAt)}
            </li>
          ))}
        </ul>
      )}
      {report.refundsInProgress.length > 0 ? (
        <>
          <h2>Refunds still with Zoho</h2>
          <ul>
            {report.refundsInProgress.map((refund) => (
              <li key={refund.id}>
                {refund.invoiceNumber}: {money(refund.amountMinor)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}
