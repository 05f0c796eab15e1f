import { useEffect, useState, type FormEvent } from 'react';
import type { StationView, StoreStatus } from '../../../../contract/answers';
import { DetailList, DetailRow } from '../../components/DetailList';
import { Field, Message, fieldError } from '../../components/Field';
import { storeLinkSummary, heardAgo } from '../../format/store';
import { formatTime } from '../../../../contract/calendar';
import { useNow } from '../../hooks/use-now';
import { useAppStore } from '../../state/app-state';
import { useManagerStore, type StoreJoinForm } from '../../state/manager-state';

const JOIN_FIELDS = ['url', 'storeName', 'stationName', 'pin', 'caFile'];

/** Asks before a PC is cut off, with the owner's address (used once, never kept). */
function RemovePcForm({ station, onDone }: { station: StationView; onDone: () => void }) {
  const [url, setUrl] = useState('');
  const error = useManagerStore((s) => s.errors['store-remove']);
  const busy = useManagerStore((s) => s.busy);
  const removePc = useManagerStore((s) => s.removePc);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void removePc(station.id, station.name, url).then((ok) => {
      if (ok) onDone();
    });
  };
  return (
    <form className="store-remove" onSubmit={submit} aria-labelledby={`store-remove-${station.id}`} noValidate>
      <p id={`store-remove-${station.id}`}>
        <strong>Remove PC “{station.name}”?</strong> It will not reach the store again (use this for a lost or stolen PC). Its sales stay in the store’s log. To use it again, a manager joins it anew.
      </p>
      <Field label="Owner’s address of the store database" error={fieldError(error, 'url')} hint="Used once to remove the PC, never kept on this PC">
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input mono" type="password" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" spellCheck={false} />
        )}
      </Field>
      {error && error.field !== 'url' ? <Message kind="error">{error.message}</Message> : null}
      <div className="button-row">
        <button type="submit" className="btn btn-small btn-danger" disabled={busy !== null}>
          {busy === 'store-remove' ? 'Removing…' : `Remove ${station.name}`}
        </button>
        <button type="button" className="btn btn-small btn-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Where this PC stands with its store: the link, the store's PCs, and who holds which counter. */
