// Composite answers built for particular screens.
import type { AttemptState, Currency, Edition, PaymentMethod } from './domain';
import type { ZohoTrouble } from './failures';
import type { ChargeAttempt, Counter, Invoice } from './model';

export interface AppInfo {
  mode: 'demo' | 'live';
  version: string;
  currency: Currency;
  /** Demo mode only: where the virtual terminal of a terminal id is, `${base}/terminal/${id}`. */
  simulatorUrl: string | null;
  /** Settings from outside the app in use (Zoho addresses, the data folder), shown on the Manager screen. */
  overrides: SettingOverride[];
}

/** A setting from outside the app (an environment variable or a start-up option) and its value. */
export interface SettingOverride {
  setting: string;
  value: string;
}

export const CONNECTION_STATES = ['demo', 'not_configured', 'connected', 'reconnect_required', 'throttled'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface ConnectionStatus {
  state: ConnectionState;
  edition: Edition | null;
  accountId: string | null;
  clientId: string | null;
  /** True while calls to Zoho are failing (network, 5xx, timeouts, refused access, unreadable answers); payments keep being checked. */
  degraded: boolean;
  /** Which kind of trouble, while degraded (contract/failures.ts has the words for each). */
  trouble: ZohoTrouble | null;
  /** Plain words for the manager: what is wrong and what to do. */
  message: string;
  /** When a throttled token endpoint may be asked again (unix ms). */
  retryAt: number | null;
}

export const MANAGER_PIN_STATES = ['not_set', 'set', 'reset', 'needs_recovery'] as const;
/**
 * not_set: a fresh install, the first PIN may be set. set: unlock with it. reset: the PIN was reset
 * on this computer outside the app, a new one may be set. needs_recovery: the PIN cannot be read
 * (or is missing where a store already runs), and only a reset on this computer opens the screens.
 */
export type ManagerPinState = (typeof MANAGER_PIN_STATES)[number];

export interface ManagerStatus {
  pin: ManagerPinState;
  /** needs_recovery: why the manager screens stay locked, and how to reset the PIN. */
  message: string | null;
  /** reset: when, and by which account of this computer. */
  reset: { at: number; by: string } | null;
}

export interface CounterStatus {
  counter: Counter;
  /** The invoice being worked on: the counter's open invoice, or the one its latest attempt belongs to. */
  invoice: Invoice | null;
  /** The latest charge attempt of that invoice. */
  attempt: ChargeAttempt | null;
}

export interface Settings {
  pollIntervalSeconds: number;
}

export interface StateTotal {
  state: AttemptState;
  count: number;
  amountMinor: number;
}

export interface MethodTotal {
  method: PaymentMethod;
  count: number;
  amountMinor: number;
}

/** The log screen lists the day's attempts this many at a time ("Show more" asks for the next). */
export const DAY_LOG_PAGE = 200;
/** The most it lists at all; the CSV export has every one. */
export const DAY_LOG_MAX_ROWS = 5000;

export interface DayTotals {
  /** Sum of succeeded attempts. */
  collectedMinor: number;
  attemptCount: number;
  /** Unknown or unresolved attempts that no manager has checked yet. */
  awaitingReview: number;
  byState: StateTotal[];
  /** Succeeded attempts by method. */
  byMethod: MethodTotal[];
  /** Collections per hour of the day, index 0 = 00:00–01:00 local time. */
  collectedByHour: number[];
}

export interface DayLog {
  date: string;
  currency: Currency;
  /** Newest first, as many as asked for (DAY_LOG_PAGE by default); `truncated` says when there are more. */
  attempts: ChargeAttempt[];
  truncated: boolean;
  totals: DayTotals;
  /** Store mode: whose payments these are. Absent on a PC of its own. */
  store?: StoreLogScope;
}

/** A store's log covers every PC, or (link down) this PC only. */
export interface StoreLogScope {
  storeName: string;
  wholeStore: boolean;
  /** The store's PCs, to name each payment's and to filter by. */
  stations: { id: string; name: string }[];
}

export interface CsvExport {
  fileName: string;
  csv: string;
  rowCount: number;
}

/** A PC of the store, as its heartbeats describe it. */
export interface StationView {
  id: string;
  name: string;
  /** When it was last heard from (the store's clock, unix ms). */
  lastSeen: number;
  liveSessions: number;
  /** Not heard from for longer than a lease: its claim (if any) is stale. */
  stale: boolean;
  thisStation: boolean;
}

/** Which PC holds a counter. */
export interface CounterClaimView {
  counterId: string;
  stationId: string;
  stationName: string;
  claimedAt: number;
  stale: boolean;
  thisStation: boolean;
}

/** Store mode: where this PC's link to the store stands. `link` is 'off' on a PC of its own. */
export interface StoreStatus {
  link: 'off' | 'up' | 'down';
  storeName: string | null;
  stationId: string | null;
  stationName: string | null;
  /** The store's address without its password. */
  address: string | null;
  /** Since when the link is down (unix ms). */
  downSince: number | null;
  /** Changes made on this PC that the store does not hold yet. */
  pendingChanges: number;
  /** Plain words: what the link is doing, what is wrong and what to do. */
  message: string;
  /** This PC's share of the Zoho account's calls a minute. */
  callsPerMinute: number;
  stations: StationView[];
  claims: CounterClaimView[];
}
