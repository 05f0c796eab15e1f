import { useState, type FormEvent } from 'react';
import { EDITIONS, type Edition } from '../../../../contract/vocabulary';
import { DetailList, DetailRow } from '../../components/DetailList';
import { Field, Message, fieldError } from '../../components/Field';
import { EDITION_LABELS, connectionSummary } from '../../format/connection';
import { formatTime } from '../../../../contract/calendar';
import { useAppStore } from '../../state/app-state';
import { useManagerStore, type ConnectionForm } from '../../state/manager-state';

const FORM_FIELDS = ['edition', 'accountId', 'clientId', 'clientSecret'];


/** In a browser the consent page opens in a new tab; in the desktop app the shell opens the system browser. */
function openConsentPage(url: string): void {
  const inDesktopShell = typeof (window as { billing?: unknown }).billing !== 'undefined';
  if (!inDesktopShell) window.open(url, '_blank', 'noopener');
}

function StatusBox() {
  const connection = useAppStore((s) => s.connection);
  const errors = useManagerStore((s) => s.errors);
  const notices = useManagerStore((s) => s.notices);
  const busy = useManagerStore((s) => s.busy);
  const { testConnection, disconnect } = useManagerStore.getState();
  const [confirming, setConfirming] = useState(false);
  const summary = connectionSummary(connection);
  const canDisconnect = connection?.state === 'connected' || connection?.state === 'reconnect_required' || connection?.state === 'throttled';

  return (
    <section className="subpanel" aria-labelledby="conn-status-title">
      <h2 id="conn-status-title">Connection</h2>
      <p className={`connection-pill connection-pill-${summary.tone} connection-pill-inline`}>
        <span className="connection-pill-dot" aria-hidden="true" />
        {summary.text}
      </p>
      {connection?.message ? <p>{connection.message}</p> : null}
      <DetailList compact>
        <DetailRow term="Edition">{connection?.edition ? EDITION_LABELS[connection.edition] : '—'}</DetailRow>
        <DetailRow term="Account ID" valueClassName="mono">
          {connection?.accountId ?? '—'}
        </DetailRow>
        <DetailRow term="Client ID" valueClassName="mono">
          {connection?.clientId ?? '—'}
        </DetailRow>
        {connection?.retryAt ? <DetailRow term="Retry after">{formatTime(connection.retryAt)}</DetailRow> : null}
      </DetailList>
      <div className="button-row">
        <button type="button" className="btn btn-secondary" onClick={() => void testConnection()} disabled={busy !== null}>
          {busy === 'connection-test' ? 'Testing…' : 'Test connection'}
        </button>
        {canDisconnect && !confirming ? (
          <button type="button" className="btn btn-secondary" onClick={() => setConfirming(true)} disabled={busy !== null}>
            Disconnect
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="connection-confirm" role="group" aria-label="Confirm disconnecting">
          <p>Disconnect from Zoho? The counters cannot take card or UPI payments until someone signs in again.</p>
          <div className="button-row">
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy !== null}
              onClick={() => void disconnect().then(() => setConfirming(false))}
            >
              Disconnect from Zoho
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)} autoFocus>
              Stay connected
            </button>
          </div>
        </div>
      ) : null}
      {errors['connection-test'] ? <Message kind="error">{errors['connection-test'].message}</Message> : null}
      {notices['connection-test'] ? <Message kind="notice">{notices['connection-test']}</Message> : null}
      {errors['connection-disconnect'] ? <Message kind="error">{errors['connection-disconnect'].message}</Message> : null}
      {notices['connection-disconnect'] ? <Message kind="notice">{notices['connection-disconnect']}</Message> : null}
    </section>
  );
}

