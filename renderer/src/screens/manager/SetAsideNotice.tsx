import { Message } from '../../components/Field';
import { formatDateTime } from '../../../../contract/calendar';
import { useAppStore } from '../../state/app-state';

/**
 * Rows of the store that the link could not apply on this PC and set aside so it could go on (the
 * store status lists the last week's): a manager sees what each was and what to do.
 */
export function SetAsideNotice() {
  const setAside = useAppStore((s) => s.store?.setAside ?? []);
  if (setAside.length === 0) return null;
  return (
    <section className="manager-alert" aria-labelledby="set-aside-title">
      <Message kind="warning">
        <h2 id="set-aside-title" className="manager-alert-title">
          {setAside.length === 1 ? 'The store link set 1 change aside' : `The store link set ${setAside.length} changes aside`}
        </h2>
        <p>This PC could not apply {setAside.length === 1 ? 'it' : 'them'}, so it went on without {setAside.length === 1 ? 'it' : 'them'}. Everything else reached the store.</p>
        <ul className="manager-alert-list">
          {setAside.map((row) => (
            <li key={`${row.at}-${row.what}`}>
              <strong>{formatDateTime(row.at)}</strong>: {row.what} <span className="manager-alert-advice">What to do: {row.advice}</span>
            </li>
          ))}
        </ul>
      </Message>
    </section>
  );
}
