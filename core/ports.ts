// What the local handlers ask of the store this PC may be part of, as small interfaces. A PC of its
// own, or one in demo mode, uses LOCAL_PORTS: nothing to ask, its SQLite is the whole truth. A PC
// of a store, while live, uses the store's (core/store-link/store-ports.ts). The backend picks the
// current ones at each call, so the ports change when a PC joins a store or its mode changes.
import type { CounterStatus, DayCloseReport, DayLog, Receipt } from '../contract/answers';
import type { ParsedInput } from '../contract/handlers';
import type { AttemptEvent, ChargeAttempt, Counter, Refund, RefundWithEvents } from '../contract/records';
import type { Edition } from '../contract/vocabulary';
import * as cashiers from '../db/local/cashiers';
import type { CatalogueItem } from '../contract/catalogue/records';
import type { StoreTaxSettings } from '../db/store/config';
import * as catalogue from '../db/local/catalogue';
import * as counters from '../db/local/counters';
import type { Db } from '../db/local/database';
import type { NewDayClose } from '../db/local/day-closes';
import { InvalidStateError } from '../db/local/errors';
import type { PaymentElsewhere } from '../db/local/remote-payments';
import type { RefundCounts } from '../db/store/refund-reservations';
import { HandlerFailure } from './failure';
import type { DayLogSource } from './handlers/ledger-csv';

/** One counter, one PC: a charge needs the counter's claim. */
export interface ClaimGate {
  /** Takes the counter's claim for this PC, unless it holds it; refuses (conflict) when it cannot. */
  claim(counterId: string): Promise<void>;
}

/** A terminal is one device, whichever PC sends a charge to it. */
export interface TerminalGuard {
  /** Refuses (conflict) a charge on the counter's terminal while another PC uses or holds it. */
  assertFree(counterId: string): Promise<void>;
}

/** A day is closed for everyone who takes payments on it. */
export interface CloseGuard {
  /** Refuses (conflict) a close of `date` (its business day's `window`) while a payment or refund of it elsewhere still waits for Zoho. */
  assertClosable(date: string, window: { fromMs: number; toMs: number }): Promise<void>;
  /** Other PCs heard from in the business day being closed (`window`) but not lately: their changes of that day may not have reached the store yet. */
  silentPcs(window: { fromMs: number; toMs: number }): Promise<{ name: string; silentMs: number }[]>;
  /** Other PCs heard from in the business day being closed (`window`) whose last word was that changes made before its end still wait to be sent. */
  unsentPcs(window: { fromMs: number; toMs: number }): Promise<{ name: string; count: number; oldestAt: number }[]>;
  /** Closes the day beyond this PC first (a store's, through its close_day with the manager's PIN); then this PC closes it. */
  publish(close: NewDayClose & { id: string }): Promise<void>;
}

/** Configuration shared beyond this PC: changed there first, then in this PC's database `db`. */
export interface ConfigWriter {
  createCounter(db: Db, counter: counters.NewCounter): Promise<Counter>;
  /** Refused (conflict) while a payment runs on the counter and its terminal changes. */
  updateCounter(db: Db, counterId: string, changes: counters.CounterChanges): Promise<Counter>;
  /** Refused (conflict) while a payment runs on the counter. */
  deactivateCounter(db: Db, counterId: string): Promise<Counter>;
  pollInterval(seconds: number): Promise<void>;
  /** The name and address printed on receipts (a field not given stays as it is). */
  receiptDetails(details: { storeName?: string | undefined; storeAddress?: string | undefined }): Promise<void>;
  /** The GSTIN, US sales tax rate, round-off and invoice numbering every PC bills with, all four. */
  taxSettings(tax: StoreTaxSettings): Promise<void>;
  /** The Zoho account this PC connects to: refused (conflict) when it is not the one shared. */
  zohoAccount(account: { edition: Edition; accountId: string; clientId: string }): Promise<void>;
  /** Adds a cashier: refused (conflict at name) while another cashier has that name. */
  addCashier(db: Db, cashier: cashiers.CashierRecord): Promise<void>;
  /** Removes a cashier: from then on they sign in nowhere; their sales keep their name. */
  removeCashier(db: Db, cashierId: string, at: number): Promise<void>;
}

/** The catalogue: a store's (changed there first, then in this PC's copy), or this PC's own. */
export interface CatalogueWriter {
  /** Saves items made or changed (each by its id), all or none: a SKU or barcode another item holds is refused at its field. */
  save(db: Db, items: readonly CatalogueItem[]): Promise<void>;
}

export type DayFilter = ParsedInput<'log-export-csv'>;

/**
 * The ledger beyond this PC: the day's log of every PC that takes payments with it, and their
 * payments. Each call is given this PC's own answer (`own`), to stand in when there is no other.
 */
