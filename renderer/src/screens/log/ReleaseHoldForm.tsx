import type { ChargeAttempt } from '../../../../contract/records';
import { useManagerStore } from '../../state/manager-state';
import { ManagerNoteForm } from './ManagerNoteForm';

/**
 * The charge's answer was lost, so its terminal is on hold until any session from it has surely
 * expired. A manager who has looked at the terminal (it shows no pending payment for this sale) may
 * release it sooner; what they found is kept in the history.
 */
export function ReleaseHoldForm({ attempt }: { attempt: ChargeAttempt }) {
  return (
    <ManagerNoteForm
      form={`release-${attempt.id}`}
      action="Release the terminal"
      label="What the terminal shows"
      lockedHint="A manager who has checked the terminal can release it sooner (unlock on the Manager screen first)."
      hint="After tapping Fetch Payments on it. Kept in the history."
      placeholder={`e.g. Terminal ${attempt.terminalId} shows no pending payment`}
      onSubmit={(note) => useManagerStore.getState().releaseHold(attempt, note)}
    />
  );
}
