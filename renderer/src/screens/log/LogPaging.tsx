import { DAY_LOG_MAX_ROWS, DAY_LOG_PAGE } from '../../../../contract/answers';
import { filtersApplied, useLogStore } from '../../state/log-state';

/** Under the table: how much of the day is listed and "Show more", or why nothing is. */
export function LogPaging() {
  const filters = useLogStore((s) => s.filters);
  const log = useLogStore((s) => s.log);
  const loading = useLogStore((s) => s.loading);
  const showMore = useLogStore((s) => s.showMore);
  const canShowMore = (log?.attempts.length ?? 0) < DAY_LOG_MAX_ROWS;
  return (
    <>
      {log?.truncated ? (
        <div className="log-more-rows" role="status">
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
        <p className="log-empty">{filtersApplied(filters) ? 'No payments match these filters.' : 'No payments on this day.'}</p>
      ) : null}
      {!log && loading ? <p className="loading">Loading…</p> : null}
    </>
  );
}
