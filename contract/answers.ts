// Composite answers built for particular screens.
import type { Bill } from './catalogue/bill';
import type { BillingSummary } from './billing/summary';
import type { AttemptState, Currency, Edition, PaymentMethod, Tender } from './vocabulary';
import type { ZohoTrouble } from './failures';
import type { CashierSummary, CashMovement, CashRefund, CashSale, ChargeAttempt, Correction, Counter, DayClose, Invoice, Refund, Shift } from './records';

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
  /**
   * Whether the connection may refund: false once Zoho's token answer (its `scope`) or a refusal
   * showed that the refund scopes were not granted; a manager must reconnect. Charging goes on.
   */
  refundsEnabled: boolean;
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
  /** Daily backups of this many days are kept. */
  backupKeepDays: number;
  /** The method each new sale starts with (the cashier switches with F8). */
  defaultMethod: PaymentMethod;
  /** Printed at the top of every receipt. */
  storeName: string;
  storeAddress: string;
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

export interface TenderTotal {
  tender: Tender;
  count: number;
  amountMinor: number;
}

/** One counter's day: what it took by tender, what was refunded of its payments, and its drawer. */
export interface CounterTotal {
  counterId: string;
  cardMinor: number;
  upiMinor: number;
  cashMinor: number;
  refundedMinor: number;
  /** The cash that should be in the counter's drawer from the day's sales (cash sales less cash paid back; change already given). */
  cashExpectedMinor: number;
  /** Late successes of closed days' payments, counted on this day. */
  correctedMinor: number;
}

export interface DayTotals {
  /** Card and UPI payments that succeeded, cash sales, and late successes of closed days counted today. */
  collectedMinor: number;
  /** Refunds that succeeded (and late ones of closed days counted today). */
  refundedMinor: number;
  /** Refunds Zoho has not finished yet (or whose answer was lost). */
  refundsInProgressMinor: number;
  /** Collected less refunded. */
  netMinor: number;
  attemptCount: number;
  /** Unknown or unresolved attempts that no manager has checked yet. */
  awaitingReview: number;
  byState: StateTotal[];
  /** Succeeded attempts by method. */
  byMethod: MethodTotal[];
  /** Card, UPI and cash. */
  byTender: TenderTotal[];
  /** Every counter with something on the day, in the counters' order. */
  byCounter: CounterTotal[];
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
  /** The day's refunds, cash sales and cash paid back (newest first), and late answers for closed days counted on it. */
  refunds: Refund[];
  cashSales: CashSale[];
  cashRefunds: CashRefund[];
  corrections: Correction[];
  /** Set once a manager closed the day. */
  close: DayClose | null;
  /** Store mode: whose payments these are. Absent on a PC of its own. */
  store?: StoreLogScope;
}

/** The cashiers, and who is signed in at the counter asked about (null: nobody, or no counter asked). */
export interface CashierRoster {
  cashiers: CashierSummary[];
  signedIn: CashierSummary | null;
}

/** A shift with its drawer's figures: what the cashier sees, and the shift slip prints. */
export interface ShiftReport {
  shift: Shift;
  counterName: string;
  currency: Currency;
  /** Oldest first. */
  movements: CashMovement[];
  /** Cash sales at the counter since the shift opened (until its close). */
  cashSales: { count: number; amountMinor: number };
  cashInMinor: number;
  cashOutMinor: number;
  /** Float + cash sales + cash in − cash out: what the drawer should hold (as it stood at the close, once closed). */
  expectedMinor: number;
  /** Counted − expected, once closed: negative is short, positive is over. */
  overShortMinor: number | null;
}

/** What a manager sees before and after closing a day, and prints. */
export interface DayCloseReport {
  date: string;
  currency: Currency;
  totals: DayTotals;
  /** Payments whose outcome nobody has checked: the close warns about them. */
  needsReview: ChargeAttempt[];
  /** Refunds Zoho has not finished: a late answer becomes a correction on a later day. */
  refundsInProgress: Refund[];
  /** Payments or refunds still being sent: the day cannot be closed until they have an answer. */
  liveCount: number;
  close: DayClose | null;
  /** The day's tax invoices HSN-wise and rate-wise, for the accountant; null when the day made none. */
  taxSummary: DayTaxSummary | null;
}

