// Every counter at a glance, kept live by events.
import { create } from 'zustand';
import type { ChargeAttempt, Invoice } from '../../../contract/records';
import type { CounterStatus, DayTotals } from '../../../contract/answers';
import { call } from '../api/gateway';
import { localDate } from '../../../contract/calendar';

interface DashboardState {
  statuses: CounterStatus[];
  /** Today's totals from the log: the summary counts the whole day, not only the cards on screen. */
  today: DayTotals | null;
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
  loadToday: () => Promise<void>;
  /** A charge-updated event: the attempt and its invoice as the backend has them now. */
  applyAttempt: (attempt: ChargeAttempt, invoice: Invoice) => void;
}

let reloadTimer: ReturnType<typeof setTimeout> | null = null;
let active = false;

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  statuses: [],
  today: null,
  loaded: false,
  error: null,

  async load() {
    const [result] = await Promise.all([call((api) => api.dashboard({})), get().loadToday()]);
    if (!result.ok) {
      set({ error: result.error.message, loaded: true });
      return;
    }
    set({ statuses: result.value, loaded: true, error: null });
  },

  async loadToday() {
    const day = await call((api) => api.logDay({ date: localDate(Date.now()), rows: 1 }));
    set({ today: day.ok ? day.value.totals : null });
  },

  applyAttempt(attempt, invoice) {
    const statuses = get().statuses;
    const index = statuses.findIndex((s) => s.counter.id === attempt.counterId);
    const status = statuses[index];
    if (status?.attempt?.id === attempt.id) {
      if (attempt.updatedAt < status.attempt.updatedAt) return;
      const next = [...statuses];
      // A final answer changes the invoice's status too: the event carries it as it now stands.
      next[index] = { ...status, attempt, invoice: status.invoice?.id === invoice.id ? invoice : status.invoice };
      set({ statuses: next });
      // The card changes at once; the day's counts are asked for again (not the counters).
      if (attempt.state !== status.attempt.state) scheduleReload(get().loadToday);
      return;
    }
    scheduleReload(get().load);
  },
}));

function scheduleReload(load: () => Promise<void>): void {
  if (!active) return;
  if (reloadTimer) clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    void load();
  }, 250);
}

/** The dashboard only reloads on events while it is on screen. */
export function setDashboardActive(on: boolean): void {
  active = on;
}

export function reloadDashboardSoon(): void {
  scheduleReload(useDashboardStore.getState().load);
}
