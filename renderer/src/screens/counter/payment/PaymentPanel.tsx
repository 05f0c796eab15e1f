// The right-hand side of the counter screen: one component per phase of the payment, with what every
// phase shares around it (a mismatch warning, the general error, the live announcement).
import type { ReactNode } from 'react';
import type { Currency } from '../../../../../contract/vocabulary';
import type { ChargeAttempt, Counter, Invoice } from '../../../../../contract/records';
import { Message } from '../../../components/Field';
import type { CheckoutPhase } from '../../../state/checkout-phase';
import { confirmNeeded, useCheckoutStore } from '../../../state/checkout-state';
import { announcement } from './announcement';
import { PaymentFailed } from './PaymentFailed';
import { PaymentPaid } from './PaymentPaid';
import { PaymentReview } from './PaymentReview';
import { ProgramSource } from './ProgramSource';
import { TakePayment } from './TakePayment';
import { WaitingForPayment } from './WaitingForPayment';

/** The phases that show the "I checked the terminal" box when a confirmation is needed. */
const CONFIRM_PHASES: readonly CheckoutPhase[] = ['failed', 'rejected', 'unknown', 'unresolved'];

interface PanelProps {
  phase: CheckoutPhase;
  counter: Counter;
  invoice: Invoice | null;
  attempt: ChargeAttempt | null;
  draftTotalMinor: number;
  currency: Currency;
}

export function PaymentPanel({ phase, counter, invoice, attempt, draftTotalMinor, currency: appCurrency }: PanelProps) {
  const method = useCheckoutStore((s) => s.method);
  const busy = useCheckoutStore((s) => s.busy);
  const error = useCheckoutStore((s) => s.error);
  const errorTarget = useCheckoutStore((s) => s.errorTarget);
  const confirmRequired = useCheckoutStore((s) => s.confirmRequired);

  const mustConfirm = confirmNeeded({ confirmRequired, attempt });
  // A confirm error with no checkbox on screen (e.g. a fresh draft) falls back to the general message.
  const confirmShown = CONFIRM_PHASES.includes(phase) && mustConfirm;
  const generalError =
    error && (errorTarget === 'general' || errorTarget === null || (errorTarget === 'confirmChecked' && !confirmShown)) ? error.message : null;
  const methodError = error && errorTarget === 'method' ? error.message : undefined;
  // An invoice carries its own currency; the app's currency only stands in for a draft.
  const currency = invoice?.currency ?? appCurrency;

  let body: ReactNode = null;
  if (phase === 'draft' || phase === 'ready') {
    const amountMinor = invoice?.balanceDueMinor ?? draftTotalMinor;
    body = <TakePayment counter={counter} invoice={invoice} method={method} amountMinor={amountMinor} currency={currency} busy={busy !== null} methodError={methodError} />;
  } else if (phase === 'paid') {
    body = <PaymentPaid attempt={attempt} invoice={invoice} currency={currency} />;
  } else if (attempt) {
    // Every other phase is an attempt's (phaseOf).
    if (phase === 'waiting') body = <WaitingForPayment attempt={attempt} />;
    else if (phase === 'failed' || phase === 'rejected') {
      const dueMinor = invoice?.balanceDueMinor ?? attempt.amountMinor;
      body = <PaymentFailed phase={phase} attempt={attempt} method={method} busy={busy !== null} mustConfirm={mustConfirm} dueMinor={dueMinor} />;
    } else {
      body = <PaymentReview phase={phase} attempt={attempt} method={method} busy={busy} mustConfirm={mustConfirm} methodError={methodError} />;
    }
  }

  return (
    <section className={`panel payment payment-${phase}`} aria-label="Payment">
      <ProgramSource invoice={invoice} />
      {body}
      {attempt?.mismatch ? (
        <Message kind="warning">
          <strong>Check with your manager:</strong> {attempt.mismatch}
        </Message>
      ) : null}
      {generalError ? <Message kind="error">{generalError}</Message> : null}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement(phase, attempt, counter, currency)}
      </div>
    </section>
  );
}
