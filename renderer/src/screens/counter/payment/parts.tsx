// Blocks every payment phase shows the same way: the status heading and the amount with its method.
import type { ReactNode } from 'react';
import type { ChargeAttempt } from '../../../../../contract/records';
import { formatMoney } from '../../../../../contract/money';
import { StateBadge } from '../../../components/StateBadge';
import { methodLabel } from '../../../format/labels';

/** The phase's heading (focus lands here when the phase changes) and, beside it, the attempt's badge. */
export function StatusHeading({ tone, attempt, children }: { tone?: 'failed' | 'review'; attempt?: ChargeAttempt; children: ReactNode }) {
  return (
    <div className="payment-status-line">
      <h2 id="pay-status-heading" tabIndex={-1} className={`payment-status-word${tone ? ` payment-status-${tone}` : ''}`}>
        {children}
      </h2>
      {attempt ? <StateBadge state={attempt.state} large /> : null}
    </div>
  );
}

/** "₹1,234.50 by Card": what the attempt asks for. */
export function AmountByMethod({ attempt }: { attempt: ChargeAttempt }) {
  return (
    <p className="payment-amount">
      {formatMoney(attempt.amountMinor, attempt.currency)} <span className="payment-amount-method">by {methodLabel(attempt.method)}</span>
    </p>
  );
}
