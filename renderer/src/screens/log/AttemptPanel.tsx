import { useEffect, useRef } from 'react';
import { isReviewState } from '../../../../contract/domain';
import { awaitsReview, isHeld, type ChargeAttempt, type Counter } from '../../../../contract/model';
import { DetailList, DetailRow } from '../../components/DetailList';
import { Message } from '../../components/Field';
import { StateBadge } from '../../components/StateBadge';
import { formatMoney } from '../../../../contract/money';
import { failureReason, methodLabel, stateLabel } from '../../format/labels';
import { formatTime } from '../../format/time';
import { useLogStore } from '../../stores/log-store';
import { ReleaseHoldForm } from './ReleaseHoldForm';
import { ReviewForm } from './ReviewForm';

const ACTORS: Record<string, string> = {
  cashier: 'Cashier',
  poller: 'Automatic check',
  recheck: 'Re-check',
  startup: 'App start-up',
  zoho: 'Zoho',
  manager: 'Manager',
  'hold-timer': 'Hold timer',
};

/** One attempt's details and its event history, beside the log table. */
export function AttemptPanel({ attempt, counter, onClose }: { attempt: ChargeAttempt; counter: Counter | undefined; onClose: () => void }) {
  const events = useLogStore((s) => s.events);
  const eventsError = useLogStore((s) => s.eventsError);
  const busy = useLogStore((s) => s.busy);
  const recheck = useLogStore((s) => s.recheck);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [attempt.id]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="attempt-panel" aria-labelledby="attempt-title">
      <div className="attempt-panel-head">
        <h2 id="attempt-title" ref={headingRef} tabIndex={-1}>
          Invoice {attempt.invoiceNumber}
        </h2>
        <button type="button" className="btn btn-secondary" onClick={onClose} aria-keyshortcuts="Escape">
          Close
        </button>
      </div>
      <DetailList compact>
        <DetailRow term="State">
          <StateBadge state={attempt.state} />
        </DetailRow>
        <DetailRow term="Amount">{formatMoney(attempt.amountMinor, attempt.currency)}</DetailRow>
        <DetailRow term="Counter">
          {counter?.name ?? attempt.counterId} · terminal {attempt.terminalId}
        </DetailRow>
        <DetailRow term="Method">{methodLabel(attempt.paidMethod ?? attempt.method)}</DetailRow>
        {attempt.paymentId ? (
          <DetailRow term="Payment ID" valueClassName="mono">
            {attempt.paymentId}
          </DetailRow>
        ) : null}
        {attempt.paymentsSessionId ? (
          <DetailRow term="Zoho session" valueClassName="mono">
            {attempt.paymentsSessionId}
          </DetailRow>
        ) : null}
        {attempt.state === 'failed' ? <DetailRow term="Reason">{failureReason(attempt.failureCode)}</DetailRow> : null}
        {attempt.state === 'rejected' && attempt.failureMessage ? <DetailRow term="Zoho said">{attempt.failureMessage}</DetailRow> : null}
        {attempt.declinedTries.length > 0 ? (
          <DetailRow term="Declined tries">
            <ul className="attempt-declined-list">
              {attempt.declinedTries.map((declined) => (
                <li key={declined.paymentId}>
                  {formatTime(declined.at, attempt.currency)}: {failureReason(declined.failureCode)}
                </li>
              ))}
            </ul>
          </DetailRow>
        ) : null}
        {attempt.hold ? (
          <DetailRow term="Terminal on hold">
            {attempt.hold.endedAt === null
              ? `Until ${formatTime(attempt.hold.until, attempt.currency)}: no charge on terminal ${attempt.terminalId} or this invoice meanwhile`
              : `Ended ${formatTime(attempt.hold.endedAt, attempt.currency)}`}
          </DetailRow>
        ) : null}
        {attempt.review ? (
          <DetailRow term="Checked by hand">
            {formatTime(attempt.review.at, attempt.currency)}: {attempt.review.note}
          </DetailRow>
        ) : null}
      </DetailList>
      {attempt.mismatch ? <Message kind="warning">{attempt.mismatch}</Message> : null}
      {isReviewState(attempt.state) && attempt.paymentsSessionId ? (
        <button type="button" className="btn btn-primary" onClick={() => void recheck(attempt.id)} disabled={busy !== null}>
          {busy === 'recheck' ? 'Checking with Zoho…' : 'Re-check with Zoho'}
        </button>
      ) : null}
      {isHeld(attempt) ? <ReleaseHoldForm attempt={attempt} /> : null}
      {awaitsReview(attempt) ? <ReviewForm attempt={attempt} /> : null}
      <h3>History</h3>
      {eventsError ? <Message kind="error">{eventsError}</Message> : null}
      {events === null && !eventsError ? <p>Loading…</p> : null}
      {events ? (
        <ol className="attempt-history">
          {events.map((event) => (
            <li key={event.id}>
              <span className="attempt-history-time">{formatTime(event.at, attempt.currency)}</span>
              <span className="attempt-history-move">
                {event.fromState ? `${stateLabel(event.fromState)} → ` : ''}
                <strong>{stateLabel(event.toState)}</strong>
              </span>
              <span className="attempt-history-actor">{ACTORS[event.actor] ?? event.actor}</span>
              <span className="attempt-history-reason">{event.reason}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </aside>
  );
}
