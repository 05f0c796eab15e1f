import { isReviewState } from '../../../../contract/vocabulary';
import { isHeld, type ChargeAttempt, type Counter, type Refund } from '../../../../contract/records';
import { formatMoney } from '../../../../contract/money';
import { StateBadge } from '../../components/StateBadge';
import { failureReason, methodLabel } from '../../format/labels';
import { formatDate, formatTime } from '../../../../contract/calendar';
import { filtersApplied, useLogStore } from '../../state/log-state';
import { LogPaging } from './LogPaging';
import { CashierNote } from './LedgerTables';

/** What the Reason column says about an attempt. */
function reasonText(attempt: ChargeAttempt): string {
  // Only unknown and unresolved attempts can carry a manager's check (the database refuses others).
  if (attempt.review) return `Checked by hand: ${attempt.review.note}`;
  switch (attempt.state) {
    case 'failed':
      return failureReason(attempt.failureCode);
    case 'rejected':
      return attempt.failureMessage ?? 'Refused by Zoho';
    case 'unknown':
      return attempt.hold && isHeld(attempt)
        ? `No clear answer to the charge request: terminal on hold until ${formatTime(attempt.hold.until)}`
        : 'No clear answer to the charge request';
    case 'unresolved':
      return 'No final answer from Zoho';
    default:
      return attempt.declinedTries.length > 0 ? `${attempt.declinedTries.length} declined ${attempt.declinedTries.length === 1 ? 'try' : 'tries'} first` : '';
  }
}

/** A paid payment's standing once refunds succeeded: refunded in part or in full (null: none refunded). */
export function refundStanding(attempt: ChargeAttempt, refunds: readonly Refund[]): 'part_refunded' | 'refunded' | null {
  if (attempt.state !== 'succeeded') return null;
  const refunded = refunds.filter((refund) => refund.attemptId === attempt.id && refund.state === 'succeeded').reduce((sum, refund) => sum + refund.amountMinor, 0);
  if (refunded === 0) return null;
  return refunded >= attempt.amountMinor ? 'refunded' : 'part_refunded';
}

function LogRow({ attempt, counterName, pcName, selected }: { attempt: ChargeAttempt; counterName: string; pcName: string | null; selected: boolean }) {
  const refunds = useLogStore((s) => s.log?.refunds);
  const busy = useLogStore((s) => s.busy);
  const { select, recheck } = useLogStore.getState();
  return (
    <tr className={selected ? 'log-row-selected' : undefined} onClick={() => void select(attempt.id)}>
      <td className="nowrap">{formatTime(attempt.createdAt, { seconds: true })}</td>
      <td>
        <button
          id={`row-${attempt.id}`}
          type="button"
          className="link-button"
          aria-expanded={selected}
          onClick={(e) => {
            e.stopPropagation();
            void select(attempt.id);
          }}
        >
          {attempt.invoiceNumber}
          <span className="visually-hidden">: show history</span>
        </button>
      </td>
      {pcName !== null ? <td>{pcName}</td> : null}
      <td>
        {counterName}
        <CashierNote cashier={attempt.cashier} />
      </td>
      <td className="mono">{attempt.terminalId}</td>
      <td className="num nowrap">{formatMoney(attempt.amountMinor, attempt.currency)}</td>
      <td>{methodLabel(attempt.paidMethod ?? attempt.method)}</td>
      <td>
        <StateBadge state={refundStanding(attempt, refunds ?? []) ?? attempt.state} />
        {isReviewState(attempt.state) && attempt.paymentsSessionId ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={(e) => {
              e.stopPropagation();
              void recheck(attempt.id);
            }}
            disabled={busy !== null}
            aria-label={`Re-check ${attempt.invoiceNumber} with Zoho`}
          >
            Re-check
          </button>
        ) : null}
      </td>
      <td className="log-reason-cell">{reasonText(attempt)}</td>
      <td className="mono">{attempt.paymentId ?? '—'}</td>
    </tr>
  );
}

/** The day's attempts, newest first; a row opens its history. */
export function LogTable({ counters }: { counters: readonly Counter[] }) {
  const filters = useLogStore((s) => s.filters);
  const log = useLogStore((s) => s.log);
  const loading = useLogStore((s) => s.loading);
  const selectedId = useLogStore((s) => s.selectedId);
  const counterName = (id: string) => counters.find((c) => c.id === id)?.name ?? id;
  // Store mode: which PC took each payment.
  const stations = log?.store?.stations ?? null;
  const pcName = (attempt: ChargeAttempt) => (stations ? (stations.find((s) => s.id === attempt.stationId)?.name ?? '—') : null);
  return (
    <div className="log-table-wrap" aria-busy={loading}>
      <table className="log-table">
        <caption className="visually-hidden">
          Payment attempts on {formatDate(filters.date)}
          {filtersApplied(filters) ? ' (filtered)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Invoice</th>
            {stations ? <th scope="col">PC</th> : null}
            <th scope="col">Counter</th>
            <th scope="col">Terminal</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Method</th>
            <th scope="col">State</th>
            <th scope="col">Reason</th>
            <th scope="col">Payment ID</th>
          </tr>
        </thead>
        <tbody>
          {log?.attempts.map((a) => (
            <LogRow key={a.id} attempt={a} counterName={counterName(a.counterId)} pcName={pcName(a)} selected={a.id === selectedId} />
          ))}
        </tbody>
      </table>
      <LogPaging />
    </div>
  );
}
