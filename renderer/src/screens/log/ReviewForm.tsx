import type { ChargeAttempt } from '../../../../contract/records';
import { useManagerStore } from '../../state/manager-state';
import { ManagerNoteForm } from './ManagerNoteForm';

/**
 * For a payment whose outcome Zoho never told us: once a manager has looked at the terminal and the
 * Zoho dashboard, they record what they found. The state stays as it is; the payment stops
 * needing review and its invoice may be charged again without another check.
 */
export function ReviewForm({ attempt }: { attempt: ChargeAttempt }) {
  return (
    <ManagerNoteForm
      form={`review-${attempt.id}`}
      action="Mark as checked"
      label="What you found"
      lockedHint="A manager can mark this payment as checked after looking at the terminal and the Zoho dashboard (unlock on the Manager screen first)."
      hint="On the terminal and in the Zoho dashboard. Kept in the history."
      placeholder="e.g. Terminal and Zoho show no payment: nothing was charged"
      onSubmit={(note) => useManagerStore.getState().markReviewed(attempt, note)}
    />
  );
}