export interface LedgerReader {
  day(filter: DayFilter, limit: number, own: () => DayLog): Promise<DayLog>;
  /** The day's records for its CSV, read a page at a time as it is written. */
  csv(filter: DayFilter, own: () => DayLogSource): Promise<DayLogSource>;
  /** The day close's report: its totals, payments needing review and refunds in progress for every PC; `own` this PC's. */
  closeReport(date: string, own: () => DayCloseReport): Promise<DayCloseReport>;
  /** A payment's audit trail; `own` for a payment of this PC's. */
  attemptEvents(attemptId: string, own: () => AttemptEvent[]): Promise<AttemptEvent[]>;
  /** Marks a payment needing a person as checked by a manager; `own` for a payment of this PC's. */
  markReviewed(attemptId: string, note: string, own: () => ChargeAttempt): Promise<ChargeAttempt>;
  /** Asks Zoho about a payment now; `own` for a payment of this PC's. */
  recheck(attemptId: string, own: () => Promise<ChargeAttempt>): Promise<ChargeAttempt>;
  /** A paid invoice's receipt; `own` for a sale of this PC's. */
  receipt(invoiceId: string, own: () => Receipt): Promise<Receipt>;
  /** A payment's refunds with their history; `own` for a payment of this PC's. */
  refunds(attemptId: string, own: () => RefundWithEvents[]): Promise<RefundWithEvents[]>;
  /** What each counter is doing, given this PC's own view of them (`own`). */
  counters(own: CounterStatus[]): Promise<CounterStatus[]>;
}

/** What the store says of a refund this PC has written (`creating`), before Zoho is asked. */
export type RefundReservation =
  | { kind: 'reserved' }
  /** Every PC's refunds of the payment leave less than the refund: it is not sent. */
  | { kind: 'refused'; leftMinor: number }
  /** The store could not be asked: its refunds of the payment by other PCs are not known here. */
  | { kind: 'unreachable' };

/** Another PC's payment is refunded here only with the store's count of its refunds. */
export const ELSEWHERE_NEEDS_STORE =
  'This payment was not taken on this PC, and the store cannot be reached now, so this PC cannot know what the other PCs have refunded of it. Refund it on the PC that took it, or here once the store link is back.';

/** Never more refunded than was paid, across the PCs of a store, whichever PC took the payment. */
export interface RefundGuard {
  /** The payment when another PC took it (the store's copy: refused when the store cannot be asked); null when it is this PC's. */
  paymentElsewhere(attemptId: string): Promise<PaymentElsewhere | null>;
  /** Counts every PC's refunds of the payment (this PC's as `counts` says) and reserves this one in the store if it fits. */
  reserve(refund: Refund, counts: RefundCounts): Promise<RefundReservation>;
}

export interface Ports {
  claims: ClaimGate;
  terminals: TerminalGuard;
  closes: CloseGuard;
  config: ConfigWriter;
  catalogue: CatalogueWriter;
  ledger: LedgerReader;
  refunds: RefundGuard;
}

const nothing = async (): Promise<void> => undefined;

/** A PC of its own: its database is the whole truth, so the guards let everything through. */
export const LOCAL_PORTS: Ports = {
  claims: { claim: nothing },
  terminals: { assertFree: nothing },
  closes: { assertClosable: nothing, silentPcs: async () => [], unsentPcs: async () => [], publish: nothing },
  // The database refuses a terminal or prefix already used by an active counter, and a terminal
  // change or deactivation while a payment is live, inside its own transactions.
  config: {
    createCounter: async (db, counter) => counters.createCounter(db, counter),
    updateCounter: async (db, counterId, changes) =>
      whileNoPaymentRuns('terminalId', 'Change the terminal when it has finished.', () => counters.updateCounter(db, counterId, changes)),
    deactivateCounter: async (db, counterId) =>
      whileNoPaymentRuns('counterId', 'Deactivate the counter when it has finished.', () => counters.deactivateCounter(db, counterId)),
    pollInterval: nothing,
    receiptDetails: nothing,
    taxSettings: nothing,
    zohoAccount: nothing,
    addCashier: async (db, cashier) => {
      cashiers.addCashier(db, cashier);
    },
    removeCashier: async (db, cashierId, at) => cashiers.removeCashier(db, cashierId, at),
  },
  catalogue: { save: async (db, items) => catalogue.putItems(db, items) },
  ledger: {
    day: async (_filter, _limit, own) => own(),
    csv: async (_filter, own) => own(),
    closeReport: async (_date, own) => own(),
    attemptEvents: async (_attemptId, own) => own(),
    recheck: (_attemptId, own) => own(),
    markReviewed: async (_attemptId, _note, own) => own(),
    receipt: async (_invoiceId, own) => own(),
    refunds: async (_attemptId, own) => own(),
    counters: async (own) => own,
  },
  // Every payment is this PC's, and its database counts their refunds.
  refunds: { paymentElsewhere: async () => null, reserve: async () => ({ kind: 'reserved' }) },
};

/** The database refuses the change while the counter has a live payment: say so at the field. */
function whileNoPaymentRuns<T>(field: string, advice: string, change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof InvalidStateError && error.reason === 'payment_in_progress') {
      throw new HandlerFailure('conflict', `A payment is in progress on this counter. ${advice}`, field);
    }
    throw error;
  }
}
