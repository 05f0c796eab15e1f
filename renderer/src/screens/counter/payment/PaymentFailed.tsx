import type { PaymentMethod } from '../../../../../contract/vocabulary';
import type { ChargeAttempt } from '../../../../../contract/records';
import { failureReason, METHOD_LABELS } from '../../../format/labels';
import { otherMethod, useCheckoutStore } from '../../../state/checkout-state';
import { CashForm } from './CashForm';
import { ConfirmChecked } from './controls';
import { AmountByMethod, StatusHeading } from './parts';

/** FAILED (Zoho's answer) or NOT SENT (Zoho refused the create): why, and try again by either method. */
export function PaymentFailed({ phase, attempt, method, busy, mustConfirm, dueMinor }: {
  phase: 'failed' | 'rejected';
  /** The invoice's balance due: what cash instead would take (a failed part leaves all of it due). */
  dueMinor: number;
  attempt: ChargeAttempt;
  method: PaymentMethod;
  busy: boolean;
  mustConfirm: boolean;
}) {
  const charge = useCheckoutStore((s) => s.charge);
  const setCash = useCheckoutStore((s) => s.setCash);
  const cash = useCheckoutStore((s) => s.cash);
  const confirmChecked = useCheckoutStore((s) => s.confirmChecked);
  const other = otherMethod(method);
  const blocked = busy || (mustConfirm && !confirmChecked);
  return (
    <div className="payment-body">
      <StatusHeading tone="failed" attempt={attempt}>
        <span aria-hidden="true">✕ </span>
        {phase === 'failed' ? 'FAILED' : 'NOT SENT'}
      </StatusHeading>
      <AmountByMethod attempt={attempt} />
      <p className="payment-reason">
        {phase === 'failed' ? failureReason(attempt.failureCode) : (attempt.failureMessage ?? 'Zoho refused the payment and gave no reason. Nothing was sent to the terminal.')}
      </p>
      {mustConfirm ? <ConfirmChecked /> : null}
      {cash ? (
        <CashForm totalMinor={dueMinor} currency={attempt.currency} busy={blocked} />
      ) : (
        <>
          <div className="payment-retry-row">
            <button id="retry-button" type="button" className="btn btn-primary btn-big" onClick={() => void charge(method)} disabled={blocked} aria-keyshortcuts="F9">
              Try again by {METHOD_LABELS[method]}
            </button>
            <button type="button" className="btn btn-secondary btn-big" onClick={() => void charge(other)} disabled={blocked}>
              Switch to {METHOD_LABELS[other]}
            </button>
            <button type="button" className="btn btn-secondary btn-big" onClick={() => setCash(true)} disabled={blocked} aria-keyshortcuts="F7">
              Take cash instead
            </button>
          </div>
          <p className="kbd-hint">
            <kbd>F9</kbd> tries again · <kbd>F8</kbd> switches Card/UPI · <kbd>F7</kbd> cash
          </p>
        </>
      )}
    </div>
  );
}
