import { ZOHO_TROUBLE_MESSAGES } from '../../../../../contract/failures';
import type { ChargeAttempt } from '../../../../../contract/records';
import { SESSION_VALIDITY_MS } from '../../../../../contract/rules';
import { Countdown } from '../../../components/Countdown';
import { Message } from '../../../components/Field';
import { failureReason } from '../../../format/labels';
import { lastCheckedLabel } from '../../../format/time';
import { useNow } from '../../../hooks/use-now';
import { useAppStore } from '../../../state/app-state';
import { AmountByMethod, StatusHeading } from './parts';

/** The amount is on the terminal: the instruction, the session's countdown and any declined tries. */
export function WaitingForPayment({ attempt }: { attempt: ChargeAttempt }) {
  const now = useNow(1000);
  const trouble = useAppStore((s) => s.connection?.trouble ?? null);
  const expired = attempt.sessionCreatedAt !== null && now - attempt.sessionCreatedAt >= SESSION_VALIDITY_MS;
  return (
    <div className="payment-body">
      <StatusHeading attempt={attempt}>{attempt.state === 'creating' ? 'Sending…' : 'Waiting for payment'}</StatusHeading>
      <AmountByMethod attempt={attempt} />
      <p className="payment-instruction">
        {attempt.state === 'creating' ? (
          <>Sending to terminal {attempt.terminalId}…</>
        ) : (
          <>
            Sent to terminal <strong>{attempt.terminalId}</strong>: tap <strong>Fetch Payments</strong> on the terminal
          </>
        )}
      </p>
      {attempt.state === 'in_progress' ? (
        <p className="payment-stop-advice">
          To stop this payment, ask the customer not to pay on the terminal: after its 3 minutes Zoho ends it unpaid, and the sale can then be
          charged again or taken in cash.
        </p>
      ) : null}
      {attempt.sessionCreatedAt !== null ? <Countdown sessionCreatedAt={attempt.sessionCreatedAt} now={now} /> : null}
      <p className="payment-last-checked">{lastCheckedLabel(attempt.lastPolledAt, now)}</p>
      {attempt.declinedTries.map((tryInfo) => (
        <Message key={tryInfo.paymentId} kind="warning">
          <strong>Declined:</strong> {failureReason(tryInfo.failureCode)} The customer can try again on the terminal.
        </Message>
      ))}
      {trouble && attempt.state === 'in_progress' ? (
        <Message kind="warning">{ZOHO_TROUBLE_MESSAGES[trouble]} Counter keeps checking this payment: do not charge it again.</Message>
      ) : null}
      {expired ? (
        <Message kind="warning">The terminal’s 3 minutes are up. Waiting for Zoho’s final answer: do not charge again yet.</Message>
      ) : null}
    </div>
  );
}
