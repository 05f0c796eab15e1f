// Who sells at this counter: with cashiers defined, a cashier signs in with their PIN before the
// sale screen shows; F10 switches cashier (signs out; F2–F5 are quick cash); the counter signs out by itself after the
// minutes without use the manager set. With no cashiers defined, the sale screen shows as before.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Counter } from '../../../../contract/records';
import { Field, fieldError, Message } from '../../components/Field';
import { PinInput } from '../manager/PinForms';
import { useWindowKeydown } from '../../hooks/keyboard';
import { useCashierStore } from '../../state/cashier-state';

export function CashierGate({ counter, children }: { counter: Counter; children: ReactNode }) {
  const roster = useCashierStore((s) => (s.counterId === counter.id ? s.roster : null));
  const idleMinutes = useCashierStore((s) => s.idleMinutes);
  const signedIn = roster?.signedIn ?? null;

  useEffect(() => {
    void useCashierStore.getState().load(counter.id);
  }, [counter.id]);

  const onKeyDown = useCallback((event: KeyboardEvent) => {
    if (event.key !== 'F10' || !useCashierStore.getState().roster?.signedIn) return;
    event.preventDefault();
    void useCashierStore.getState().signOut();
  }, []);
  useWindowKeydown(onKeyDown);

  useIdleSignOut(signedIn !== null, idleMinutes);

  if (!roster) return <p className="loading">Loading…</p>;
  if (roster.cashiers.length === 0) return <>{children}</>;
  if (!signedIn) return <SignIn counter={counter} />;
  return (
    <>
      <div className="cashier-bar">
        <span>
          Cashier: <strong>{signedIn.name}</strong>
        </span>
        <button type="button" className="btn btn-secondary" aria-keyshortcuts="F10" onClick={() => void useCashierStore.getState().signOut()}>
          Switch cashier (F10)
        </button>
      </div>
      {children}
    </>
  );
}

/** Signs the cashier out after `minutes` without a key press, click or touch. */
function useIdleSignOut(active: boolean, minutes: number): void {
  const last = useRef(Date.now());
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, touch, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) void useCashierStore.getState().signOut();
    }, 5_000);
    return () => {
      for (const name of events) window.removeEventListener(name, touch);
      clearInterval(timer);
    };
  }, [active, minutes]);
}

function SignIn({ counter }: { counter: Counter }) {
  const roster = useCashierStore((s) => s.roster);
  const busy = useCashierStore((s) => s.busy);
  const error = useCashierStore((s) => s.error ?? undefined);
  const [cashierId, setCashierId] = useState('');
  const [pin, setPin] = useState('');
  const chosen = cashierId || roster?.cashiers[0]?.id || '';
  return (
    <form
      className="cashier-sign-in subpanel"
      aria-labelledby="cashier-sign-in-title"
      onSubmit={(event) => {
        event.preventDefault();
        void useCashierStore
          .getState()
          .signIn(chosen, pin)
          .then(() => setPin(''));
      }}
    >
      <h2 id="cashier-sign-in-title">Sign in at {counter.name}</h2>
      <Field label="Cashier" error={fieldError(error, 'cashierId')}>
        {({ id, describedBy, invalid }) => (
          <select id={id} className="input" value={chosen} onChange={(event) => setCashierId(event.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
            {roster?.cashiers.map((cashier) => (
              <option key={cashier.id} value={cashier.id}>
                {cashier.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Your PIN" error={fieldError(error, 'pin')}>
        {(ids) => <PinInput {...ids} value={pin} onChange={setPin} />}
      </Field>
      {error && !['pin', 'cashierId'].includes(error.field ?? '') ? <Message kind="error">{error.message}</Message> : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
