// Manager → Cashiers: add a cashier with a short PIN of their own, remove one, and how long a
// counter may sit unused before it signs its cashier out.
import { useEffect, useState } from 'react';
import { Field, fieldError, Message } from '../../components/Field';
import { PinInput } from './PinForms';
import { CASHIER_IDLE_MINUTES, useCashierStore } from '../../state/cashier-state';

export function CashiersTab() {
  const roster = useCashierStore((s) => s.roster);
  const busy = useCashierStore((s) => s.busy);
  const error = useCashierStore((s) => s.error ?? undefined);
  const idleMinutes = useCashierStore((s) => s.idleMinutes);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');

  useEffect(() => {
    void useCashierStore.getState().load(useCashierStore.getState().counterId);
  }, []);

  const add = async () => {
    if (await useCashierStore.getState().add(name, pin)) {
      setName('');
      setPin('');
    }
  };

  return (
    <div className="manager-tab-body manager-tab-columns">
      <section className="subpanel" aria-labelledby="cashiers-title">
        <h2 id="cashiers-title">Cashiers</h2>
        <p className="field-hint">With cashiers here, each counter sells only with a cashier signed in, and every sale names them. With none, counters sell without a sign-in.</p>
        {roster && roster.cashiers.length === 0 ? <p>No cashiers yet.</p> : null}
        <ul className="manager-counter-list">
          {roster?.cashiers.map((cashier) => (
            <li key={cashier.id} className="manager-counter">
              <span className="manager-counter-name">{cashier.name}</span>
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void useCashierStore.getState().remove(cashier.id)}>
                Remove {cashier.name}
              </button>
            </li>
          ))}
        </ul>
        {error && !['name', 'pin'].includes(error.field ?? '') ? <Message kind="error">{error.message}</Message> : null}
      </section>
      <form
        className="subpanel"
        aria-labelledby="cashier-add-title"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <h2 id="cashier-add-title">Add a cashier</h2>
        <Field label="Cashier name" error={fieldError(error, 'name')}>
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" maxLength={40} value={name} onChange={(event) => setName(event.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
          )}
        </Field>
        <Field label="Cashier PIN" error={fieldError(error, 'pin')} hint="4 to 8 digits, for this cashier alone.">
          {(ids) => <PinInput {...ids} value={pin} onChange={setPin} />}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Add cashier
        </button>
        <Field label="Sign a cashier out after (minutes without use)" hint="On this PC.">
          {({ id, describedBy }) => (
            <input
              id={id}
              className="input"
              type="number"
              min={CASHIER_IDLE_MINUTES.min}
              max={CASHIER_IDLE_MINUTES.max}
              value={idleMinutes}
              onChange={(event) => {
                const minutes = Number(event.target.value);
                if (Number.isInteger(minutes) && minutes >= CASHIER_IDLE_MINUTES.min && minutes <= CASHIER_IDLE_MINUTES.max) useCashierStore.getState().setIdleMinutes(minutes);
              }}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      </form>
    </div>
  );
}
