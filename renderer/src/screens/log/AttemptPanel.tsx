import { useEffect, useRef } from 'react';
import { FOLLOWED_REFUND_STATES, isReviewState, REFUND_STATES, type RefundState } from '../../../../contract/vocabulary';
import { awaitsReview, isHeld, refundNeedsReview, type ChargeAttempt, type Counter, type RefundWithEvents } from '../../../../contract/records';
import { DetailList, DetailRow } from '../../components/DetailList';
import { Message } from '../../components/Field';
import { StateBadge } from '../../components/StateBadge';
import { formatMoney } from '../../../../contract/money';
import { failureReason, methodLabel, REFUND_REASON_LABELS, refundStateLabel, stateLabel } from '../../format/labels';
import { formatDate, formatTime } from '../../../../contract/calendar';
import { useLogStore } from '../../state/log-state';
import { PrintReceiptButton } from '../print/PrintReceiptButton';
import { RefundDecisionForm } from './RefundDecisionForm';
import { RefundForm } from './RefundForm';
import { ReleaseHoldForm } from './ReleaseHoldForm';
import { ReviewForm } from './ReviewForm';
import { useEscapeKey } from '../../hooks/keyboard';

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
  const refunds = useLogStore((s) => s.refunds);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [attempt.id]);

  useEscapeKey(onClose);

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
                  {formatTime(declined.at)}: {failureReason(declined.failureCode)}
                </li>
              ))}
            </ul>
          </DetailRow>
        ) : null}
        {attempt.hold ? (
          <DetailRow term="Terminal on hold">
            {attempt.hold.endedAt === null
              ? `Until ${formatTime(attempt.hold.until)}: no charge on terminal ${attempt.terminalId} or this invoice meanwhile`
              : `Ended ${formatTime(attempt.hold.endedAt)}`}
          </DetailRow>
        ) : null}
        {attempt.review ? (
          <DetailRow term="Checked by hand">
            {formatTime(attempt.review.at)}: {attempt.review.note}
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
      {attempt.state === 'succeeded' ? (
        <>
          <PrintReceiptButton invoiceId={attempt.invoiceId} label="Reprint receipt" />
          <h3>Refunds</h3>
          {refunds === null ? <p>Loading…</p> : <RefundList refunds={refunds} />}
          {refunds ? <RefundForm key={attempt.id} attempt={attempt} refunds={refunds.map((r) => r.refund)} /> : null}
        </>
      ) : null}
      <h3>History</h3>
      {eventsError ? <Message kind="error">{eventsError}</Message> : null}
      {events === null && !eventsError ? <p>Loading…</p> : null}
      {events ? <History refunds={refunds ?? []} /> : null}
    </aside>
  );
}

/** The payment's refunds (in store mode, naming the PC that made one elsewhere), with a re-check for the ones Zoho has not finished. */
function RefundList({ refunds }: { refunds: readonly RefundWithEvents[] }) {
  const busy = useLogStore((s) => s.busy);
  const stations = useLogStore((s) => s.log?.store?.stations ?? null);
  const madeElsewhere = (stationId: string | undefined) => (stationId ? ` · made on PC “${stations?.find((s) => s.id === stationId)?.name ?? 'another PC'}”` : '');
  if (refunds.length === 0) return <p>None.</p>;
  return (
    <ul className="refund-list">
      {refunds.map(({ refund, correction }) => {
        // A refund of a closed day settled later keeps its record; its correction says how it ended.
        const corrected = REFUND_STATES.find((known) => known === correction?.toState);
        const state: RefundState = corrected ?? refund.state;
        return (
          <li key={refund.id}>
            <strong>{formatMoney(refund.amountMinor, refund.currency)}</strong> <span className={`refund-state refund-state-${state}`}>{refundStateLabel(state)}</span>{' '}
            <span className="log-total-sub">
              {REFUND_REASON_LABELS[refund.reason]}
              {refund.note ? `: ${refund.note}` : ''}
              {refund.zohoRefundId ? ` · Zoho ${refund.zohoRefundId}` : ''}
              {` · by ${refund.cashier ?? 'the manager'}`}
              {madeElsewhere(refund.stationId)}
            </span>
            {correction ? (
              <p className="refund-settled">
                Settled after {formatDate(correction.closedDay)} was closed: {correction.toState === 'succeeded' ? 'refunded' : 'not refunded'}, counted on {formatDate(correction.day)} as a correction.
              </p>
            ) : (
              <>
                {refund.failureMessage ? <p className="refund-why">{refund.failureMessage}</p> : null}
                {(FOLLOWED_REFUND_STATES as readonly string[]).includes(refund.state) ? (
                  <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void useLogStore.getState().recheckRefund(refund.id)}>
                    Re-check refund
                  </button>
                ) : null}
                {refundNeedsReview(refund) ? <RefundDecisionForm refund={refund} /> : null}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The payment's history and its refunds', in the order they happened. */
function History({ refunds }: { refunds: readonly RefundWithEvents[] }) {
  const events = useLogStore((s) => s.events) ?? [];
  const entries = [
    ...events.map((event) => ({
      key: `a-${event.id}`,
      at: event.at,
      move: (
        <>
          {event.fromState ? `${stateLabel(event.fromState)} → ` : ''}
          <strong>{stateLabel(event.toState)}</strong>
        </>
      ),
      actor: event.actor,
      reason: event.reason,
    })),
    ...refunds.flatMap(({ refund, events: refundEvents }) =>
      refundEvents.map((event) => ({
        key: `r-${event.id}`,
        at: event.at,
        move: (
          <>
            Refund {formatMoney(refund.amountMinor, refund.currency)}: {event.fromState ? `${refundStateLabel(event.fromState)} → ` : ''}
            <strong>{refundStateLabel(event.toState)}</strong>
          </>
        ),
        actor: event.actor,
        reason: event.reason,
      })),
    ),
  ].sort((a, b) => a.at - b.at);
  return (
    <ol className="attempt-history">
      {entries.map((entry) => (
        <li key={entry.key}>
          <span className="attempt-history-time">{formatTime(entry.at, { seconds: true })}</span>
          <span className="attempt-history-move">{entry.move}</span>
          <span className="attempt-history-actor">{ACTORS[entry.actor] ?? entry.actor}</span>
          <span className="attempt-history-reason">{entry.reason}</span>
        </li>
      ))}
    </ol>
  );
}