/** GSTR-1's HSN-wise and rate-wise summary of a day's tax invoices, and the same as CSV. */
export interface DayTaxSummary {
  summary: BillingSummary;
  csv: CsvExport;
}

/** Everything a printed receipt shows. */
export interface Receipt {
  storeName: string;
  storeAddress: string;
  invoice: Invoice;
  counterName: string;
  tender: Tender;
  /** Zoho's payment id (card, UPI). */
  paymentId: string | null;
  /** Cash: what the customer handed over, and the change given. */
  tenderedMinor: number | null;
  changeMinor: number | null;
  paidAt: number;
  /** Refunds of the payment that went through or are under way. */
  refunds: Refund[];
  /** A checkout's bill (tax, discounts, round-off): printed as a tax invoice. Null for an invoice of free lines. */
  bill: Bill | null;
  /**
   * Every tender that paid the invoice, in the order paid: one for a single-tender sale, several
   * for a split one (cash, then card or UPI for the rest). The fields above describe the last.
   */
  parts: ReceiptPart[];
}

/** One tender of a receipt: what it paid, and its refunds (a card/UPI part's go back through Zoho). */
export interface ReceiptPart {
  tender: Tender;
  amountMinor: number;
  /** Zoho's payment id (card, UPI). */
  paymentId: string | null;
  /** Cash: what the customer handed over, and the change given. */
  tenderedMinor: number | null;
  changeMinor: number | null;
  paidAt: number;
  refunds: Refund[];
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

/** A day's CSV written to a file or a download as it is read (never whole in memory). */
export interface DayCsvSaved {
  /** False when the person closed the save dialog: nothing was read or written. */
  saved: boolean;
  fileName: string;
  rowCount: number;
}

export const UPDATE_STATES = ['unavailable', 'idle', 'checking', 'current', 'downloading', 'ready', 'failed'] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];

/** The desktop app's updates, as the manager's Help tab shows them. */
export interface UpdateStatus {
  /** 'unavailable': this copy does not update itself (the browser host, a development build). */
  state: UpdateState;
  /** Plain words for the manager. */
  message: string;
  /** The version downloading or downloaded. */
  version: string | null;
  /** When the feed last said Counter is up to date (unix ms). */
  checkedAt: number | null;
  /** A downloaded update may be installed now (no payment is live). */
  canInstall: boolean;
}

/** Where Counter keeps its files, and its versions: the manager's Help tab. */
export interface SupportInfo {
  version: string;
  schemaVersion: number;
  dataDir: string;
  logsDir: string;
  backupsDir: string;
  newestBackup: { fileName: string; takenAt: number } | null;
  updates: UpdateStatus;
}

/** A support bundle: one zip, base64 so that it crosses IPC and HTTP as JSON. */
export interface SupportBundle {
  fileName: string;
  zipBase64: string;
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

/** A row of the store the link could not apply on this PC and set aside, so the link went on. */
export interface SetAsideView {
  /** The entry's number on this PC (what a manager dismisses). */
  id: number;
  /** When it was set aside (unix ms). */
  at: number;
  /** Plain words: what it was and why it could not be applied. */
  what: string;
  /** What a manager should do about it. */
  advice: string;
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
/** The integration API as it runs now (Manager → Integrations). */
export interface IntegrationApiStatus {
  /** Where programs on this computer reach it; null when it is off or could not start. */
  url: string | null;
  /** Programs on the shop's network may use it too. */
  lan: boolean;
  /** Started with --api-lan / COUNTER_API_LAN=1: the network stays open whatever the screen says. */
  lanForcedAtStart: boolean;
}

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
  /** Rows set aside on this PC in the last week, newest first. */
  setAside: SetAsideView[];
}
