import type { Refund } from '../../../../contract/records';
import { useManagerStore } from '../../state/manager-state';
import { ManagerNoteForm } from './ManagerNoteForm';

/**
 * For a refund whose answer was lost and whose payment's refunds Zoho would not list: once a manager
 * has looked on Zoho's dashboard, they record whether it was made (kept in the history, with the note).
 */
export function RefundDecisionForm({ refund }: { refund: Refund }) {
  const decide = (outcome: 'made' | 'not_made') => (note: string) => useManagerStore.getState().decideRefund(refund, outcome, note);
  return (
    <ManagerNoteForm
      form={`refund-decide-${refund.id}`}
      name="What Zoho’s dashboard shows"
      action="Refund was made"
      alternative={{ action: 'Refund was not made', onSubmit: decide('not_made') }}
      label="What you found"
      lockedHint="A manager records whether Zoho made this refund after looking on Zoho’s dashboard (unlock on the Manager screen first)."
      hint="On Zoho’s dashboard, in the payment’s refunds. Kept in the history."
      placeholder="e.g. Dashboard shows no refund of this amount"
      onSubmit={decide('made')}
    />
  );
}
