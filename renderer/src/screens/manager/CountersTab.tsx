import { useState, type FormEvent } from 'react';
import type { Counter } from '../../../../contract/records';
import type { AppError } from '../../../../contract/result';
import { Field, FieldError, Message, fieldError } from '../../components/Field';
import { useAppStore } from '../../state/app-state';
import { useManagerStore } from '../../state/manager-state';


const COUNTER_FIELDS = ['name', 'terminalId', 'invoicePrefix'];

function generalError(error: AppError | undefined): string | undefined {
  return error && !COUNTER_FIELDS.includes(error.field ?? '') ? error.message : undefined;
}

function CounterRow({ counter }: { counter: Counter }) {
  const form = `counter-${counter.id}`;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(counter.name);
  const [terminalId, setTerminalId] = useState(counter.terminalId);
  const [prefix, setPrefix] = useState(counter.invoicePrefix);
  const error = useManagerStore((s) => s.errors[form]);
  const notice = useManagerStore((s) => s.notices[form]);
  const busy = useManagerStore((s) => s.busy);
  const { updateCounter, deactivateCounter, clearMessages } = useManagerStore.getState();

  const startEdit = () => {
    setName(counter.name);
    setTerminalId(counter.terminalId);
    setPrefix(counter.invoicePrefix);
    clearMessages(form);
    setEditing(true);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const patch: { name?: string; terminalId?: string; invoicePrefix?: string } = {};
    if (name !== counter.name) patch.name = name;
    if (terminalId !== counter.terminalId) patch.terminalId = terminalId;
    if (prefix !== counter.invoicePrefix) patch.invoicePrefix = prefix;
    if (Object.keys(patch).length === 0) {
      setEditing(false);
      return;
    }
    void updateCounter(counter.id, patch).then((ok) => {
      if (ok) setEditing(false);
    });
  };

  if (editing) {
    return (
      <li className="manager-counter">
        <form onSubmit={save} aria-label={`Edit ${counter.name}`} noValidate>
          <div className="form-row">
            <Field label="Counter name" error={fieldError(error, 'name')}>
              {({ id, describedBy, invalid }) => (
                <input id={id} className="input" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} maxLength={40} autoFocus />
              )}
            </Field>
            <Field label="Terminal ID" error={fieldError(error, 'terminalId')} hint="As printed on the terminal">
              {({ id, describedBy, invalid }) => (
                <input id={id} className="input mono" value={terminalId} onChange={(e) => setTerminalId(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} maxLength={32} spellCheck={false} />
              )}
            </Field>
            <Field label="Invoice prefix" error={fieldError(error, 'invoicePrefix')} hint="e.g. B-">
              {({ id, describedBy, invalid }) => (
                <input id={id} className="input input-short" value={prefix} onChange={(e) => setPrefix(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} maxLength={10} spellCheck={false} />
              )}
            </Field>
          </div>
          {generalError(error) ? <Message kind="error">{generalError(error)}</Message> : null}
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy !== null}>
              Save {counter.name}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={`manager-counter${counter.active ? '' : ' manager-counter-inactive'}`}>
      <div className="manager-counter-info">
        <span className="manager-counter-name">{counter.name}</span>
        <span>
          Terminal <span className="mono">{counter.terminalId}</span>
        </span>
        <span>Invoices {counter.invoicePrefix ? `${counter.invoicePrefix}…` : '(no prefix)'}</span>
        {counter.active ? null : <span className="tag">Deactivated</span>}
      </div>
      {counter.active ? (
        confirming ? (
          <div className="button-row" role="group" aria-label={`Confirm deactivating ${counter.name}`}>
            <span>Deactivate {counter.name}? It can no longer take payments.</span>
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy !== null}
              onClick={() => void deactivateCounter(counter).then(() => setConfirming(false))}
            >
              Deactivate
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)} autoFocus>
              Keep it
            </button>
          </div>
        ) : (
          <div className="button-row">
            <button type="button" className="btn btn-secondary" onClick={startEdit} aria-label={`Edit ${counter.name}`}>
              Edit
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                clearMessages(form);
                setConfirming(true);
              }}
              aria-label={`Deactivate ${counter.name}`}
            >
              Deactivate
            </button>
          </div>
        )
      ) : null}
      {!editing && error ? <FieldError message={error.message} /> : null}
      {notice ? <p className="manager-counter-notice" role="status">{notice}</p> : null}
    </li>
  );
}

function AddCounterForm() {
  const [name, setName] = useState('');
  const [terminalId, setTerminalId] = useState('');
  const [prefix, setPrefix] = useState('');
  const error = useManagerStore((s) => s.errors['counter-new']);
  const notice = useManagerStore((s) => s.notices['counter-new']);
  const busy = useManagerStore((s) => s.busy);
  const createCounter = useManagerStore((s) => s.createCounter);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void createCounter({ name, terminalId, invoicePrefix: prefix }).then((ok) => {
      if (ok) {
        setName('');
        setTerminalId('');
        setPrefix('');
      }
    });
  };

  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby="add-counter-title" noValidate>
      <h2 id="add-counter-title">Add a counter</h2>
      <div className="form-row">
        <Field label="Counter name" error={fieldError(error, 'name')} hint="e.g. Counter D">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} maxLength={40} />
          )}
        </Field>
        <Field label="Terminal ID" error={fieldError(error, 'terminalId')} hint="As printed on the terminal">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" value={terminalId} onChange={(e) => setTerminalId(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} maxLength={32} spellCheck={false} />
          )}
        </Field>
        <Field label="Invoice prefix" error={fieldError(error, 'invoicePrefix')} hint="Optional, e.g. D-">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input input-short" value={prefix} onChange={(e) => setPrefix(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} maxLength={10} spellCheck={false} />
          )}
        </Field>
        <button type="submit" className="btn btn-primary form-row-button" disabled={busy !== null}>
          Add counter
        </button>
      </div>
      {generalError(error) ? <Message kind="error">{generalError(error)}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
    </form>
  );
}

export function CountersTab() {
  const counters = useAppStore((s) => s.counters);
  return (
    <div className="manager-tab-body">
      <ul className="manager-counter-list" aria-label="Counters">
        {counters.map((counter) => (
          <CounterRow key={counter.id} counter={counter} />
        ))}
      </ul>
      {counters.length === 0 ? <p>No counters yet: add the first one below.</p> : null}
      <AddCounterForm />
    </div>
  );
}
