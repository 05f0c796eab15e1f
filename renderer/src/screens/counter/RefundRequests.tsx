// Refunds another billing program asked for on this counter: nothing is refunded until a manager
// approves here; declining makes no refund. The program reads the outcome through the API.
import { useEffect } from 'react';
import { formatMoney } from '../../../../contract/money';
import { Message } from '../../components/Field';
import { REFUND_REASON_LABELS } from '../../format/labels';
import { formatTime } from '../../../../contract/calendar';
import { useManagerStore } from '../../state/manager-state';
import { useRefundRequestsStore } from '../../state/refund-requests-state';

export function RefundRequests({ counterId }: { counterId: string }) {
  const requests = useRefundRequestsStore((s) => s.requests);
  const deciding = useRefundRequestsStore((s) => s.deciding);
  const errors = useRefundRequestsStore((s) => s.errors);
  const unlocked = useManagerStore((s) => s.token !== null);
  useEffect(() => {
    void useRefundRequestsStore.getState().load(counterId);
  }, [counterId]);
  if (requests.length === 0) return null;

  return (
    <section className="refund-requests" aria-label="Refund requests">
      <h2 className="refund-requests-title">Refunds asked for by your billing software</h2>
      {!unlocked ? <p className="review-hint">A manager approves or declines these: unlock on the Manager screen first.</p> : null}
      <ul>
        {requests.map((request) => (
          <li key={request.id} className="refund-request">
            <div>
              <strong>{request.program}</strong> asks to refund <strong>{formatMoney(request.amountMinor, request.currency)}</strong> of invoice{' '}
              <strong>{request.invoiceNumber}</strong>
              <div className="manager-muted">
                {REFUND_REASON_LABELS[request.reason]}
                {request.note ? ` · ${request.note}` : ''} · asked at {formatTime(request.requestedAt)}
              </div>
              {errors[request.id] ? <Message kind="error">{errors[request.id]?.message}</Message> : null}
            </div>
            {unlocked ? (
              <div className="button-row">
                <button type="button" className="btn btn-primary" disabled={deciding !== null} onClick={() => void useRefundRequestsStore.getState().decide(request, 'approve')}>
                  Refund {formatMoney(request.amountMinor, request.currency)}
                </button>
                <button type="button" className="btn btn-secondary" disabled={deciding !== null} onClick={() => void useRefundRequestsStore.getState().decide(request, 'decline')}>
                  Decline
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
