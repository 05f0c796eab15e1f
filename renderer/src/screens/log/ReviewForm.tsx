import { useState } from 'react';
import type { ChargeAttempt } from '../../../../contract/model';
import { Field, Message } from '../../components/Field';
import { useManagerStore } from '../../stores/manager-store';

/**
 * For a payment whose outcome Zoho never told us: once a manager has looked at the terminal and the
 * Zoho dashboard, they record what they found. The state stays as it is; the payment stops
 * needing review and its invoice may be charged again without another check.
 */
export function ReviewForm({ attempt }: { attempt: ChargeAttempt }) {
  const unlocked = useManagerStore((s) => s.token !== null);
  const form = `review-${attempt.id}`;
  const busy = useManagerStore((s) => s.busy === form);
  const error = useManagerStore((s) => s.errors[form]);
  const [note, setNote] = useState('');

  if (!unlocked) {
    return (
      <p className="review-hint">
        A manager can mark this payment as checked after looking at the terminal and the Zoho dashboard (unlock on the Manager
        screen first).
      </p>
    );
  }
  return (
    <form
      className="review-form"
      aria-label="Mark as checked"
      onSubmit={(e) => {
        e.preventDefault();
        void useManagerStore.getState().markReviewed(attempt, note);
      }}
    >
      <Field label="What you found" error={error?.field === 'note' ? error.message : null} hint="On the terminal and in the Zoho dashboard. Kept in the history.">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            maxLength={200}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              if (error) useManagerStore.getState().clearMessages(form);
            }}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            placeholder="e.g. Terminal and Zoho show no payment: nothing was charged"
          />
        )}
      </Field>
      {error && error.field !== 'note' ? <Message kind="error">{error.message}</Message> : null}
      <button type="submit" className="btn btn-secondary" disabled={busy}>
        {busy ? 'Saving…' : 'Mark as checked'}
      </button>
    </form>
  );
}
