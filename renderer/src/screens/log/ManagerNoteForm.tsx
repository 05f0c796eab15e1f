import { useState } from 'react';
import { Field, Message } from '../../components/Field';
import { useManagerStore } from '../../state/manager-state';

export interface ManagerNoteFormProps {
  /** The manager store's name for this form (its busy flag and errors). */
  form: string;
  /** The form's accessible name, and its button. */
  action: string;
  /** The note's label. */
  label: string;
  /** Shown instead of the form while the manager screens are locked. */
  lockedHint: string;
  hint: string;
  placeholder: string;
  onSubmit: (note: string) => Promise<unknown>;
  /** The form's accessible name when it is not its button's (two choices on one note). */
  name?: string;
  /** A second choice on the same note, beside the first (e.g. “not made” beside “made”). */
  alternative?: { action: string; onSubmit: (note: string) => Promise<unknown> };
}

/** A manager's action on a payment, with a note of what they found (kept in the history). */
export function ManagerNoteForm({ form, action, label, lockedHint, hint, placeholder, onSubmit, name, alternative }: ManagerNoteFormProps) {
  const unlocked = useManagerStore((s) => s.token !== null);
  const busy = useManagerStore((s) => s.busy === form);
  const error = useManagerStore((s) => s.errors[form]);
  const [note, setNote] = useState('');

  if (!unlocked) return <p className="review-hint">{lockedHint}</p>;
  return (
    <form
      className="review-form"
      aria-label={name ?? action}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(note);
      }}
    >
      <Field label={label} error={error?.field === 'note' ? error.message : null} hint={hint}>
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
            placeholder={placeholder}
          />
        )}
      </Field>
      {error && error.field !== 'note' ? <Message kind="error">{error.message}</Message> : null}
      <button type="submit" className="btn btn-secondary" disabled={busy}>
        {busy ? 'Saving…' : action}
      </button>
      {alternative ? (
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void alternative.onSubmit(note)}>
          {alternative.action}
        </button>
      ) : null}
    </form>
  );
}
