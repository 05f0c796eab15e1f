// App-wide state: what the backend is (demo or live, currency), the Zoho connection, the store link,
// the counters, which counter this station is (claimed from the store on a PC of a store), and which
// screen is showing.
import { create } from 'zustand';
import type { Currency } from '../../../contract/vocabulary';
import type { Counter } from '../../../contract/records';
import type { AppInfo, ConnectionStatus, StoreStatus } from '../../../contract/answers';
import type { TransportState } from '../api';
import { call } from '../api/gateway';

export const ROUTES = ['counter', 'dashboard', 'log', 'manager'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  counter: 'Counter',
  dashboard: 'Dashboard',
  log: 'Payment log',
  manager: 'Manager',
};

const STATION_KEY = 'counter.stationCounterId';

function readStation(): string | null {
  try {
    return localStorage.getItem(STATION_KEY);
  } catch {
    return null;
  }
}

function writeStation(counterId: string | null): void {
  try {
    if (counterId === null) localStorage.removeItem(STATION_KEY);
    else localStorage.setItem(STATION_KEY, counterId);
  } catch {
    // Storage unavailable (private window): the choice lasts for this session only.
  }
}

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'counter';
}

interface AppState {
  appInfo: AppInfo | null;
  connection: ConnectionStatus | null;
  /** Store mode: the link to the store, its PCs and which PC holds each counter. */
  store: StoreStatus | null;
  /** Why the counter last chosen could not be taken (another PC holds it). */
  claimError: string | null;
  /** Every counter, inactive ones included (the screens filter). */
  counters: Counter[];
  countersLoaded: boolean;
  stationCounterId: string | null;
  /** Why the app could not start (the backend did not answer). */
  loadError: string | null;
  route: Route;
  /** Whether backend events are flowing (the browser host's event stream can drop). */
  transport: TransportState;

  init: () => Promise<void>;
  refreshCounters: () => Promise<void>;
  refreshConnection: () => Promise<void>;
  refreshStore: () => Promise<void>;
  /** Makes `counterId` this station's; on a PC of a store it is claimed first. Resolves whether it was. */
  chooseCounter: (counterId: string | null) => Promise<boolean>;
  setRoute: (route: Route) => void;
  setAppInfo: (info: AppInfo) => void;
  setConnection: (connection: ConnectionStatus) => void;
  setStore: (store: StoreStatus) => void;
  setTransport: (state: TransportState) => void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  appInfo: null,
  connection: null,
  store: null,
  claimError: null,
  counters: [],
  countersLoaded: false,
  stationCounterId: readStation(),
  loadError: null,
  route: routeFromHash(typeof location === 'undefined' ? '' : location.hash),
  transport: 'connecting',

  async init() {
    const [info, connection] = await Promise.all([call((api) => api.appInfo({})), call((api) => api.connectionStatus({}))]);
    if (!info.ok) {
      set({ loadError: info.error.message });
      return;
    }
    set({ appInfo: info.value, loadError: null, ...(connection.ok ? { connection: connection.value } : {}) });
    await Promise.all([get().refreshCounters(), get().refreshStore()]);
  },

  async refreshCounters() {
    const result = await call((api) => api.countersList({ includeInactive: true }));
    if (!result.ok) return;
    const counters = result.value;
    const station = get().stationCounterId;
    const stationStillActive = station !== null && counters.some((c) => c.id === station && c.active);
    set({ counters, countersLoaded: true });
    if (station !== null && !stationStillActive) void get().chooseCounter(null);
  },

  async refreshStore() {
    const result = await call((api) => api.storeStatus({}));
    if (result.ok) set({ store: result.value });
  },

  async refreshConnection() {
    const result = await call((api) => api.connectionStatus({}));
    if (result.ok) set({ connection: result.value });
  },

  async chooseCounter(counterId) {
    const previous = get().stationCounterId;
    set({ claimError: null });
    if (counterId !== null && get().store?.link !== 'off' && get().store !== null) {
      const claimed = await call((api) => api.counterClaim(previous && previous !== counterId ? { counterId, releaseCounterId: previous } : { counterId }));
      if (!claimed.ok) {
        set({ claimError: claimed.error.message });
        return false;
      }
      set({ store: claimed.value });
    }
    writeStation(counterId);
    set({ stationCounterId: counterId });
    return true;
  },

  setRoute(route) {
    set({ route });
  },

  setAppInfo(info) {
    set({ appInfo: info });
  },

  setConnection(connection) {
    set({ connection });
  },

  setStore(store) {
    set({ store });
  },

  setTransport(transport) {
    set({ transport });
  },
}));

/** The station's counter, if chosen and still active. */
export function useStationCounter(): Counter | null {
  return useAppStore((s) => s.counters.find((c) => c.id === s.stationCounterId && c.active) ?? null);
}

/** The running backend's currency (INR until app-info has answered). */
export function useCurrency(): Currency {
  return useAppStore((s) => s.appInfo?.currency ?? 'INR');
}

export function navigate(route: Route): void {
  const hash = `#/${route}`;
  if (location.hash !== hash) location.hash = hash;
  useAppStore.getState().setRoute(route);
}
