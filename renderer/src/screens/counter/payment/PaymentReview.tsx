import type { PaymentMethod } from '../../../../../contract/vocabulary';
import { isHeld, type ChargeAttempt } from '../../../../../contract/records';
import { formatMoney } from '../../../../../contract/money';
import { Message } from '../../../components/Field';
import { useCheckoutStore, type CheckoutBusy } from '../../../state/checkout-state';
import { ChargeButton, ConfirmChecked, MethodToggle } from './controls';
import { HoldNotice } from './HoldNotice';
import { AmountByMethod, StatusHeading } from './parts';

/** CHECK THE TERMINAL (the create's answer was lost) or NEEDS REVIEW (Zoho never settled it), or checked by the manager. */
export function PaymentReview({ phase, attempt, method, busy, mustConfirm, methodError }: {
  phase: 'unknown' | 'unresolved';
  attempt: ChargeAttempt;
  method: PaymentMethod;
  busy: CheckoutBusy;
  mustConfirm: boolean;
  methodError: string | undefined;
}) {
  const recheck = useCheckoutStore((s) => s.recheck);
  const confirmChecked = useCheckoutStore((s) => s.confirmChecked);
  const again = formatMoney(attempt.amountMinor, attempt.currency);
  // A session from the lost request may still be on the terminal: no charge until the hold ends.
  const held = isHeld(attempt);
  return (
    <div className="payment-body">
      <StatusHeading tone="review">
        <span aria-hidden="true">! </span>
        {attempt.review ? 'CHECKED BY YOUR MANAGER' : phase === 'unknown' ? 'CHECK THE TERMINAL' : 'NEEDS REVIEW'}
      </StatusHeading>
      <AmountByMethod attempt={attempt} />
      {attempt.review ? (
        <p className="payment-reason">
          Zoho never told us how this payment ended; your manager has checked it. Charge again only if the customer has not paid.
        </p>
      ) : phase === 'unknown' ? (
        <>
          <p className="payment-reason">
            {attempt.failureMessage ?? 'Counter stopped before Zoho answered this charge, so it cannot tell whether the terminal received this payment.'}
          </p>
          {held ? null : (
            <p>
              Tap Fetch Payments on the terminal: if it shows this payment, let the customer finish there and do not charge again (a printed
              receipt means it was paid: tell your manager). If it shows nothing, you can charge again.
            </p>
          )}
        </>
      ) : (
        <>
          <p className="payment-reason">
            Zoho never gave a final answer for this payment. Check the terminal’s receipt or ask your manager before charging again.
          </p>
          <button type="button" className="btn btn-secondary btn-big" onClick={() => void recheck()} disabled={busy !== null}>
            {busy === 'rechecking' ? 'Checking with Zoho…' : 'Re-check with Zoho'}
          </button>
        </>
      )}
      {attempt.review ? (
        <Message kind="notice">
          <strong>Your manager found:</strong> {attempt.review.note}
        </Message>
      ) : null}
      {held ? (
        <HoldNotice attempt={attempt} />
      ) : (
        <>
          {/* Also when this try was checked: an older one of the invoice may still await a check. */}
          {mustConfirm ? <ConfirmChecked /> : null}
          <MethodToggle method={method} disabled={busy !== null} error={methodError} />
          <ChargeButton
            amountMinor={attempt.amountMinor}
            currency={attempt.currency}
            label={`Charge ${again} again`}
            disabled={busy !== null || (mustConfirm && !confirmChecked)}
          />
        </>
      )}
    </div>
  );
}
