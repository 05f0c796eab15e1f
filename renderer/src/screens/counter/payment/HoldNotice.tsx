import type { ChargeAttempt } from '../../../../../contract/records';
import { formatClock, spokenDuration } from '../../../format/time';
import { formatTime } from '../../../../../contract/calendar';
import { useNow } from '../../../hooks/use-now';

/**
 * The charge's answer was lost, so a session from it may still be on the terminal: until when the
 * terminal may show the amount (a countdown), and what the cashier does meanwhile.
 */
export function HoldNotice({ attempt }: { attempt: ChargeAttempt }) {
  const now = useNow(1000);
  const until = attempt.hold?.until ?? now;
  const left = until - now;
  return (
    <div className="payment-hold" role="group" aria-labelledby="payment-hold-title">
      <p id="payment-hold-title" className="payment-hold-title">
        Terminal {attempt.terminalId} may still show this payment until <strong>{formatTime(until)}</strong>
        {left > 0 ? (
          <>
            {' '}
            (<span className="payment-hold-clock" aria-hidden="true">{formatClock(left)}</span>
            <span className="visually-hidden">{spokenDuration(left)}</span> left)
          </>
        ) : (
          ' (any moment now)'
        )}
        .
      </p>
      <ul className="payment-hold-steps">
        <li>Until then this counter cannot charge: not this sale, not the next.</li>
        <li>If the customer pays on the terminal meanwhile, let them finish and keep the receipt, then tell your manager.</li>
        <li>A manager who has checked the terminal can release it sooner, in the Payment log.</li>
      </ul>
    </div>
  );
}
