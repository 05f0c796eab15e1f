import { ATTEMPT_STATES, PAYMENT_METHODS, type AttemptState, type PaymentMethod } from '../../../../contract/vocabulary';
import { METHOD_LABELS, stateLabel } from '../../format/labels';
import { useAppStore } from '../../state/app-state';
import { filtersApplied, useLogStore } from '../../state/log-state';

/** The day, counter, state, method and invoice number the log shows. */
export function LogFilters() {
  const filters = useLogStore((s) => s.filters);
  const counters = useAppStore((s) => s.counters);
  // Store mode: the store's PCs, while the log is the whole store's.
  const stations = useLogStore((s) => (s.log?.store?.wholeStore ? s.log.store.stations : null));
  const { setFilters, resetFilters } = useLogStore.getState();
  return (
    <form className="log-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
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
      {stations ? (
        <div className="field">
          <label htmlFor="log-station">PC</label>
          <select id="log-station" className="input" value={filters.stationId} onChange={(e) => setFilters({ stationId: e.target.value })}>
            <option value="">All PCs</option>
            {stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
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
      <div className="field log-filter-search">
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
      {filtersApplied(filters) ? (
        <button type="button" className="btn btn-secondary log-filters-clear" onClick={resetFilters}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
