// Manager → Items: a catalogue file (CSV, as Tally or a spreadsheet exports it) is first checked:
// every bad row is listed by line and column and nothing is saved; only a clean file is imported.
import { useRef, type ChangeEvent } from 'react';
import { Message } from '../../../components/Field';
import { itemCount, useItemsStore } from '../../../state/items-state';
import { useManagerStore } from '../../../state/manager-state';

function rows(count: number): string {
  return count === 1 ? '1 row' : `${count} rows`;
}

function CheckedReport() {
  const checked = useItemsStore((s) => s.checked);
  const busy = useManagerStore((s) => s.busy);
  if (!checked) return null;
  const { report, fileName } = checked;
  if (report.problems.length > 0) {
    const bad = new Set(report.problems.map((p) => p.line)).size;
    return (
      <div className="import-report">
        <Message kind="error">
          {fileName}: {bad} of {rows(report.rows)} {bad === 1 ? 'needs' : 'need'} fixing. Nothing was imported: fix the file and choose it again.
        </Message>
        <ul className="import-problems" aria-label="Problems in the file">
          {report.problems.map((problem) => (
            <li key={`${problem.line}-${problem.field}`}>
              <strong>
                Line {problem.line}, {problem.field}:
              </strong>{' '}
              {problem.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="import-report">
      <Message kind="notice">
        {fileName} is ready: {rows(report.rows)}, {itemCount(report.creates)} to add and {itemCount(report.updates)} to change. Nothing is saved until you import it.
      </Message>
      <div className="button-row">
        <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => void useItemsStore.getState().importChecked()}>
          Import {rows(report.rows)}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => useItemsStore.getState().forgetFile()}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function CatalogueImport() {
  const error = useManagerStore((s) => s.errors.import);
  const notice = useManagerStore((s) => s.notices.import);
  const busy = useManagerStore((s) => s.busy);
  const input = useRef<HTMLInputElement>(null);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    void file.text().then((csv) => useItemsStore.getState().checkFile(file.name, csv));
    // The same file chosen again (after fixing it) is read again.
    event.target.value = '';
  };

  return (
    <section className="manager-form" aria-labelledby="catalogue-import-title">
      <h3 id="catalogue-import-title">Import a catalogue file</h3>
      <p className="manager-muted">
        A CSV with the columns Name, SKU, Barcodes, Unit, Price, Price includes tax, Tax rate, HSN/SAC (and optionally Tax exempt, Active). A SKU already in
        the catalogue changes that item; a new SKU adds one.
      </p>
      <div className="button-row">
        <label className="btn btn-secondary file-pick">
          Choose a CSV file…
          <input ref={input} type="file" accept=".csv,text/csv" className="visually-hidden" onChange={choose} disabled={busy !== null} aria-label="Catalogue file (CSV)" />
        </label>
      </div>
      {error ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
      <CheckedReport />
    </section>
  );
}