function CredentialsForm() {
  const connection = useAppStore((s) => s.connection);
  const [form, setForm] = useState<ConnectionForm>({
    edition: connection?.edition ?? 'in',
    accountId: connection?.accountId ?? '',
    clientId: connection?.clientId ?? '',
    clientSecret: '',
  });
  const error = useManagerStore((s) => s.errors['connection-configure']);
  const notice = useManagerStore((s) => s.notices['connection-configure']);
  const busy = useManagerStore((s) => s.busy);
  const configure = useManagerStore((s) => s.configureConnection);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void configure(form).then((ok) => {
      if (ok) setForm((f) => ({ ...f, clientSecret: '' }));
    });
  };

  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby="conn-creds-title" noValidate>
      <h2 id="conn-creds-title">1. Zoho account</h2>
      <p className="field-hint">From the Zoho Developer Console (a client of type ORG) and Zoho Payments’ settings.</p>
      <div className="form-grid">
        <Field label="Edition" error={fieldError(error, 'edition')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="input"
              value={form.edition}
              onChange={(e) => setForm({ ...form, edition: e.target.value as Edition })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              {EDITIONS.map((edition) => (
                <option key={edition} value={edition}>
                  {EDITION_LABELS[edition]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Account ID" error={fieldError(error, 'accountId')} hint="Digits only">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" inputMode="numeric" value={form.accountId} onChange={(e) => setForm({ ...form, accountId: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" spellCheck={false} />
          )}
        </Field>
        <Field label="Client ID" error={fieldError(error, 'clientId')}>
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" value={form.clientId} onChange={(e) => setForm({ ...form, clientId: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" spellCheck={false} />
          )}
        </Field>
        <Field label="Client secret" error={fieldError(error, 'clientSecret')} hint="Kept only on this computer; never shown again">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" type="password" value={form.clientSecret} onChange={(e) => setForm({ ...form, clientSecret: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="new-password" spellCheck={false} />
          )}
        </Field>
      </div>
      {error && !FORM_FIELDS.includes(error.field ?? '') ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
      <button type="submit" className="btn btn-primary" disabled={busy !== null}>
        Save account details
      </button>
    </form>
  );
}

function SignInBox() {
  const [code, setCode] = useState('');
  const errors = useManagerStore((s) => s.errors);
  const notices = useManagerStore((s) => s.notices);
  const busy = useManagerStore((s) => s.busy);
  const signInUrl = useManagerStore((s) => s.signInUrl);
  const { startSignIn, submitCode } = useManagerStore.getState();
  const codeError = errors['connection-code'];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submitCode(code.trim()).then((ok) => {
      if (ok) setCode('');
    });
  };

  return (
    <section className="subpanel" aria-labelledby="conn-signin-title">
      <h2 id="conn-signin-title">2. Sign in</h2>
      <p className="field-hint">An owner or admin of the Zoho Payments account approves access once.</p>
      <button type="button" className="btn btn-primary" onClick={() => void startSignIn(openConsentPage)} disabled={busy !== null}>
        Sign in with Zoho
      </button>
      {errors['connection-signin'] ? <Message kind="error">{errors['connection-signin'].message}</Message> : null}
      {notices['connection-signin'] ? (
        <Message kind="notice">
          {notices['connection-signin']}{' '}
          {signInUrl ? (
            <a href={signInUrl} target="_blank" rel="noopener noreferrer">
              Open the sign-in page again<span className="visually-hidden"> (opens in a new window)</span>
            </a>
          ) : null}
        </Message>
      ) : null}
      <form onSubmit={submit} className="connection-code-form" noValidate>
        <Field label="Or paste a Self Client code" error={codeError?.message} hint="From the Zoho API console; it works for 2 minutes">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" value={code} onChange={(e) => setCode(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" spellCheck={false} />
          )}
        </Field>
        <button type="submit" className="btn btn-secondary form-row-button" disabled={busy !== null || code.trim() === ''}>
          Connect with code
        </button>
      </form>
      {notices['connection-code'] ? <Message kind="notice">{notices['connection-code']}</Message> : null}
    </section>
  );
}

export function ConnectionTab() {
  const state = useAppStore((s) => s.connection?.state ?? null);
  // Signed in: the account cannot change until someone disconnects, so the forms step aside.
  const signedIn = state === 'connected' || state === 'throttled';
  return (
    <div className="manager-tab-body manager-tab-columns">
      <StatusBox />
      <div className="manager-tab-stack">
        {signedIn ? (
          <section className="subpanel" aria-labelledby="conn-other-title">
            <h2 id="conn-other-title">Another account?</h2>
            <p>Counter is signed in to this Zoho Payments account. To use another account, disconnect first, then enter its details.</p>
          </section>
        ) : (
          <>
            <CredentialsForm />
            <SignInBox />
          </>
        )}
      </div>
    </div>
  );
}
