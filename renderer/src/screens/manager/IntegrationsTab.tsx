// Manager → Integrations: a key per billing program for the integration API (docs/INTEGRATING.md):
// shown once, with its scopes and counters; revocable.
import { useEffect, useState, type FormEvent } from 'react';
import { INTEGRATION_SCOPES, type IntegrationScope } from '../../../../contract/vocabulary';
import type { IntegrationKey } from '../../../../contract/records';
import { Field, Message, fieldError } from '../../components/Field';
import { useAppStore } from '../../state/app-state';
import { useManagerStore } from '../../state/manager-state';

const SCOPE_LABELS: Record<IntegrationScope, string> = {
  charge: 'Start charges',
  read: 'Read charges and counters',
  'refund-request': 'Ask for refunds (a manager approves each on the counter’s screen)',
};

function NewKeyForm() {
  const allCounters = useAppStore((s) => s.counters);
  const counters = allCounters.filter((c) => c.active);
  const error = useManagerStore((s) => s.errors['integration-new']);
  const busy = useManagerStore((s) => s.busy);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<IntegrationScope[]>(['charge', 'read']);
  const [counterIds, setCounterIds] = useState<string[]>([]);
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void useManagerStore
      .getState()
      .createIntegrationKey({ name, scopes, counterIds })
      .then((ok) => {
        if (ok) setName('');
      });
  };

  return (
    <form onSubmit={submit} aria-label="New API key" noValidate className="manager-form">
      <h3>New key for a billing program</h3>
      <Field label="Program name" error={fieldError(error, 'name')} hint="Shown to the cashier with each charge it starts, e.g. Tally">
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} maxLength={40} />
        )}
      </Field>
      <fieldset className="manager-choices">
        <legend>It may</legend>
        {INTEGRATION_SCOPES.map((scope) => (
          <label key={scope} className="check">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={() => setScopes(toggle(scopes, scope))} /> {SCOPE_LABELS[scope]}
          </label>
        ))}
        {fieldError(error, 'scopes') ? <Message kind="error">{fieldError(error, 'scopes')}</Message> : null}
      </fieldset>
      <fieldset className="manager-choices">
        <legend>On the counters</legend>
        {counters.map((counter) => (
          <label key={counter.id} className="check">
            <input type="checkbox" checked={counterIds.includes(counter.id)} onChange={() => setCounterIds(toggle(counterIds, counter.id))} /> {counter.name}
          </label>
        ))}
        {fieldError(error, 'counterIds') ? <Message kind="error">{fieldError(error, 'counterIds')}</Message> : null}
      </fieldset>
      {error && !['name', 'scopes', 'counterIds'].includes(error.field ?? '') ? <Message kind="error">{error.message}</Message> : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          Make the key
        </button>
      </div>
    </form>
  );
}

function KeyRow({ apiKey }: { apiKey: IntegrationKey }) {
  const counters = useAppStore((s) => s.counters);
  const busy = useManagerStore((s) => s.busy);
  const error = useManagerStore((s) => s.errors[`integration-${apiKey.id}`]);
  const names = apiKey.counterIds.map((id) => counters.find((c) => c.id === id)?.name ?? id).join(', ');
  return (
    <li className="manager-counter">
      <div>
        <strong>{apiKey.name}</strong> <span className="mono">{apiKey.prefix}…</span>
        {apiKey.revokedAt !== null ? <span className="tag">Revoked</span> : null}
        <div className="manager-muted">
          {apiKey.scopes.join(', ')} · {names}
        </div>
        {error ? <Message kind="error">{error.message}</Message> : null}
      </div>
      {apiKey.revokedAt === null ? (
        <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={() => void useManagerStore.getState().revokeIntegrationKey(apiKey)}>
          Revoke the key of {apiKey.name}
        </button>
      ) : null}
    </li>
  );
}

/** Where programs reach the API, and the switch that lets other computers of the shop use it. */
function NetworkAccess() {
  const status = useManagerStore((s) => s.integrationApi);
  const busy = useManagerStore((s) => s.busy);
  const error = useManagerStore((s) => s.errors['integration-api']);
  useEffect(() => {
    void useManagerStore.getState().loadIntegrationApi();
  }, []);
  if (!status) return error ? <Message kind="error">{error.message}</Message> : null;
  if (!status.url) return <Message kind="warning">The integration API is not running (Counter was started with it turned off, or its port was taken: see the log).</Message>;
  const port = new URL(status.url).port;
  return (
    <div className="manager-form" aria-label="Where programs reach Counter">
      <h3>Where programs reach Counter</h3>
      <p>
        On this computer: <code className="mono">{status.url}</code>
        {status.lan ? (
          <>
            {' '}
            · from the shop’s other computers: this computer’s network address, port <code className="mono">{port}</code>
          </>
        ) : null}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={status.lan}
          disabled={busy !== null || (status.lan && status.lanForcedAtStart)}
          onChange={(e) => void useManagerStore.getState().setIntegrationLan(e.target.checked)}
        />{' '}
        Let programs on the shop’s other computers use it (each still needs its key)
      </label>
      {status.lanForcedAtStart ? <p className="manager-muted">Counter was started with network access on (--api-lan): restart it without that to turn it off.</p> : null}
      {error ? <Message kind="error">{error.message}</Message> : null}
    </div>
  );
}

export function IntegrationsTab() {
  const keys = useManagerStore((s) => s.integrationKeys);
  const fresh = useManagerStore((s) => s.newIntegrationKey);
  const loadError = useManagerStore((s) => s.errors.integrations);
  useEffect(() => {
    void useManagerStore.getState().loadIntegrationKeys();
  }, []);
  return (
    <div className="manager-section">
      <p>
        Your billing software can charge on the terminals through Counter’s integration API (see “Integrating your billing software” in the docs). Give
        each program its own key.
      </p>
      <NetworkAccess />
      {fresh ? (
        <Message kind="notice">
          <strong>The key for {fresh.name}</strong> (shown this once: copy it into the program now): <code className="mono manager-secret">{fresh.secret}</code>{' '}
          <button type="button" className="btn btn-secondary" onClick={() => useManagerStore.getState().dismissNewIntegrationKey()}>
            I have copied it
          </button>
        </Message>
      ) : null}
      {loadError ? <Message kind="error">{loadError.message}</Message> : null}
      {keys && keys.length > 0 ? (
        <ul className="manager-counter-list" aria-label="API keys">
          {keys.map((k) => (
            <KeyRow key={k.id} apiKey={k} />
          ))}
        </ul>
      ) : (
        <p>No program has a key yet.</p>
      )}
      <NewKeyForm />
    </div>
  );
}
