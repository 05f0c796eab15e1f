// Closing the day: the report (totals by counter and tender, refunds, each drawer's cash, what still
// needs review), the close itself with the manager's PIN, confirmed against what is being closed
// (the backend checks it all first, closing nothing), and the printable summary. The close names the
// cashier signed in at this screen's counter; where nobody is, the name typed.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { DayCloseReport } from '../../../../contract/answers';
import { formatDate, formatDateTime, localDate, nextDate } from '../../../../contract/calendar';
import { formatMoney } from '../../../../contract/money';
import { Field, Message } from '../../components/Field';
import { useAppStore } from '../../state/app-state';
import { useScreenCashier } from '../../state/cashier-state';
import { useLogStore } from '../../state/log-state';
import { useManagerStore } from '../../state/manager-state';
import { usePrintStore } from '../../state/print-state';
import { CounterTotalsTable } from '../print/CounterTotalsTable';
import { TaxSummaryTables } from '../print/TaxSummaryTables';
import { useEscapeKey } from '../../hooks/keyboard';

export function DayClosePanel({ onClose }: { onClose: () => void }) {
  const report = useLogStore((s) => s.closeReport);
  const loadError = useLogStore((s) => s.closeError);
  const date = useLogStore((s) => s.filters.date);
  const counters = useAppStore((s) => s.counters);
  const unlocked = useManagerStore((s) => s.token !== null);
  const busy = useManagerStore((s) => s.busy === 'day-close');
  const error = useManagerStore((s) => s.errors['day-close']);
  const printing = usePrintStore((s) => s.busy);
  const exporting = useLogStore((s) => s.busy === 'export');
  const closeNotice = useLogStore((s) => s.closeNotice);
  const cashier = useScreenCashier();
  const [typedName, setTypedName] = useState('');
  const closedBy = cashier === null ? typedName : null;
  const [closeAnyway, setCloseAnyway] = useState(false);
  /** The report as the backend checked it for a close: shown for the manager to confirm. */
  const [confirming, setConfirming] = useState<DayCloseReport | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  useEscapeKey(onClose);

  const check = async () => {
    setConfirming(await useManagerStore.getState().closeDay(date, closedBy, { closeAnyway, preview: true }));
  };

  const close = async () => {
    const closed = await useManagerStore.getState().closeDay(date, closedBy, { closeAnyway });
    setConfirming(null);
    if (closed) await useLogStore.getState().loadCloseReport();
  };

  const money = (minor: number) => formatMoney(minor, report?.currency ?? 'INR');
  return (
    <aside className="attempt-panel day-close-panel" aria-labelledby="day-close-title">
      <div className="attempt-panel-head">
        <h2 id="day-close-title" ref={headingRef} tabIndex={-1}>
          {report?.close ? 'Day summary' : 'Close the day'}: {formatDate(date)}
        </h2>
        <button type="button" className="btn btn-secondary" onClick={onClose} aria-keyshortcuts="Escape">
          Back to the log
        </button>
      </div>
      {loadError ? <Message kind="error">{loadError}</Message> : null}
      {!report ? <p>Loading…</p> : null}
      {report ? (
        <>
          {report.close ? (
            <Message kind="notice">
              Closed by <strong>{report.close.closedBy}</strong> at {formatDateTime(report.close.closedAt)}
              {report.close.awaitingReview > 0 ? `, with ${report.close.awaitingReview} payment(s) still needing review` : ''}. Its records can no longer change.
            </Message>
          ) : null}
          <dl className="day-close-figures">
            <div>
              <dt>Collected</dt>
              <dd>{money(report.totals.collectedMinor)}</dd>
            </div>
            <div>
              <dt>Refunded</dt>
              <dd>{money(report.totals.refundedMinor)}</dd>
            </div>
            <div>
              <dt>Net</dt>
              <dd>{money(report.totals.netMinor)}</dd>
            </div>
          </dl>
          <CounterTotalsTable totals={report.totals} counters={counters} currency={report.currency} caption="By counter and tender, with each drawer’s cash" />
          {report.taxSummary ? <TaxSummaryTables tax={report.taxSummary} currency={report.currency} /> : null}
          {report.refundsInProgress.length > 0 ? (
            <p className="log-total-sub">
              {report.refundsInProgress.length} refund(s) of {money(report.refundsInProgress.reduce((sum, r) => sum + r.amountMinor, 0))} are still with Zoho: a late
              answer is counted on a later day.
            </p>
          ) : null}
          {report.needsReview.length > 0 ? (
            <Message kind="warning">
              {report.needsReview.length === 1 ? '1 payment still needs' : `${report.needsReview.length} payments still need`} a manager’s check:{' '}
              {report.needsReview.map((attempt) => attempt.invoiceNumber).join(', ')}.
            </Message>
          ) : null}
          <button type="button" className="btn btn-secondary" disabled={printing} onClick={() => void usePrintStore.getState().printDay(report)}>
            Print the summary
          </button>
          {report.taxSummary ? (
            <button type="button" className="btn btn-secondary" disabled={exporting} onClick={() => void useLogStore.getState().saveTaxSummary()}>
              Save the tax summary (CSV)
            </button>
          ) : null}
          {closeNotice ? <p role="status">{closeNotice}</p> : null}
          {!report.close && !unlocked ? <p className="review-hint">A manager closes the day (unlock on the Manager screen first).</p> : null}
          {!report.close && unlocked ? (
            <form
              className="day-close-form"
              aria-label="Close the day"
              onSubmit={(event) => {
                event.preventDefault();
                void check();
              }}
            >
              {cashier === null ? (
                <Field label="Your name" error={error?.field === 'closedBy' ? error.message : null} hint="Recorded with the close.">
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      className="input"
                      maxLength={60}
                      value={typedName}
                      onChange={(event) => {
                        setTypedName(event.target.value);
                        setConfirming(null);
                      }}
                      aria-describedby={describedBy}
                      aria-invalid={invalid || undefined}
                    />
                  )}
                </Field>
              ) : (
                <p data-testid="day-close-cashier">
                  The close is recorded as <strong>{cashier}</strong>, signed in at this counter.
                </p>
              )}
              {report.needsReview.length > 0 ? (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={closeAnyway}
                    onChange={(event) => {
                      setCloseAnyway(event.target.checked);
                      setConfirming(null);
                    }}
                  />
                  Close anyway: the close records that these payments were not checked
                </label>
              ) : null}
              {error && error.field !== 'closedBy' ? <Message kind="error">{error.message}</Message> : null}
              {confirming ? (
                <CloseConfirmation report={confirming} confirmRef={confirmRef} busy={busy} onConfirm={() => void close()} onBack={() => setConfirming(null)} />
              ) : (
                <>
                  <button type="submit" className="btn btn-primary" disabled={busy}>
                    {busy ? 'Checking…' : `Close ${formatDate(date)}`}
                  </button>
                  <p className="field-hint">After the close nothing of this day can change; Zoho’s later answers are counted on a later day.</p>
                </>
              )}
            </form>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}

/** What is being closed, in figures, and that it is for good: the last step before the close. */
function CloseConfirmation(props: { report: DayCloseReport; confirmRef: RefObject<HTMLParagraphElement | null>; busy: boolean; onConfirm: () => void; onBack: () => void }) {
  const { report, confirmRef, busy } = props;
  const money = (minor: number) => formatMoney(minor, report.currency);
  const sales = report.totals.byTender.reduce((sum, tender) => sum + tender.count, 0);
  const unchecked = report.needsReview.length;
  return (
    <div className="day-close-confirm" role="group" aria-labelledby="day-close-confirm-title">
      <p id="day-close-confirm-title" ref={confirmRef} tabIndex={-1} className="day-close-confirm-title">
        Close {formatDate(report.date)} for good?
      </p>
      <p>
        {sales === 1 ? '1 sale' : `${sales} sales`}: {money(report.totals.collectedMinor)} collected, {money(report.totals.refundedMinor)} refunded, {money(report.totals.netMinor)} net
        {unchecked > 0 ? `; ${unchecked === 1 ? '1 payment' : `${unchecked} payments`} not checked` : ''}.
      </p>
      <p className="field-hint">
        A close cannot be undone: a mistake is put right by a correction on a later day.
        {report.date === localDate(Date.now()) ? ` Sales from now on count on ${formatDate(nextDate(report.date))}.` : ''}
      </p>
      <div className="day-close-confirm-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={props.onConfirm}>
          {busy ? 'Closing…' : `Yes, close ${formatDate(report.date)}`}
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={props.onBack}>
          Go back
        </button>
      </div>
    </div>
  );
}
