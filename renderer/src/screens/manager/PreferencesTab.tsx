import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { BACKUP_KEEP_DAYS, POLL_INTERVAL_SECONDS } from '../../../../contract/rules';
import { Field, Message } from '../../components/Field';
import { useManagerStore } from '../../state/manager-state';
import { ChangePinForm } from './PinForms';
import { PrinterForm } from './PrinterForm';
import { StoreForm } from './StoreForm';

/** Every whole second the backend accepts, shortest first. */
const INTERVALS = Array.from({ length: POLL_INTERVAL_SECONDS.max - POLL_INTERVAL_SECONDS.min + 1 }, (_, i) => POLL_INTERVAL_SECONDS.min + i);
const INTERVAL_HINT = `Zoho asks for ${POLL_INTERVAL_SECONDS.min} seconds; up to ${POLL_INTERVAL_SECONDS.max} is allowed. Longer means fewer calls but slower answers.`;
const KEEP_DAYS_HINT = `Counter copies its database once a day into the backups folder (see Help). From ${BACKUP_KEEP_DAYS.min} to ${BACKUP_KEEP_DAYS.max} days.`;

/** One preference's form: its title, its field, what saving said, and Save. */
function PreferenceForm({ form, title, onSave, children }: { form: 'settings' | 'backups'; title: string; onSave: () => void; children: ReactNode }) {
  const notice = useManagerStore((s) => s.notices[form]);
  const busy = useManagerStore((s) => s.busy);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave();
  };
  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby={`${form}-title`}>
      <h2 id={`${form}-title`}>{title}</h2>
      {children}
      {notice ? <Message kind="notice">{notice}</Message> : null}
      <button type="submit" className="btn btn-primary" disabled={busy !== null}>
        Save
      </button>
    </form>
  );
}

function PollIntervalForm() {
  const settings = useManagerStore((s) => s.settings);
  const error = useManagerStore((s) => s.errors.settings);
  const [seconds, setSeconds] = useState<number | null>(null);
  const value = seconds ?? settings?.pollIntervalSeconds ?? POLL_INTERVAL_SECONDS.default;

  return (
    <PreferenceForm form="settings" title="Payment checks" onSave={() => void useManagerStore.getState().saveSettings({ pollIntervalSeconds: value })}>
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
    </PreferenceForm>
  );
}

function BackupDaysForm() {
  const settings = useManagerStore((s) => s.settings);
  const error = useManagerStore((s) => s.errors.backups);
  const [days, setDays] = useState<string | null>(null);
  const value = days ?? String(settings?.backupKeepDays ?? BACKUP_KEEP_DAYS.default);
  // The backend checks the number and names the rule; an empty box is sent as "not a number".
  const save = () => void useManagerStore.getState().saveSettings({ backupKeepDays: value.trim() === '' ? Number.NaN : Number(value) });

  return (
    <PreferenceForm form="backups" title="Backups" onSave={save}>
      <Field label="Keep daily backups for (days)" error={error?.message} hint={KEEP_DAYS_HINT}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input input-short"
            inputMode="numeric"
            value={value}
            onChange={(e) => setDays(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
    </PreferenceForm>
  );
}

export function PreferencesTab() {
  const settings = useManagerStore((s) => s.settings);
  useEffect(() => {
    void useManagerStore.getState().loadSettings();
  }, []);

  return (
    <div className="manager-tab-body manager-tab-columns">
      <div className="manager-tab-stack">
        <PollIntervalForm />
        <BackupDaysForm />
      </div>
      {settings ? <StoreForm settings={settings} /> : null}
      <PrinterForm />
      <ChangePinForm />
    </div>
  );
}
