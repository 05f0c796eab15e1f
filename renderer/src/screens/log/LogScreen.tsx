import { useCallback, useEffect } from 'react';
import { ATTEMPT_STATES, isReviewState, PAYMENT_METHODS, type AttemptState, type PaymentMethod } from '../../../../contract/domain';
import type { ChargeAttempt } from '../../../../contract/model';
import { DAY_LOG_MAX_ROWS, DAY_LOG_PAGE } from '../../../../contract/views';
import { Message } from '../../components/Field';
import { StateBadge } from '../../components/StateBadge';
import { failureReason, formatTime, METHOD_LABELS, methodLabel, stateLabel } from '../../lib/format';
import { money, useCurrency } from '../../lib/money';
import { useAppStore } from '../../stores/app-store';
import { setLogActive, useLogStore } from '../../stores/log-store';
import { AttemptPanel } from './AttemptPanel';
import { HourChart } from './HourChart';

function reasonText(attempt: ChargeAttempt): string {
  // Only unknown and unresolved attempts can carry a manager's check (the database refuses others).
  if (attempt.review) return `Checked by hand: ${attempt.review.note}`;
  switch (attempt.state) {
    case 'failed':
      return failureReason(attempt.failureCode);
    case 'rejected':
      return attempt.failureMessage ?? 'Refused by Zoho';
    case 'unknown':
      return 'No clear answer to the charge request';
    case 'unresolved':
      return 'No final answer from Zoho';
    default:
      return attempt.declinedTries.length > 0 ? `${attempt.declinedTries.length} declined ${attempt.declinedTries.length === 1 ? 'try' : 'tries'} first` : '';
  }
}

