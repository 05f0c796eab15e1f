// Every counter at a glance, kept live by events.
import { create } from 'zustand';
import type { ChargeAttempt, Invoice } from '../../../contract/records';
import type { CounterStatus } from '../../../contract/answers';
import { call } from '../api/gateway';

interface DashboardState {
  statuses: CounterStatus[];
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
  /** A charge-updated event: the attempt and its invoice as the backend has them now. */
  applyAttempt: (attempt: ChargeAttempt, invoice: Invoice) => void;
}

let reloadTimer: ReturnType<typeof setTimeout> | null = null;
let active = false;

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  statuses: [],
  loaded: false,
  error: null,

  async load() {
    const result = await call((api) => api.dashboard({}));
    if (!result.ok) {
      set({ error: result.error.message, loaded: true });
      return;
    }
    set({ statuses: result.value, loaded: true, error: null });
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
