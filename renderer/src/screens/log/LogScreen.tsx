import { useCallback, useEffect } from 'react';
import { formatDate, formatDateTime, localDate, nextDate } from '../../../../contract/calendar';
import { Message } from '../../components/Field';
import { useAppStore, useCurrency } from '../../state/app-state';
import { setLogActive, useLogStore } from '../../state/log-state';
import { AttemptPanel } from './AttemptPanel';
import { DayClosePanel } from './DayClosePanel';
import { CashRefundsTable, CashSalesTable, CorrectionsTable, RefundsTable } from './LedgerTables';
import { LogFilters } from './LogFilters';
import { LogTable } from './LogTable';
import { LogTotals } from './LogTotals';

/** The day's payments: filters, totals, the table with paging, and one attempt's history beside it. */
export function LogScreen() {
  const currencyFallback = useCurrency();
  const log = useLogStore((s) => s.log);
  // Store mode: the PC of each record (as LogTable names it for payments).
  const stations = log?.store?.stations ?? null;
  const error = useLogStore((s) => s.error);
  const notice = useLogStore((s) => s.notice);
  const busy = useLogStore((s) => s.busy);
  const selectedId = useLogStore((s) => s.selectedId);
  const closeOpen = useLogStore((s) => s.closeOpen);
  const counters = useAppStore((s) => s.counters);
  const { select, exportCsv, openClose, closeClosePanel } = useLogStore.getState();
  const currency = log?.currency ?? currencyFallback;

  useEffect(() => {
    setLogActive(true);
    void useLogStore.getState().load();
    return () => setLogActive(false);
  }, []);

  const closePanel = useCallback(() => {
    const id = useLogStore.getState().selectedId;
    void select(null);
    if (id) document.getElementById(`row-${id}`)?.focus();
  }, [select]);

  const closeDayPanel = useCallback(() => {
    closeClosePanel();
    document.getElementById('close-day-button')?.focus();
  }, [closeClosePanel]);

  const selected = log?.attempts.find((a) => a.id === selectedId) ?? null;

  return (
    <div className={`screen screen-log${selected || closeOpen ? ' with-panel' : ''}`}>
      <div className="screen-bar">
        <h1 className="screen-title">Payment log</h1>
        <div className="screen-bar-actions">
          <button id="close-day-button" type="button" className="btn btn-secondary" onClick={() => void openClose()} disabled={!log}>
            {log?.close ? 'Day summary' : 'Close the day'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void exportCsv()} disabled={busy !== null || !log}>
            {busy === 'export' ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      </div>
      <LogFilters />
      {log?.close ? (
        <Message kind="notice">
          This day was closed by {log.close.closedBy} at {formatDateTime(log.close.closedAt)}: its records can no longer change.
          {localDate(log.close.closedAt) === log.date ? (
            <>
              {' '}
              Sales since the close count on {formatDate(nextDate(log.date))}.{' '}
              <button type="button" className="btn btn-secondary" onClick={() => useLogStore.getState().setFilters({ date: nextDate(log.date) })}>
                Show {formatDate(nextDate(log.date))}
              </button>
            </>
          ) : null}
        </Message>
      ) : null}
      {log?.store && !log.store.wholeStore ? (
        <Message kind="warning">The store link is down: this list shows this PC’s payments only. The other PCs’ payments appear when the link is back.</Message>
      ) : null}
      {error ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
      {log ? <LogTotals totals={log.totals} currency={currency} counters={counters} /> : null}
      <div className="log-body">
        <LogTable counters={counters} />
        {log ? <CashSalesTable sales={log.cashSales} paidBack={log.cashRefunds} counters={counters} currency={currency} stations={stations} /> : null}
        {log ? <CashRefundsTable refunds={log.cashRefunds} counters={counters} currency={currency} stations={stations} /> : null}
        {log ? <RefundsTable refunds={log.refunds} counters={counters} currency={currency} stations={stations} /> : null}
        {log ? <CorrectionsTable corrections={log.corrections} counters={counters} currency={currency} stations={stations} /> : null}
      </div>
      {selected ? <AttemptPanel key={selected.id} attempt={selected} counter={counters.find((c) => c.id === selected.counterId)} onClose={closePanel} /> : null}
      {closeOpen && !selected ? <DayClosePanel onClose={closeDayPanel} /> : null}
    </div>
  );
}
