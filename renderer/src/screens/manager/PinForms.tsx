import { useState, type FormEvent } from 'react';
import { managerPin } from '../../../../contract/fields';
import { MANAGER_PIN_DIGITS } from '../../../../contract/rules';
import type { ManagerStatus } from '../../../../contract/answers';
import { Field, Message } from '../../components/Field';
import { formatDateTime } from '../../../../contract/calendar';
import { useManagerStore } from '../../state/manager-state';

/** The PIN rule in words; the check itself is the contract's (the backend applies the same one). */
const PIN_HINT = `${MANAGER_PIN_DIGITS.min} to ${MANAGER_PIN_DIGITS.max} digits`;

function isValidPin(pin: string): boolean {
  return managerPin.safeParse(pin).success;
}

/** A PIN typed as digits and hidden: the manager's, and a cashier's (the same rule). */
export function PinInput({ id, describedBy, invalid, value, onChange, autoFocus }: {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <input
      id={id}
      className="input input-pin"
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={MANAGER_PIN_DIGITS.max}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      autoFocus={autoFocus}
    />
  );
}

/** First run (no PIN yet), or after a reset on this computer: the person who sets one is the manager. */
export function SetPinForm({ reset }: { reset: ManagerStatus['reset'] }) {
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<{ field: 'pin' | 'confirm'; message: string } | null>(null);
  const error = useManagerStore((s) => s.errors['set-pin']);
  const busy = useManagerStore((s) => s.busy);
  const save = useManagerStore((s) => s.setPin);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isValidPin(pin)) return setLocalError({ field: 'pin', message: `The PIN must be ${PIN_HINT}.` });
    if (pin !== confirm) return setLocalError({ field: 'confirm', message: 'The two PINs are not the same.' });
    setLocalError(null);
    void save(pin);
  };

  const pinError = localError?.field === 'pin' ? localError.message : error && (error.field === 'pin' || !error.field) ? error.message : undefined;
  return (
    <form className="panel manager-lock-form" onSubmit={submit} aria-labelledby="set-pin-title" noValidate>
      <h1 id="set-pin-title">{reset ? 'Set a new manager PIN' : 'Set a manager PIN'}</h1>
      {reset ? (
        <p className="lead">
          The manager PIN was reset on this computer by {reset.by} (at {formatDateTime(reset.at)}). Choose a new PIN now and keep it
          from the cashiers.
        </p>
      ) : (
        <p className="lead">
          The manager screens (counters, the Zoho connection, preferences) are protected by a PIN. None is set yet: choose one now and keep
          it from the cashiers.
        </p>
      )}
      <Field label="New manager PIN" hint={PIN_HINT} error={pinError}>
        {(ids) => <PinInput {...ids} value={pin} onChange={setPin} autoFocus />}
      </Field>
      <Field label="Type the PIN again" error={localError?.field === 'confirm' ? localError.message : undefined}>
        {(ids) => <PinInput {...ids} value={confirm} onChange={setConfirm} />}
      </Field>
      <button type="submit" className="btn btn-primary btn-big" disabled={busy !== null}>
        Set PIN and unlock
      </button>
    </form>
  );
}

/** The PIN cannot be read: nothing here opens the screens; the message says how to reset it on the computer. */
export function PinRecoveryNotice({ message }: { message: string }) {
  return (
    <section className="panel manager-lock-form" aria-labelledby="pin-recovery-title">
      <h1 id="pin-recovery-title">Manager screens locked</h1>
      <Message kind="error">{message}</Message>
    </section>
  );
}

export function UnlockForm() {
  const [pin, setPin] = useState('');
  const error = useManagerStore((s) => s.errors.unlock);
  const lockMessage = useManagerStore((s) => s.lockMessage);
  const busy = useManagerStore((s) => s.busy);
  const unlock = useManagerStore((s) => s.unlock);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void unlock(pin).then((ok) => {
      if (!ok) setPin('');
    });
  };

  return (
    <form className="panel manager-lock-form" onSubmit={submit} aria-labelledby="unlock-title" noValidate>
      <h1 id="unlock-title">Manager</h1>
      {lockMessage ? <Message kind="notice">{lockMessage}</Message> : null}
      <p className="lead">Enter the manager PIN to change counters, the Zoho connection or preferences.</p>
      <Field label="Manager PIN" error={error?.message}>
        {(ids) => <PinInput {...ids} value={pin} onChange={setPin} autoFocus />}
      </Field>
      <button type="submit" className="btn btn-primary btn-big" disabled={busy !== null || pin === ''}>
        Unlock
      </button>
    </form>
  );
}

export function ChangePinForm() {
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<{ field: 'pin' | 'confirm'; message: string } | null>(null);
  const error = useManagerStore((s) => s.errors['change-pin']);
  const notice = useManagerStore((s) => s.notices['change-pin']);
  const busy = useManagerStore((s) => s.busy);
  const save = useManagerStore((s) => s.setPin);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isValidPin(pin)) return setLocalError({ field: 'pin', message: `The new PIN must be ${PIN_HINT}.` });
    if (pin !== confirm) return setLocalError({ field: 'confirm', message: 'The two new PINs are not the same.' });
    setLocalError(null);
    void save(pin, current).then((ok) => {
      if (ok) {
        setCurrent('');
        setPin('');
        setConfirm('');
      }
    });
  };

  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby="change-pin-title" noValidate>
      <h2 id="change-pin-title">Change the manager PIN</h2>
      <div className="form-row">
        <Field label="Current PIN" error={error?.field === 'currentPin' ? error.message : undefined}>
          {(ids) => <PinInput {...ids} value={current} onChange={setCurrent} />}
        </Field>
        <Field
          label="New PIN"
          hint={PIN_HINT}
          error={localError?.field === 'pin' ? localError.message : error?.field === 'pin' ? error.message : undefined}
        >
          {(ids) => <PinInput {...ids} value={pin} onChange={setPin} />}
        </Field>
        <Field label="New PIN again" error={localError?.field === 'confirm' ? localError.message : undefined}>
          {(ids) => <PinInput {...ids} value={confirm} onChange={setConfirm} />}
        </Field>
      </div>
      {error && !error.field ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
      <button type="submit" className="btn btn-primary" disabled={busy !== null}>
        Change PIN
      </button>
    </form>
  );
}