function StoreStatusBox({ store }: { store: StoreStatus }) {
  const counters = useAppStore((s) => s.counters);
  const busy = useManagerStore((s) => s.busy);
  const errors = useManagerStore((s) => s.errors);
  const notices = useManagerStore((s) => s.notices);
  const releaseCounter = useManagerStore((s) => s.releaseCounter);
  const [removing, setRemoving] = useState<string | null>(null);
  const now = useNow(5_000);
  const summary = storeLinkSummary(store);
  const counterName = (id: string) => counters.find((c) => c.id === id)?.name ?? id;
  return (
    <section className="subpanel" aria-labelledby="store-status-title">
      <h2 id="store-status-title">Store</h2>
      {summary ? (
        <p className={`connection-pill connection-pill-${summary.tone} connection-pill-inline`}>
          <span className="connection-pill-dot" aria-hidden="true" />
          {summary.text}
        </p>
      ) : null}
      <p>{store.message}</p>
      <DetailList compact>
        <DetailRow term="Store">{store.storeName ?? '—'}</DetailRow>
        <DetailRow term="This PC">{store.stationName ?? '—'}</DetailRow>
        <DetailRow term="Address" valueClassName="mono">
          {store.address ?? '—'}
        </DetailRow>
        {store.downSince !== null ? <DetailRow term="Link down since">{formatTime(store.downSince)}</DetailRow> : null}
        <DetailRow term="Changes to send">{String(store.pendingChanges)}</DetailRow>
        <DetailRow term="Zoho calls a minute">{`${store.callsPerMinute} (this PC’s share)`}</DetailRow>
      </DetailList>
      <h3>PCs</h3>
      {notices['store-remove'] ? <Message kind="notice">{notices['store-remove']}</Message> : null}
      <ul className="store-list">
        {store.stations.map((s) => (
          <li key={s.id} className="store-list-item">
            <span>
              <strong>{s.name}</strong>
              {s.thisStation ? ' (this PC)' : ''} · heard from {heardAgo(s.lastSeen, now)} · {s.liveSessions} {s.liveSessions === 1 ? 'payment' : 'payments'} in progress
              {s.stale ? <span className="store-stale"> · not heard from lately</span> : null}
            </span>
            {!s.thisStation && removing !== s.id ? (
              <button type="button" className="btn btn-small btn-secondary" disabled={busy !== null} onClick={() => setRemoving(s.id)}>
                Remove this PC<span className="visually-hidden"> ({s.name})</span>
              </button>
            ) : null}
            {removing === s.id ? <RemovePcForm station={s} onDone={() => setRemoving(null)} /> : null}
          </li>
        ))}
      </ul>
      <h3>Counters in use</h3>
      {store.claims.length === 0 ? <p>No PC holds a counter.</p> : null}
      <ul className="store-list">
        {store.claims.map((claim) => (
          <li key={claim.counterId} className="store-list-item">
            <span>
              <strong>{counterName(claim.counterId)}</strong> at {claim.stationName}
              {claim.thisStation ? ' (this PC)' : ''}
              {claim.stale ? <span className="store-stale"> · that PC is not heard from</span> : null}
            </span>
            {claim.stale || claim.thisStation ? (
              <button type="button" className="btn btn-small btn-secondary" disabled={busy !== null} onClick={() => void releaseCounter(claim.counterId)}>
                Release<span className="visually-hidden"> {counterName(claim.counterId)}</span>
              </button>
            ) : null}
            {errors[`store-release-${claim.counterId}`] ? <Message kind="error">{errors[`store-release-${claim.counterId}`]?.message}</Message> : null}
            {notices[`store-release-${claim.counterId}`] ? <Message kind="notice">{notices[`store-release-${claim.counterId}`]}</Message> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function JoinForm({ joined }: { joined: StoreStatus | null }) {
  const [form, setForm] = useState<StoreJoinForm>({ url: '', storeName: joined?.storeName ?? '', stationName: joined?.stationName ?? '', pin: '', caFile: '' });
  const error = useManagerStore((s) => s.errors['store-join']);
  const notice = useManagerStore((s) => s.notices['store-join']);
  const busy = useManagerStore((s) => s.busy);
  const joinStore = useManagerStore((s) => s.joinStore);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void joinStore(form).then((ok) => {
      if (ok) setForm((f) => ({ ...f, url: '', pin: '' }));
    });
  };

  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby="store-join-title" noValidate>
      <h2 id="store-join-title">{joined?.link === 'off' || !joined ? 'Join a store' : 'Join another store'}</h2>
      <p className="field-hint">
        A store shares its counters, settings, items, tax settings, manager PIN and payment log between its PCs, through one PostgreSQL database. The first PC to name a new store creates it, and its PIN becomes the store’s. A
        PC joining a store takes the store’s settings and tax settings (GSTIN, rates, round-off) in place of its own, and brings its own items the store lacks. Give the
        address of the database’s owner: it is used once, to make this PC a login of its own, and never kept.
      </p>
      <div className="form-grid">
        <Field label="Store address" error={fieldError(error, 'url')} hint="The database owner’s: postgres://owner:password@host:5432/database (used once, never kept)">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" type="password" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" spellCheck={false} />
          )}
        </Field>
        <Field label="Store name" error={fieldError(error, 'storeName')} hint="e.g. Main Street">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" value={form.storeName} onChange={(e) => setForm({ ...form, storeName: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" />
          )}
        </Field>
        <Field label="This PC’s name" error={fieldError(error, 'stationName')} hint="How the other PCs see this one, e.g. Till 2">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" value={form.stationName} onChange={(e) => setForm({ ...form, stationName: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" />
          )}
        </Field>
        <Field label="Store’s manager PIN" error={fieldError(error, 'pin')} hint="For a new store: this PC’s PIN">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input input-short" type="password" inputMode="numeric" value={form.pin} onChange={(e) => setForm({ ...form, pin: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" />
          )}
        </Field>
        <Field label="CA file (optional)" error={fieldError(error, 'caFile')} hint="The full path of the CA certificate that signed the database server’s, when your system does not know that CA">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" value={form.caFile} onChange={(e) => setForm({ ...form, caFile: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete="off" spellCheck={false} />
          )}
        </Field>
      </div>
      {error && !JOIN_FIELDS.includes(error.field ?? '') ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
      <button type="submit" className="btn btn-primary" disabled={busy !== null}>
        {busy === 'store-join' ? 'Joining…' : 'Join store'}
      </button>
    </form>
  );
}

export function StoreTab() {
  const store = useAppStore((s) => s.store);
  useEffect(() => {
    void useAppStore.getState().refreshStore();
  }, []);
  const joined = store !== null && store.link !== 'off';
  return (
    <div className="manager-tab-body manager-tab-columns">
      {joined ? (
        <StoreStatusBox store={store} />
      ) : (
        <section className="subpanel" aria-labelledby="store-alone-title">
          <h2 id="store-alone-title">This PC works on its own</h2>
          <p>{store?.message ?? 'Loading…'}</p>
        </section>
      )}
      <JoinForm joined={store} />
    </div>
  );
}
