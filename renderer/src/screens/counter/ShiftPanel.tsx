// The counter's shift: open the drawer with a float, record cash put in or taken out with a reason,
// and close with the cash counted, which shows over or short against what the drawer should hold;
// then the shift slip is printed. Each step names the cashier signed in at the counter (the backend
// records them); in a shop without cashiers, the name typed at the top.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { ShiftReport } from '../../../../contract/answers';
import type { Counter } from '../../../../contract/records';
import { formatMoney } from '../../../../contract/money';
import { Field, Message } from '../../components/Field';
import { overShortLabel } from '../../format/shift';
import { formatDateTime, formatTime } from '../../../../contract/calendar';
import { useCashierStore } from '../../state/cashier-state';
import { usePrintStore } from '../../state/print-state';
import { useShiftStore, type ShiftForm } from '../../state/shift-state';

/** The fields that name who did it: their refusals show at the name at the top. */
const NAME_FIELDS = ['openedBy', 'by', 'closedBy'];

/** The store's refusal of `form`: at each of its `fields` (shown beside it), else as a message of its own. */
function useFormErrors(form: ShiftForm, fields: readonly string[]) {
  const error = useShiftStore((s) => (s.error?.form === form ? s.error : null));
  const field = error?.field ?? '';
  return {
    at: (name: string) => (error && field === name ? error.message : null),
    other: error && !fields.includes(field) && !NAME_FIELDS.includes(field) ? error.message : null,
  };
}

function submit(action: () => void) {
  return (event: FormEvent) => {
    event.preventDefault();
    action();
  };
}

export function ShiftPanel({ counter }: { counter: Counter }) {
  const report = useShiftStore((s) => s.report);
  const loading = useShiftStore((s) => s.loading);
  // The signed-in cashier (none where no cashiers are defined): then no name is typed.
  const cashier = useCashierStore((s) => (s.counterId === counter.id ? (s.roster?.signedIn?.name ?? null) : null));
  const [typed, setTyped] = useState('');
  const name = cashier === null ? typed : null;
  const nameError = useShiftStore((s) => (s.error && NAME_FIELDS.includes(s.error.field ?? '') ? s.error.message : null));

  useEffect(() => {
    void useShiftStore.getState().load(counter.id);
  }, [counter.id]);

  return (
    <section className="shift-panel" aria-labelledby="shift-title">
      <div className="shift-head">
        <h2 id="shift-title">Shift at {counter.name}</h2>
        {report && !report.shift.close ? (
          <p>
            Opened by <strong>{report.shift.openedBy}</strong> at {formatDateTime(report.shift.openedAt)}.
          </p>
        ) : null}
      </div>
      {cashier === null ? (
        <Field label="Your name" error={nameError} hint="Recorded with each step." className="shift-name">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" maxLength={60} value={typed} onChange={(event) => setTyped(event.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
          )}
        </Field>
      ) : (
        <p className="shift-name" data-testid="shift-cashier">
          Each step is recorded as <strong>{cashier}</strong>, signed in at this counter.
        </p>
      )}
      {loading && !report ? <p className="loading">Loading…</p> : null}
      {!loading && !report ? <OpenForm name={name} /> : null}
      {report && !report.shift.close ? <OpenShift report={report} name={name} /> : null}
      {report?.shift.close ? <ClosedShift report={report} /> : null}
    </section>
  );
}

function OpenForm({ name }: { name: string | null }) {
  const [float, setFloat] = useState('');
  const busy = useShiftStore((s) => s.busy === 'open');
  const errors = useFormErrors('open', ['floatMinor']);
  return (
    <form className="shift-form" aria-label="Open a shift" onSubmit={submit(() => void useShiftStore.getState().open(name, float))}>
      <p>No shift is open on this counter. Count the cash you put in the drawer to give change from.</p>
      <AmountField label="Opening float" value={float} onChange={setFloat} error={errors.at('floatMinor')} />
      {errors.other ? <Message kind="error">{errors.other}</Message> : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Opening…' : 'Open the shift'}
      </button>
    </form>
  );
}

function AmountField({ label, value, onChange, error, hint }: { label: string; value: string; onChange: (value: string) => void; error: string | null; hint?: ReactNode }) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input id={id} className="input input-amount" inputMode="decimal" autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
      )}
    </Field>
  );
}

