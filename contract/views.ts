// Composite answers built for particular screens.
import type { AttemptState, Currency, Edition, PaymentMethod } from './domain';
import type { ChargeAttempt, Counter, Invoice } from './model';

export interface AppInfo {
  mode: 'demo' | 'live';
  version: string;
  currency: Currency;
  /** Demo mode only: where the virtual terminal of a terminal id is, `${base}/terminal/${id}`. */
  simulatorUrl: string | null;
}

export const CONNECTION_STATES = ['demo', 'not_configured', 'connected', 'reconnect_required', 'throttled'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface ConnectionStatus {
  state: ConnectionState;
  edition: Edition | null;
  accountId: string | null;
  clientId: string | null;
  /** True while calls to Zoho are failing (network, 5xx, timeouts); payments keep being checked. */
  degraded: boolean;
  /** Plain words for the manager: what is wrong and what to do. */
  message: string;
  /** When a throttled token endpoint may be asked again (unix ms). */
  retryAt: number | null;
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

/** The most attempts the log screen lists at once; the CSV export has every one. */
export const DAY_LOG_LIMIT = 1000;

export interface DayTotals {
  /** Sum of succeeded attempts. */
  collectedMinor: number;
  attemptCount: number;
  byState: StateTotal[];
  /** Succeeded attempts by method. */
  byMethod: MethodTotal[];
  /** Collections per hour of the day, index 0 = 00:00–01:00 local time. */
  collectedByHour: number[];
}

export interface DayLog {
  date: string;
  currency: Currency;
  /** Newest first, at most DAY_LOG_LIMIT of them; `truncated` says when there were more (the CSV has all). */
  attempts: ChargeAttempt[];
  truncated: boolean;
  totals: DayTotals;
}

export interface CsvExport {
  fileName: string;
  csv: string;
  rowCount: number;
}
