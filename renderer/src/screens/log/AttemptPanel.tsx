import { useEffect, useRef } from 'react';
import { isReviewState } from '../../../../contract/domain';
import { awaitsReview, type ChargeAttempt, type Counter } from '../../../../contract/model';
import { Message } from '../../components/Field';
import { StateBadge } from '../../components/StateBadge';
import { failureReason, formatTime, methodLabel, stateLabel } from '../../lib/format';
import { money } from '../../lib/money';
import { useLogStore } from '../../stores/log-store';
import { ReviewForm } from './ReviewForm';

const ACTORS: Record<string, string> = {
  cashier: 'Cashier',
  poller: 'Automatic check',
  recheck: 'Re-check',
  startup: 'App start-up',
  zoho: 'Zoho',
  manager: 'Manager',
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
    <aside className="side-panel" aria-labelledby="attempt-title">
      <div className="side-head">
        <h2 id="attempt-title" ref={headingRef} tabIndex={-1}>
          Invoice {attempt.invoiceNumber}
        </h2>
        <button type="button" className="btn btn-secondary" onClick={onClose} aria-keyshortcuts="Escape">
          Close
        </button>
      </div>
      <dl className="details details-compact">
        <div className="detail">
          <dt>State</dt>
          <dd>
            <StateBadge state={attempt.state} />
          </dd>
        </div>
        <div className="detail">
          <dt>Amount</dt>
          <dd>{money(attempt.amountMinor, attempt.currency)}</dd>
        </div>
        <div className="detail">
          <dt>Counter</dt>
          <dd>
            {counter?.name ?? attempt.counterId} · terminal {attempt.terminalId}
          </dd>
        </div>
        <div className="detail">
          <dt>Method</dt>
          <dd>{methodLabel(attempt.paidMethod ?? attempt.method)}</dd>
        </div>
        {attempt.paymentId ? (
          <div className="detail">
            <dt>Payment ID</dt>
            <dd className="mono">{attempt.paymentId}</dd>
          </div>
        ) : null}
        {attempt.paymentsSessionId ? (
          <div className="detail">
            <dt>Zoho session</dt>
            <dd className="mono">{attempt.paymentsSessionId}</dd>
          </div>
        ) : null}
        {attempt.state === 'failed' ? (
          <div className="detail">
            <dt>Reason</dt>
            <dd>{failureReason(attempt.failureCode)}</dd>
          </div>
        ) : null}
        {attempt.state === 'rejected' && attempt.failureMessage ? (
          <div className="detail">
            <dt>Zoho said</dt>
            <dd>{attempt.failureMessage}</dd>
          </div>
        ) : null}
        {attempt.declinedTries.length > 0 ? (
          <div className="detail">
            <dt>Declined tries</dt>
            <dd>
              <ul className="plain-list">
                {attempt.declinedTries.map((declined) => (
                  <li key={declined.paymentId}>
                    {formatTime(declined.at, attempt.currency)}: {failureReason(declined.failureCode)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {attempt.review ? (
          <div className="detail">
            <dt>Checked by hand</dt>
            <dd>
              {formatTime(attempt.review.at, attempt.currency)}: {attempt.review.note}
            </dd>
          </div>
        ) : null}
      </dl>
      {attempt.mismatch ? <Message kind="warning">{attempt.mismatch}</Message> : null}
      {isReviewState(attempt.state) && attempt.paymentsSessionId ? (
        <button type="button" className="btn btn-primary" onClick={() => void recheck(attempt.id)} disabled={busy !== null}>
          {busy === 'recheck' ? 'Checking with Zoho…' : 'Re-check with Zoho'}
        </button>
      ) : null}
      {awaitsReview(attempt) ? <ReviewForm attempt={attempt} /> : null}
      <h3>History</h3>
      {eventsError ? <Message kind="error">{eventsError}</Message> : null}
      {events === null && !eventsError ? <p>Loading…</p> : null}
      {events ? (
        <ol className="history">
          {events.map((event) => (
            <li key={event.id}>
              <span className="history-time">{formatTime(event.at, attempt.currency)}</span>
              <span className="history-move">
                {event.fromState ? `${stateLabel(event.fromState)} → ` : ''}
                <strong>{stateLabel(event.toState)}</strong>
              </span>
              <span className="history-actor">{ACTORS[event.actor] ?? event.actor}</span>
              <span className="history-reason">{event.reason}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </aside>
  );
}
