// Cashiers at this counter: the roster (names only) and who is signed in here; the sign-in with a
// PIN, switching cashier, and the manager adding and removing them. While no cashiers are defined the
// counter sells without a sign-in, as before.
import { create } from 'zustand';
import type { CashierRoster } from '../../../contract/answers';
import type { AppError, Result } from '../../../contract/result';
import { call } from '../api/gateway';
import { useAppStore } from './app-state';
import { useManagerStore } from './manager-state';

/** Minutes without a key press, click or touch before the counter signs its cashier out. */
export const CASHIER_IDLE_MINUTES = { default: 5, min: 1, max: 60 } as const;
const IDLE_KEY = 'counter.cashierIdleMinutes';

/** This PC's idle lock for cashiers, as the manager set it (kept in this PC's storage). */
export function readIdleMinutes(): number {
  try {
    const stored = Number(localStorage.getItem(IDLE_KEY));
    return Number.isInteger(stored) && stored >= CASHIER_IDLE_MINUTES.min && stored <= CASHIER_IDLE_MINUTES.max ? stored : CASHIER_IDLE_MINUTES.default;
  } catch {
    return CASHIER_IDLE_MINUTES.default;
  }
}

interface CashierState {
  counterId: string | null;
  roster: CashierRoster | null;
  busy: boolean;
  error: AppError | null;
  idleMinutes: number;
  load: (counterId: string | null) => Promise<void>;
  signIn: (cashierId: string, pin: string) => Promise<boolean>;
  /** Signs the cashier out (switching cashier; the idle lock): the counter waits for the next sign-in. */
  signOut: () => Promise<void>;
  add: (name: string, pin: string) => Promise<boolean>;
  remove: (cashierId: string) => Promise<boolean>;
  setIdleMinutes: (minutes: number) => void;
}

export const useCashierStore = create<CashierState>()((set, get) => {
  const apply = async (request: () => Promise<Result<CashierRoster>>, keepSignedIn = false): Promise<boolean> => {
    set({ busy: true, error: null });
    const result = await call(request);
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      return false;
    }
    const signedIn = keepSignedIn ? (get().roster?.signedIn ?? null) : result.value.signedIn;
    set({ roster: { ...result.value, signedIn } });
    return true;
  };

  return {
    counterId: null,
    roster: null,
    busy: false,
    error: null,
    idleMinutes: readIdleMinutes(),

    async load(counterId) {
      set({ counterId, error: null });
      const result = await call((api) => api.cashierList(counterId ? { counterId } : {}));
      if (get().counterId !== counterId) return;
      if (result.ok) set({ roster: result.value });
      else set({ error: result.error });
    },

    async signIn(cashierId, pin) {
      const counterId = get().counterId;
      if (!counterId || get().busy) return false;
      return apply(() => call((api) => api.cashierSignIn({ counterId, cashierId, pin })));
    },

    async signOut() {
      const counterId = get().counterId;
      if (!counterId) return;
      await apply(() => call((api) => api.cashierSignOut({ counterId })));
    },

    async add(name, pin) {
      const managerToken = useManagerStore.getState().token;
      if (!managerToken || get().busy) return false;
      return apply(() => call((api) => api.cashierAdd({ managerToken, name, pin })), true);
    },

    async remove(cashierId) {
      const managerToken = useManagerStore.getState().token;
      if (!managerToken || get().busy) return false;
      return apply(() => call((api) => api.cashierRemove({ managerToken, cashierId })), true);
    },

    setIdleMinutes(minutes) {
      try {
        localStorage.setItem(IDLE_KEY, String(minutes));
      } catch {
        // Storage unavailable: the choice lasts for this session only.
      }
      set({ idleMinutes: minutes });
    },
  };
});

/** The cashier signed in at this screen's counter (the station's), as last loaded: whom the backend names; null for none. */
export function useScreenCashier(): string | null {
  const stationCounterId = useAppStore((s) => s.stationCounterId);
  return useCashierStore((s) => (s.counterId !== null && s.counterId === stationCounterId ? (s.roster?.signedIn?.name ?? null) : null));
}
