import { useEffect } from 'react';
import { DetailList, DetailRow } from '../../components/DetailList';
import { Message } from '../../components/Field';
import { formatDateTime } from '../../../../contract/calendar';
import { useManagerStore } from '../../state/manager-state';

/** While the tab is open, how often it reads again (an update downloads in the background). */
const REFRESH_MS = 15_000;

function FilesPanel() {
  const support = useManagerStore((s) => s.support);
  if (!support) return <p className="loading">Loading…</p>;
  const backup = support.newestBackup;
  return (
    <section className="subpanel" aria-labelledby="help-files-title">
      <h2 id="help-files-title">Where Counter keeps its files</h2>
      <DetailList compact>
        <DetailRow term="Data folder" valueClassName="mono">
          {support.dataDir}
        </DetailRow>
        <DetailRow term="Logs" valueClassName="mono">
          {support.logsDir}
        </DetailRow>
        <DetailRow term="Backups" valueClassName="mono">
          {support.backupsDir}
        </DetailRow>
        <DetailRow term="Newest backup">
          {backup ? `${backup.fileName}, taken ${formatDateTime(backup.takenAt)}` : 'None yet. Counter takes one each day at a quiet moment.'}
        </DetailRow>
        <DetailRow term="Version">{`Counter ${support.version}, database version ${support.schemaVersion}`}</DetailRow>
      </DetailList>
      <p className="manager-help-note">
        If the database is ever damaged, Counter will not open it: it names the newest good backup and offers to restore it (in the
        browser mode, with the command it prints).
      </p>
    </section>
  );
}

function BundlePanel() {
  const busy = useManagerStore((s) => s.busy);
  const error = useManagerStore((s) => s.errors['support-bundle']);
  const notice = useManagerStore((s) => s.notices['support-bundle']);
  return (
    <section className="subpanel" aria-labelledby="help-bundle-title">
      <h2 id="help-bundle-title">Support bundle</h2>
      <p>
        One zip file for whoever supports Counter: the last 3 days of the log, the versions, the database check, the payment counts and
        the payments waiting for review. It holds no PIN, password or Zoho token.
      </p>
      <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => void useManagerStore.getState().saveSupportBundle()}>
        {busy === 'support-bundle' ? 'Saving…' : 'Save a support bundle'}
      </button>
      {error ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
    </section>
  );
}

function UpdatesPanel() {
  const updates = useManagerStore((s) => s.support?.updates);
  const busy = useManagerStore((s) => s.busy);
  const error = useManagerStore((s) => s.errors.update);
  const notice = useManagerStore((s) => s.notices.update);
  if (!updates) return null;
  return (
    <section className="subpanel" aria-labelledby="help-updates-title">
      <h2 id="help-updates-title">Updates</h2>
      <p>{updates.message}</p>
      {updates.checkedAt ? <p className="manager-help-note">{`Last checked ${formatDateTime(updates.checkedAt)}.`}</p> : null}
      {updates.state === 'ready' ? (
        <button type="button" className="btn btn-primary" disabled={busy !== null || !updates.canInstall} onClick={() => void useManagerStore.getState().installUpdate()}>
          {`Install version ${updates.version ?? ''} now`}
        </button>
      ) : null}
      {error ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
    </section>
  );
}

export function HelpTab() {
  useEffect(() => {
    const { loadSupport } = useManagerStore.getState();
    void loadSupport();
    const timer = setInterval(() => void loadSupport(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="manager-tab-body manager-tab-columns">
      <FilesPanel />
      <div className="manager-tab-stack">
        <BundlePanel />
        <UpdatesPanel />
      </div>
    </div>
  );
}
