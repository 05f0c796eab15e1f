import { useEffect, useState, type FormEvent } from 'react';
import { POLL_INTERVAL_SECONDS } from '../../../../contract/rules';
import { Field, Message } from '../../components/Field';
import { useManagerStore } from '../../stores/manager-store';
import { ChangePinForm } from './PinForms';
import { PrinterForm } from './PrinterForm';
import { StoreForm } from './StoreForm';

/** Every whole second the backend accepts, shortest first. */
const INTERVALS = Array.from({ length: POLL_INTERVAL_SECONDS.max - POLL_INTERVAL_SECONDS.min + 1 }, (_, i) => POLL_INTERVAL_SECONDS.min + i);
const INTERVAL_HINT = `Zoho asks for ${POLL_INTERVAL_SECONDS.min} seconds; up to ${POLL_INTERVAL_SECONDS.max} is allowed. Longer means fewer calls but slower answers.`;

export function PreferencesTab() {
  const settings = useManagerStore((s) => s.settings);
  const error = useManagerStore((s) => s.errors.settings);
  const notice = useManagerStore((s) => s.notices.settings);
  const busy = useManagerStore((s) => s.busy);
  const { loadSettings, saveSettings } = useManagerStore.getState();
  const [seconds, setSeconds] = useState<number | null>(null);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  const value = seconds ?? settings?.pollIntervalSeconds ?? POLL_INTERVAL_SECONDS.default;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saveSettings(value);
  };

  return (
    <div className="manager-tab-body manager-tab-columns">
      <form className="subpanel" onSubmit={submit} aria-labelledby="prefs-title">
        <h2 id="prefs-title">Payment checks</h2>
        <Field label="Check each payment every" error={error?.message} hint={INTERVAL_HINT}>
          {({ id, describedBy, invalid }) => (
            <select id={id} className="input input-short" value={value} onChange={(e) => setSeconds(Number(e.target.value))} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
              {INTERVALS.map((s) => (
                <option key={s} value={s}>
                  {s} seconds
                </option>
              ))}
            </select>
          )}
        </Field>
        {notice ? <Message kind="notice">{notice}</Message> : null}
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          Save
        </button>
      </form>
      {settings ? <StoreForm settings={settings} /> : null}
      <PrinterForm />
      <ChangePinForm />
    </div>
  );
}
