import { useEffect } from 'react';
import { isLiveState, isReviewState, type AttemptState } from '../../../../contract/vocabulary';
import { ZOHO_TROUBLE_MESSAGES } from '../../../../contract/failures';
import { awaitsReview } from '../../../../contract/records';
import type { CounterStatus, DayTotals } from '../../../../contract/answers';
import { Countdown } from '../../components/Countdown';
import { Message } from '../../components/Field';
import { StateBadge, type BadgeState } from '../../components/StateBadge';
import { formatMoney } from '../../../../contract/money';
import { failureReason, methodLabel } from '../../format/labels';
import { formatTime } from '../../../../contract/calendar';
import { useNow } from '../../hooks/use-now';
import { useAppStore } from '../../state/app-state';
import { setDashboardActive, useDashboardStore } from '../../state/dashboard-state';

type CardKind = 'idle' | 'waiting' | 'paid' | 'failed' | 'review' | 'checked' | 'inactive';

function cardKind(status: CounterStatus): CardKind {
  if (!status.counter.active) return 'inactive';
  const attempt = status.attempt;
  if (!attempt || (status.invoice && status.invoice.status === 'open' && attempt.invoiceId !== status.invoice.id)) return 'idle';
  if (isLiveState(attempt.state)) return 'waiting';
  if (attempt.state === 'succeeded') return 'paid';
  if (awaitsReview(attempt)) return 'review';
  // Outcome still unknown, but a manager has checked it: nothing waits for a person here.
  if (isReviewState(attempt.state)) return 'checked';
  return 'failed';
}

function CounterCard({ status, now }: { status: CounterStatus; now: number }) {
  const { counter, invoice, attempt } = status;
  const kind = cardKind(status);
  const badgeState: BadgeState = kind === 'idle' || kind === 'inactive' || !attempt ? 'idle' : kind === 'checked' ? 'checked' : attempt.state;
  const headingId = `card-${counter.id}`;
  return (
    <li className={`counter-card counter-card-${kind}`} aria-labelledby={headingId}>
      <div className="counter-card-head">
        <h2 id={headingId} className="counter-card-title">
          {counter.name}
        </h2>
        <StateBadge state={badgeState} />
      </div>
      <p className="counter-card-terminal">Terminal {counter.terminalId}</p>
      {kind === 'inactive' ? <p className="counter-card-note">Deactivated</p> : null}
      {kind === 'idle' ? (
        <p className="counter-card-note">{invoice && invoice.status === 'open' ? `Preparing invoice ${invoice.number}` : 'No payment in progress'}</p>
      ) : null}
      {attempt && kind !== 'idle' && kind !== 'inactive' ? (
        <>
          <p className="counter-card-amount">{formatMoney(attempt.amountMinor, attempt.currency)}</p>
          <p className="counter-card-invoice">
            Invoice {attempt.invoiceNumber} · {methodLabel(attempt.paidMethod ?? attempt.method)}
          </p>
          {kind === 'waiting' && attempt.sessionCreatedAt !== null ? (
            <Countdown sessionCreatedAt={attempt.sessionCreatedAt} now={now} compact />
          ) : null}
          {kind === 'waiting' && attempt.declinedTries.length > 0 ? (
            <p className="counter-card-note">
              Declined {attempt.declinedTries.length === 1 ? 'once' : `${attempt.declinedTries.length} times`}: customer retrying
            </p>
          ) : null}
          {kind === 'paid' ? <p className="counter-card-note">Paid at {formatTime(attempt.finalAt ?? attempt.updatedAt)}</p> : null}
          {kind === 'failed' ? (
            <p className="counter-card-note">{attempt.state === 'rejected' ? (attempt.failureMessage ?? 'Refused by Zoho') : failureReason(attempt.failureCode)}</p>
          ) : null}
          {kind === 'review' ? <p className="counter-card-note">Needs a person to check the terminal</p> : null}
          {kind === 'checked' ? <p className="counter-card-note">Manager found: {attempt.review?.note}</p> : null}
        </>
      ) : null}
    </li>
  );
}

const FAILED: readonly AttemptState[] = ['failed', 'rejected'];

/**
 * Waiting: the counters charging now. Paid, failed and needing review: the whole day from the log's
 * totals (every sale, cash too), not only each counter's latest payment on its card.
 */
function dayCounts(statuses: readonly CounterStatus[], today: DayTotals | null) {
  const waiting = statuses.filter((status) => cardKind(status) === 'waiting').length;
  if (!today) return { waiting, paid: 0, failed: 0, review: 0 };
  return {
    waiting,
    paid: today.byTender.reduce((sum, tender) => sum + tender.count, 0),
    failed: today.byState.filter((total) => FAILED.includes(total.state)).reduce((sum, total) => sum + total.count, 0),
    review: today.awaitingReview,
  };
}

export function DashboardScreen() {
  const statuses = useDashboardStore((s) => s.statuses);
  const loaded = useDashboardStore((s) => s.loaded);
  const error = useDashboardStore((s) => s.error);
  const connection = useAppStore((s) => s.connection);
  const anyWaiting = statuses.some((s) => cardKind(s) === 'waiting');
  const now = useNow(1000, anyWaiting);

  useEffect(() => {
    setDashboardActive(true);
    void useDashboardStore.getState().load();
    return () => setDashboardActive(false);
  }, []);

  const today = useDashboardStore((s) => s.today);
  const counts = dayCounts(statuses, today);
  const shown = statuses.filter((s) => s.counter.active || s.attempt !== null);

  return (
    <div className="screen screen-dashboard">
      <div className="screen-bar">
        <h1 className="screen-title">All counters</h1>
        <p className="screen-summary">
          {counts.waiting} waiting now · today {counts.paid} paid · {counts.failed} failed · {counts.review} need review
        </p>
      </div>
      {connection?.trouble ? <Message kind="warning">{ZOHO_TROUBLE_MESSAGES[connection.trouble]} Payments in progress keep being checked.</Message> : null}
      {error ? <Message kind="error">Could not load the counters: {error}</Message> : null}
      {!loaded ? <p className="loading">Loading…</p> : null}
      {loaded && shown.length === 0 ? <p>No counters are set up yet.</p> : null}
      <ul className="counter-cards" aria-label="Counters">
        {shown.map((status) => (
          <CounterCard key={status.counter.id} status={status} now={now} />
        ))}
      </ul>
    </div>
  );
}
