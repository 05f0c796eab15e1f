import { useState } from 'react';
import { Field, fieldError, Message } from '../../components/Field';
import { formatDateTime } from '../../../../contract/calendar';
import type { SetAsideView } from '../../../../contract/answers';
import { useAppStore } from '../../state/app-state';
import { useManagerStore } from '../../state/manager-state';

/**
 * Rows of the store that the link could not apply on this PC and set aside so it could go on (the
 * store status lists the last week's): a manager sees what each was and what to do, and dismisses
 * one once dealt with (in their name; the entry stays in this PC's records).
 */
export function SetAsideNotice() {
  const setAside = useAppStore((s) => s.store?.setAside ?? []);
  const notice = useManagerStore((s) => s.notices['set-aside-dismiss']);
  if (setAside.length === 0) {
    return notice ? (
      <div className="manager-alert">
        <Message kind="notice">{notice}</Message>
      </div>
    ) : null;
  }
  return (
    <section className="manager-alert" aria-labelledby="set-aside-title">
      <Message kind="warning">
        <h2 id="set-aside-title" className="manager-alert-title">
          {setAside.length === 1 ? 'The store link set 1 change aside' : `The store link set ${setAside.length} changes aside`}
        </h2>
        <p>This PC could not apply {setAside.length === 1 ? 'it' : 'them'}, so it went on without {setAside.length === 1 ? 'it' : 'them'}. Everything else reached the store.</p>
        <ul className="manager-alert-list">
          {setAside.map((row) => (
            <SetAsideEntry key={row.id} row={row} />
          ))}
        </ul>
      </Message>
    </section>
  );
}

/** One entry, with its Dismiss: the manager's name is asked for, and recorded with it. */
function SetAsideEntry({ row }: { row: SetAsideView }) {
  const dismiss = useManagerStore((s) => s.dismissSetAside);
  const busy = useManagerStore((s) => s.busy);
  const error = useManagerStore((s) => s.errors['set-aside-dismiss']);
  const [asking, setAsking] = useState(false);
  const [name, setName] = useState('');
  return (
    <li>
      <strong>{formatDateTime(row.at)}</strong>: {row.what} <span className="manager-alert-advice">What to do: {row.advice}</span>
      {asking ? (
        <form
          className="manager-alert-dismiss"
          onSubmit={(event) => {
            event.preventDefault();
            void dismiss(row.id, name).then((done) => {
              if (done) setAsking(false);
            });
          }}
        >
          <Field label="Your name" error={fieldError(error, 'by')}>
            {({ id, describedBy, invalid }) => (
              <input id={id} className="input" maxLength={60} value={name} onChange={(event) => setName(event.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
            )}
          </Field>
          <button type="submit" className="btn btn-small" disabled={busy !== null}>
            Dismiss this entry
          </button>
          <button type="button" className="btn btn-small btn-secondary" onClick={() => setAsking(false)}>
            Cancel
          </button>
          {error && error.field !== 'by' ? <Message kind="error">{error.message}</Message> : null}
        </form>
      ) : (
        <button type="button" className="btn btn-small btn-secondary manager-alert-dismiss-open" onClick={() => setAsking(true)}>
          Dismiss…
        </button>
      )}
    </li>
  );
}