export function LogScreen() {
  const currencyFallback = useCurrency();
  const filters = useLogStore((s) => s.filters);
  const log = useLogStore((s) => s.log);
  const loading = useLogStore((s) => s.loading);
  const error = useLogStore((s) => s.error);
  const notice = useLogStore((s) => s.notice);
  const busy = useLogStore((s) => s.busy);
  const selectedId = useLogStore((s) => s.selectedId);
  const counters = useAppStore((s) => s.counters);
  const { setFilters, resetFilters, select, recheck, exportCsv, showMore } = useLogStore.getState();
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

  const counterName = (id: string) => counters.find((c) => c.id === id)?.name ?? id;
  const selected = log?.attempts.find((a) => a.id === selectedId) ?? null;
  const totals = log?.totals;
  const filtered = filters.counterId !== '' || filters.state !== '' || filters.method !== '' || filters.search.trim() !== '';
  const stateCount = (state: AttemptState) => totals?.byState.find((s) => s.state === state)?.count ?? 0;
  const reviewCount = totals?.awaitingReview ?? 0;
  const canShowMore = (log?.attempts.length ?? 0) < DAY_LOG_MAX_ROWS;

  return (
    <div className={`screen screen-log${selected ? ' with-panel' : ''}`}>
      <div className="screen-bar">
        <h1 className="screen-title">Payment log</h1>
        <button type="button" className="btn btn-secondary" onClick={() => void exportCsv()} disabled={busy !== null || !log}>
          {busy === 'export' ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>

      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="log-date">Day</label>
          <input
            id="log-date"
            className="input"
            type="date"
            value={filters.date}
            required
            onChange={(e) => {
              if (e.target.value) setFilters({ date: e.target.value });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="log-counter">Counter</label>
          <select id="log-counter" className="input" value={filters.counterId} onChange={(e) => setFilters({ counterId: e.target.value })}>
            <option value="">All counters</option>
            {counters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.active ? '' : ' (deactivated)'}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-state">State</label>
          <select id="log-state" className="input" value={filters.state} onChange={(e) => setFilters({ state: e.target.value as AttemptState | '' })}>
            <option value="">All states</option>
            {ATTEMPT_STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-method">Method</label>
          <select id="log-method" className="input" value={filters.method} onChange={(e) => setFilters({ method: e.target.value as PaymentMethod | '' })}>
            <option value="">Card and UPI</option>
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor="log-search">Invoice number</label>
          <input
            id="log-search"
            className="input"
            type="search"
            placeholder="Search, e.g. B-000012"
            value={filters.search}
            maxLength={50}
            onChange={(e) => setFilters({ search: e.target.value })}
          />
        </div>
        {filtered ? (
          <button type="button" className="btn btn-secondary filters-clear" onClick={resetFilters}>
            Clear filters
          </button>
        ) : null}
      </form>

      {error ? <Message kind="error">{error.message}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}

      {totals ? (
        <section className="totals" aria-label="Totals">
          <div className="total-block total-collected">
            <span className="total-label">Collected</span>
            <strong className="total-value" data-testid="collected">
              {money(totals.collectedMinor, currency)}
            </strong>
            <span className="total-sub">
              {stateCount('succeeded')} paid of {totals.attemptCount} {totals.attemptCount === 1 ? 'attempt' : 'attempts'}
            </span>
          </div>
          <div className="total-block">
            <span className="total-label">By state</span>
            <ul className="chips" aria-label="Attempts by state">
              {totals.byState
                .filter((s) => s.count > 0)
                .map((s) => (
                  <li key={s.state}>
                    <StateBadge state={s.state} /> <span className="chip-count">{s.count}</span>
                  </li>
                ))}
              {totals.attemptCount === 0 ? <li>None</li> : null}
            </ul>
            {reviewCount > 0 ? <span className="total-sub total-warn">{reviewCount} need review</span> : null}
          </div>
          <div className="total-block">
            <span className="total-label">Collected by method</span>
            <ul className="method-totals" aria-label="Collected by method">
              {PAYMENT_METHODS.map((m) => {
                const t = totals.byMethod.find((x) => x.method === m);
                return (
                  <li key={m}>
                    <span className="method-name">{METHOD_LABELS[m]}</span> {money(t?.amountMinor ?? 0, currency)}{' '}
                    <span className="total-sub">({t?.count ?? 0})</span>
                  </li>
                );
              })}
            </ul>
          </div>
          <HourChart collectedByHour={totals.collectedByHour} currency={currency} />
        </section>
      ) : null}

      <div className="table-wrap" aria-busy={loading}>
        <table className="log-table">
          <caption className="visually-hidden">
            Payment attempts on {filters.date}
            {filtered ? ' (filtered)' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Invoice</th>
              <th scope="col">Counter</th>
              <th scope="col">Terminal</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Method</th>
              <th scope="col">State</th>
              <th scope="col">Reason</th>
              <th scope="col">Payment ID</th>
            </tr>
          </thead>
          <tbody>
            {log?.attempts.map((a) => (
              <tr key={a.id} className={a.id === selectedId ? 'row-selected' : undefined} onClick={() => void select(a.id)}>
                <td className="nowrap">{formatTime(a.createdAt, currency)}</td>
                <td>
                  <button
                    id={`row-${a.id}`}
                    type="button"
                    className="link-button"
                    aria-expanded={a.id === selectedId}
                    onClick={(e) => {
                      e.stopPropagation();
                      void select(a.id);
                    }}
                  >
                    {a.invoiceNumber}
                    <span className="visually-hidden">: show history</span>
                  </button>
                </td>
                <td>{counterName(a.counterId)}</td>
                <td className="mono">{a.terminalId}</td>
                <td className="num nowrap">{money(a.amountMinor, a.currency)}</td>
                <td>{methodLabel(a.paidMethod ?? a.method)}</td>
                <td>
                  <StateBadge state={a.state} />
                  {isReviewState(a.state) && a.paymentsSessionId ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={(e) => {
                        e.stopPropagation();
                        void recheck(a.id);
                      }}
                      disabled={busy !== null}
                      aria-label={`Re-check ${a.invoiceNumber} with Zoho`}
                    >
                      Re-check
                    </button>
                  ) : null}
                </td>
                <td className="reason-cell">{reasonText(a)}</td>
                <td className="mono">{a.paymentId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {log?.truncated ? (
          <div className="more-rows" role="status">
            <p>
              {filters.search.trim()
                ? `Showing the latest ${log.attempts.length.toLocaleString('en-IN')} matching payments.`
                : `Showing the latest ${log.attempts.length.toLocaleString('en-IN')} of ${log.totals.attemptCount.toLocaleString('en-IN')} payments.`}
              {canShowMore ? '' : ' Narrow the filters, or export the CSV for every one.'}
            </p>
            {canShowMore ? (
              <button type="button" className="btn btn-secondary" onClick={() => void showMore()} disabled={loading}>
                {loading ? 'Loading…' : `Show ${DAY_LOG_PAGE} more`}
              </button>
            ) : null}
          </div>
        ) : null}
        {log && log.attempts.length === 0 ? (
          <p className="empty">{filtered ? 'No payments match these filters.' : 'No payments on this day.'}</p>
        ) : null}
        {!log && loading ? <p className="loading">Loading…</p> : null}
      </div>

      {selected ? <AttemptPanel key={selected.id} attempt={selected} counter={counters.find((c) => c.id === selected.counterId)} onClose={closePanel} /> : null}
    </div>
  );
}
