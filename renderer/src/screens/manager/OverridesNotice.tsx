import { Message } from '../../components/Field';
import { useAppStore } from '../../state/app-state';

/**
 * Settings from outside Counter (environment variables, start-up options) that change where the
 * Zoho secrets go or where the data is kept: a manager sees every one in use.
 */
export function OverridesNotice() {
  const overrides = useAppStore((s) => s.appInfo?.overrides ?? []);
  if (overrides.length === 0) return null;
  return (
    <section className="manager-overrides" aria-labelledby="overrides-title">
      <Message kind="warning">
        <h2 id="overrides-title" className="manager-overrides-title">
          Settings from outside Counter are in use
        </h2>
        <p>They change where Counter sends the Zoho connection’s secrets, or where it keeps its data. If nobody here set them, tell your IT support.</p>
        <ul className="manager-overrides-list">
          {overrides.map(({ setting, value }) => (
            <li key={setting}>
              <span className="mono">{setting}</span>: <span className="mono">{value}</span>
            </li>
          ))}
        </ul>
      </Message>
    </section>
  );
}