function DrawerFigures({ report }: { report: ShiftReport }) {
  const money = (minor: number) => formatMoney(minor, report.currency);
  const rows: [string, string][] = [
    ['Opening float', money(report.shift.floatMinor)],
    [`Cash sales (${report.cashSales.count})`, money(report.cashSales.amountMinor)],
    ['Cash in', money(report.cashInMinor)],
    ['Cash out', money(report.cashOutMinor)],
    ['Expected in drawer', money(report.expectedMinor)],
  ];
  return (
    <dl className="shift-figures">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Movements({ report }: { report: ShiftReport }) {
  if (report.movements.length === 0) return null;
  return (
    <div className="log-table-wrap">
      <table className="log-table log-ledger">
        <caption>Cash in and out</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">In or out</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Reason</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {report.movements.map((m) => (
            <tr key={m.id}>
              <td className="nowrap">{formatTime(m.createdAt)}</td>
              <td>{m.kind === 'in' ? 'In' : 'Out'}</td>
              <td className="num">{formatMoney(m.amountMinor, report.currency)}</td>
              <td>{m.reason}</td>
              <td>{m.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OpenShift({ report, name }: { report: ShiftReport; name: string | null }) {
  return (
    <>
      <DrawerFigures report={report} />
      <div className="shift-forms">
        <MoveForm name={name} />
        <CloseForm name={name} />
      </div>
      <Movements report={report} />
    </>
  );
}

function MoveForm({ name }: { name: string | null }) {
  const [kind, setKind] = useState<'in' | 'out'>('out');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const busy = useShiftStore((s) => s.busy === 'move');
  const errors = useFormErrors('move', ['amountMinor', 'note', 'kind']);
  const record = async () => {
    if (await useShiftStore.getState().move(kind, amount, note, name)) {
      setAmount('');
      setNote('');
    }
  };
  return (
    <form className="shift-form" aria-label="Cash in or out" onSubmit={submit(() => void record())}>
      <fieldset className="segmented">
        <legend>Cash in or out</legend>
        {(['out', 'in'] as const).map((k) => (
          <label key={k} className={kind === k ? 'segment segment-on' : 'segment'}>
            <input type="radio" name="cash-move-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {k === 'out' ? 'Take cash out' : 'Put cash in'}
          </label>
        ))}
      </fieldset>
      <AmountField label="Amount" value={amount} onChange={setAmount} error={errors.at('amountMinor')} />
      <Field label="Reason" error={errors.at('note')}>
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input" maxLength={200} value={note} onChange={(event) => setNote(event.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      {errors.other ? <Message kind="error">{errors.other}</Message> : null}
      <button type="submit" className="btn btn-secondary" disabled={busy}>
        {busy ? 'Recording…' : kind === 'out' ? 'Record cash out' : 'Record cash in'}
      </button>
    </form>
  );
}

function CloseForm({ name }: { name: string | null }) {
  const [counted, setCounted] = useState('');
  const busy = useShiftStore((s) => s.busy === 'close');
  const errors = useFormErrors('close', ['countedMinor']);
  return (
    <form className="shift-form" aria-label="Close the shift" onSubmit={submit(() => void useShiftStore.getState().close(counted, name))}>
      <AmountField label="Counted cash" value={counted} onChange={setCounted} error={errors.at('countedMinor')} hint="Count every note and coin in the drawer." />
      {errors.other ? <Message kind="error">{errors.other}</Message> : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Closing…' : 'Close the shift'}
      </button>
    </form>
  );
}

function ClosedShift({ report }: { report: ShiftReport }) {
  const printing = usePrintStore((s) => s.busy);
  const close = report.shift.close;
  if (!close) return null;
  const short = (report.overShortMinor ?? 0) < 0;
  return (
    <>
      <p className={`shift-result${short ? ' shift-result-short' : ''}`} role="status" data-testid="shift-result">
        {overShortLabel(report)}
      </p>
      <p>
        Closed by <strong>{close.closedBy}</strong> at {formatDateTime(close.closedAt)}: counted {formatMoney(close.countedMinor, report.currency)}.
      </p>
      <DrawerFigures report={report} />
      <Movements report={report} />
      <div className="shift-actions">
        <button type="button" className="btn btn-primary" disabled={printing} onClick={() => void usePrintStore.getState().printShift(report)}>
          Print the shift slip
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => useShiftStore.getState().dismissClosed()}>
          Open the next shift
        </button>
      </div>
    </>
  );
}
