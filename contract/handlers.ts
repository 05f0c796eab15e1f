// The one list of backend calls: name → input schema and result type. The core implements it;
// the Electron IPC adapter, the preload, the browser host and the renderer client all derive
// from it, so a call cannot exist in one place and not another.
import { z } from 'zod';
import { ATTEMPT_STATES } from './vocabulary';
import * as f from './fields';
import * as cf from './catalogue/fields';
import type { Bill } from './catalogue/bill';
import { heldTotal, holdLabel, keptBill, type HeldBill, type KeptBill } from './bills';
import type { CatalogueItem, ImportReport, TaxSettings } from './catalogue/records';
import type { AttemptEvent, CashRefund, CashSale, ChargeAttempt, Counter, IntegrationKey, IntegrationRefundRequest, Invoice, Refund, RefundWithEvents } from './records';
import type { Result } from './result';
import type { AppInfo, CashierRoster, ConnectionStatus, CounterStatus, CsvExport, DayCloseReport, DayLog, IntegrationApiStatus, ManagerStatus, Receipt, Settings, ShiftReport, StoreStatus, SupportBundle, SupportInfo } from './answers';

const empty = z.strictObject({});
const attemptState = z.enum(ATTEMPT_STATES, { error: `State must be one of ${ATTEMPT_STATES.join(', ')}` });

const dayFilter = z.strictObject({
  date: f.isoDate,
  counterId: f.recordId.optional(),
  /** Store mode: one PC's payments (a PC of its own has only its own). */
  stationId: f.recordId.optional(),
  state: attemptState.optional(),
  method: f.paymentMethod.optional(),
  search: f.invoiceSearch.optional(),
});

export const inputSchemas = {
  // Anyone at the counter
  'app-info': empty,
  'counters-list': z.strictObject({ includeInactive: z.boolean().optional() }),
  'counter-status': z.strictObject({ counterId: f.recordId }),
  dashboard: empty,
  'invoice-next-number': z.strictObject({ counterId: f.recordId }),
  'invoice-create': z.strictObject({
    counterId: f.recordId,
    number: f.invoiceNumber.optional(),
    /**
     * Made by a program through the local integration API (its key's name): with cashiers defined
     * and nobody signed in at the counter, the invoice names the program instead of being refused.
     */
    program: f.programName.optional(),
    lines: z
      .array(f.invoiceLine, { error: 'Lines must be a list' })
      .min(1, 'An invoice needs at least one line')
      .max(200, 'An invoice may have at most 200 lines'),
  }),
  /**
   * A checkout: catalogue items and free lines with quantities, tax, discounts and round-off, computed
   * by contract/billing; the invoice's total is the bill's total (what goes to the terminal).
   */
  'invoice-checkout': z.strictObject({
    counterId: f.recordId,
    lines: z.array(cf.checkoutLine, { error: 'Lines must be a list' }).min(1, 'An invoice needs at least one line').max(200, 'An invoice may have at most 200 lines'),
    billDiscount: cf.discount.optional(),
    /** India: the state the goods are delivered to, when not the store's own. */
    placeOfSupply: cf.stateCode.optional(),
    customer: cf.b2bCustomer.optional(),
  }),
  /** A checkout invoice's bill; null for an invoice of free lines without tax. */
  'invoice-bill': z.strictObject({ invoiceId: f.recordId }),
  'invoice-get': z.strictObject({ invoiceId: f.recordId }),
  'invoice-void': z.strictObject({ invoiceId: f.recordId }),
  'charge-create': z.strictObject({
    invoiceId: f.recordId,
    counterId: f.recordId,
    method: f.paymentMethod,
    /** The cashier confirms having checked the terminal after an unknown or unresolved attempt. */
    confirmChecked: z.boolean().optional(),
    /** Split tender: only this part of the balance due on the terminal (its own session); the rest is paid after. By default, the whole balance. */
    amountMinor: f.cardPartAmount.optional(),
  }),
  'charge-recheck': z.strictObject({ attemptId: f.recordId }),
  /**
   * Settles the invoice in cash at the till: what the customer handed over; the change is worked out.
   * `amountMinor`: only part of the balance is paid in cash (split tender), the rest by card or UPI.
   */
  'cash-settle': z.strictObject({ invoiceId: f.recordId, counterId: f.recordId, tenderedMinor: f.tenderedAmount, amountMinor: f.cashPartAmount.optional() }),
  'receipt-get': z.strictObject({ invoiceId: f.recordId }),
  /** A paid payment's refunds, each with its history. */
  'refund-list': z.strictObject({ attemptId: f.recordId }),
  'refund-recheck': z.strictObject({ refundId: f.recordId }),
  /** Refunds billing programs asked for that wait for a manager (of one counter when named). */
  'refund-requests-waiting': z.strictObject({ counterId: f.recordId.optional() }),
  'day-close-report': z.strictObject({ date: f.isoDate }),
  /** The cashiers (names only) and, for a counter, who is signed in there. */
  'cashier-list': z.strictObject({ counterId: f.recordId.optional() }),
  /** Signs a cashier in at the counter with their PIN (wrong tries lock that cashier out for a while). */
  'cashier-sign-in': z.strictObject({ counterId: f.recordId, cashierId: f.recordId, pin: f.managerPin }),
  'cashier-sign-out': z.strictObject({ counterId: f.recordId }),
  /** The counter's open shift with its drawer's figures, or none. */
  'shift-current': z.strictObject({ counterId: f.recordId }),
  /**
   * Opens a shift on the counter with the cash put in the drawer to give change from. Who did it (here
   * and in the two calls below) is the cashier signed in at the counter, whatever name is sent; the
   * typed name (`openedBy`, `by`, `closedBy`) only where no cashiers are defined.
   */
  'shift-open': z.strictObject({ counterId: f.recordId, openedBy: f.closedBy.optional(), floatMinor: f.floatAmount }),
  /** Cash put into (in) or taken out of (out) the drawer of an open shift, with the reason (`note`). */
  'shift-cash-move': z.strictObject({ shiftId: f.recordId, kind: f.cashMovementKind, amountMinor: f.minorAmount, note: f.cashMovementReason, by: f.closedBy.optional() }),
  /** Closes the shift with the cash counted in the drawer: over or short against what was expected. */
  'shift-close': z.strictObject({ shiftId: f.recordId, countedMinor: f.countedCash, closedBy: f.closedBy.optional() }),
  'attempt-events': z.strictObject({ attemptId: f.recordId }),
  'log-day': dayFilter.extend({ rows: f.logRows.optional() }),
  'log-export-csv': dayFilter,
  'settings-get': empty,
  'connection-status': empty,
  'manager-status': empty,
  'manager-unlock': z.strictObject({ pin: f.managerPin }),
  'manager-set-pin': z.strictObject({ pin: f.managerPin, currentPin: f.managerPin.optional() }),
  /** Store mode: the link to the store, this PC and the others, and which PC holds each counter. */
  'store-status': empty,
  /**
   * Store mode: this PC takes the counter (refused, naming the PC, while another PC holds it), and
   * lets go of `releaseCounterId`, the counter the till leaves.
   */
  'counter-claim': z.strictObject({ counterId: f.recordId, releaseCounterId: f.recordId.optional() }),
  /** Items whose name, SKU or barcode holds the text (active ones unless asked), best matches first. */
  'catalogue-search': z.strictObject({
    query: cf.catalogueQuery,
    limit: z.number({ error: 'Limit must be a number' }).int('Limit must be a whole number').min(1, 'Limit must be at least 1').max(50, 'Limit must be at most 50').optional(),
    includeInactive: z.boolean().optional(),
  }),
  /** The active item a scanned code belongs to, or null. */
  'catalogue-barcode': z.strictObject({ barcode: cf.barcode }),
  'tax-settings-get': empty,
  /** The bill being built at the counter (kept on this PC) and the bills held there. */
  'bill-kept-get': z.strictObject({ counterId: f.recordId }),
  /** Keeps the bill being built, as typed (saved as the cashier types, a moment after each change). */
  'bill-keep': z.strictObject({ counterId: f.recordId, bill: keptBill }),
  /** Puts the bill aside under a label; the counter starts an empty bill. */
  'bill-hold': z.strictObject({ counterId: f.recordId, label: holdLabel, totalMinor: heldTotal, bill: keptBill }),
  /** Brings a held bill back as the bill being built (it is no longer held). */
  'bill-recall': z.strictObject({ counterId: f.recordId, heldId: f.recordId }),
  // Manager only: each carries the token from manager-unlock / manager-set-pin
  'tax-settings-update': z.strictObject({
    managerToken: f.managerToken,
    gstin: cf.storeGstin.optional(),
    usSalesTaxBasisPoints: cf.rateBasisPoints.optional(),
    roundOff: z.boolean({ error: 'Round off must be true or false' }).optional(),
    invoiceNumbersRestartEachYear: z.boolean({ error: 'Restart invoice numbers each year must be true or false' }).optional(),
  }),
  'item-create': z.strictObject({ managerToken: f.managerToken, ...cf.itemFields }),
  /** Changes the fields given; `active: false` takes the item off the counter (it is never deleted). */
  'item-update': cf.newItem.partial().extend({
    managerToken: f.managerToken,
    itemId: f.recordId,
    active: z.boolean({ error: 'Active must be true or false' }).optional(),
  }),
  /** Reads a catalogue CSV; saves it only when `dryRun` is false and not one row is wrong. */
  'catalogue-import': z.strictObject({ managerToken: f.managerToken, csv: cf.catalogueCsv, dryRun: z.boolean({ error: 'Dry run must be true or false' }) }),
  'catalogue-export-csv': z.strictObject({ managerToken: f.managerToken }),
  'manager-lock': z.strictObject({ managerToken: f.managerToken }),
  'counter-create': z.strictObject({
    managerToken: f.managerToken,
    name: f.counterName,
    terminalId: f.terminalId,
    invoicePrefix: f.invoicePrefix.optional(),
  }),
  'counter-update': z.strictObject({
    managerToken: f.managerToken,
    counterId: f.recordId,
    name: f.counterName.optional(),
    terminalId: f.terminalId.optional(),
    invoicePrefix: f.invoicePrefix.optional(),
  }),
  'counter-deactivate': z.strictObject({ managerToken: f.managerToken, counterId: f.recordId }),
  /** The manager has checked an unknown outcome on the terminal and in Zoho's dashboard. */
  'attempt-mark-reviewed': z.strictObject({ managerToken: f.managerToken, attemptId: f.recordId, note: f.reviewNote }),
  /** The manager has checked that the terminal shows nothing of a lost charge: its hold ends now. */
  'attempt-release-hold': z.strictObject({ managerToken: f.managerToken, attemptId: f.recordId, note: f.reviewNote }),
  /** Changes the preferences given; the others stay. */
  'settings-update': z.strictObject({
    managerToken: f.managerToken,
    pollIntervalSeconds: f.pollIntervalSeconds.optional(),
    backupKeepDays: f.backupKeepDays.optional(),
  }),
  'preferences-update': z.strictObject({
    managerToken: f.managerToken,
    defaultMethod: f.paymentMethod.optional(),
    storeName: f.storeName.optional(),
    storeAddress: f.storeAddress.optional(),
  }),
  /**
   * Refunds a paid payment in full or in part; `requestKey` makes a repeated press the same refund.
   * `counterId`: the counter of the screen it is asked at; the cashier signed in there is recorded as
   * who asked (none signed in: the manager).
   */
  'refund-create': z.strictObject({
    managerToken: f.managerToken,
    counterId: f.recordId.optional(),
    attemptId: f.recordId,
    amountMinor: f.refundAmount,
    reason: f.refundReason,
    note: f.refundNote.optional(),
    requestKey: f.requestKey,
  }),
  /** A refund that needs review: the manager has checked Zoho's dashboard and records whether it was made. */
  'refund-decide': z.strictObject({
    managerToken: f.managerToken,
    refundId: f.recordId,
    outcome: z.enum(['made', 'not_made'], { error: 'Outcome must be made or not_made' }),
    note: f.reviewNote,
  }),
  /**
   * Closes the business day's books; `closeAnyway` when payments still need review (the close records
   * it). `preview` checks everything the close would and answers the report, closing nothing: what
   * the manager confirms. Who closed it: the cashier signed in at `counterId` (the screen's counter),
   * whatever name is sent; the typed `closedBy` where nobody is signed in there.
   */
  'day-close': z.strictObject({ managerToken: f.managerToken, counterId: f.recordId.optional(), date: f.isoDate, closedBy: f.closedBy.optional(), closeAnyway: z.boolean().optional(), preview: z.boolean().optional() }),
  /** Adds a cashier with a short PIN of their own (kept only as a hash). */
  'cashier-add': z.strictObject({ managerToken: f.managerToken, name: f.cashierName, pin: f.managerPin }),
  /** Removes a cashier: they can no longer sign in; their sales keep their name. */
  'cashier-remove': z.strictObject({ managerToken: f.managerToken, cashierId: f.recordId }),
  /**
   * Pays back (part of) an invoice's cash tender out of the drawer: a cash part is refunded in cash,
   * never through Zoho. `tenderId`: which of its cash parts (by default the newest with enough left).
   * `counterId` as refund-create's.
   */
  'cash-refund': z.strictObject({
    managerToken: f.managerToken,
    counterId: f.recordId.optional(),
    invoiceId: f.recordId,
    tenderId: f.recordId.optional(),
    amountMinor: f.refundAmount,
    reason: f.refundReason,
    note: f.refundNote.optional(),
    requestKey: f.requestKey,
  }),
  'connection-configure': z.strictObject({
    managerToken: f.managerToken,
    edition: f.edition,
    accountId: f.accountId,
    clientId: f.clientId,
    clientSecret: f.clientSecret,
  }),
  'connection-signin-start': z.strictObject({ managerToken: f.managerToken }),
  'connection-code-submit': z.strictObject({ managerToken: f.managerToken, code: f.grantCode }),
  'connection-test': z.strictObject({ managerToken: f.managerToken }),
  'connection-disconnect': z.strictObject({ managerToken: f.managerToken }),
  /** Where the logs and backups are, the versions, and the desktop app's updates. */
  'support-info': z.strictObject({ managerToken: f.managerToken }),
  /** One zip for whoever supports the shop: logs, versions, checks, counts; nothing secret. */
  'support-bundle': z.strictObject({ managerToken: f.managerToken }),
  /** Installs a downloaded update now (Counter restarts); refused while a payment is live. */
  'update-install': z.strictObject({ managerToken: f.managerToken }),
  /**
   * Joins this PC to a store (creating it when no store has the name yet) with the store owner's
   * address, used once and never kept: this PC gets a login role of its own. `pin` is the store's
   * manager PIN; for a new store, this PC's, which becomes the store's. `caFile`: the CA that signed
   * the store server's certificate.
   */
  'store-join': z.strictObject({
    managerToken: f.managerToken,
    url: f.storeUrl,
    storeName: f.storeName,
    stationName: f.stationName.optional(),
    pin: f.managerPin,
    caFile: f.caFile.optional(),
  }),
  /** Cuts another PC of the store off (lost or stolen): its login role is dropped with the owner's address (used once); its records stay. */
  'store-pc-remove': z.strictObject({ managerToken: f.managerToken, url: f.storeUrl, stationId: f.recordId }),
  /** Frees a counter held by a PC that is no longer heard from (a stale claim). */
  'counter-release': z.strictObject({ managerToken: f.managerToken, counterId: f.recordId }),
  /** Takes an entry off the store link's set-aside alert: who (`by`) and when are recorded with it; the entry itself stays. */
  'store-set-aside-dismiss': z.strictObject({ managerToken: f.managerToken, entryId: f.setAsideEntry, by: f.closedBy }),
  /** A key for another billing program to use the integration API: the key is in the answer, once. */
  'integration-key-create': z.strictObject({
    managerToken: f.managerToken,
    name: f.programName,
    scopes: f.integrationScopes,
    counterIds: f.integrationCounterIds,
  }),
  'integration-key-list': z.strictObject({ managerToken: f.managerToken }),
  /** The key stops working at once, for good. */
  'integration-key-revoke': z.strictObject({ managerToken: f.managerToken, keyId: f.recordId }),
  /** Approve makes the refund the program asked for (through the refund service); decline makes none. Decided once. */
  'refund-request-decide': z.strictObject({ managerToken: f.managerToken, requestId: f.recordId, decision: z.enum(['approve', 'decline'], { error: 'Decision must be approve or decline' }) }),
  /** Where the integration API listens, and whether programs on the shop's network may use it. */
  'integration-api-status': z.strictObject({ managerToken: f.managerToken }),
  /** Opens the integration API to the shop's network, or back to this computer only (it restarts on the same port). */
  'integration-api-configure': z.strictObject({ managerToken: f.managerToken, lan: z.boolean({ error: 'Network access must be true or false' }) }),
} as const;

export interface HandlerOutputs {
  'app-info': AppInfo;
  'counters-list': Counter[];
  'counter-status': CounterStatus;
  dashboard: CounterStatus[];
  'invoice-next-number': { number: string };
  'invoice-create': Invoice;
  'invoice-checkout': { invoice: Invoice; bill: Bill };
  'invoice-bill': { bill: Bill | null };
  'invoice-get': { invoice: Invoice; attempts: ChargeAttempt[] };
  'invoice-void': Invoice;
  'charge-create': ChargeAttempt;
  'charge-recheck': ChargeAttempt;
  'cash-settle': { invoice: Invoice; sale: CashSale };
  'receipt-get': Receipt;
  'refund-list': RefundWithEvents[];
  'refund-recheck': Refund;
  'day-close-report': DayCloseReport;
  'cashier-list': CashierRoster;
  'cashier-sign-in': CashierRoster;
  'cashier-sign-out': CashierRoster;
  'cashier-add': CashierRoster;
  'cashier-remove': CashierRoster;
  'shift-current': { report: ShiftReport | null };
  'shift-open': ShiftReport;
  'shift-cash-move': ShiftReport;
  'shift-close': ShiftReport;
  'attempt-events': AttemptEvent[];
  'log-day': DayLog;
  'log-export-csv': CsvExport;
  'settings-get': Settings;
  'connection-status': ConnectionStatus;
  'manager-status': ManagerStatus;
  'manager-unlock': ManagerSession;
  'manager-set-pin': ManagerSession;
  'manager-lock': { locked: true };
  'counter-create': Counter;
  'counter-update': Counter;
  'counter-deactivate': Counter;
  'attempt-mark-reviewed': ChargeAttempt;
  'attempt-release-hold': ChargeAttempt;
  'settings-update': Settings;
  'preferences-update': Settings;
  'refund-create': Refund;
  'refund-decide': Refund;
  'cash-refund': CashRefund;
  'day-close': DayCloseReport;
  'connection-configure': ConnectionStatus;
  'connection-signin-start': { authUrl: string };
  'connection-code-submit': ConnectionStatus;
  'connection-test': { ok: boolean; message: string };
  'connection-disconnect': ConnectionStatus;
  'support-info': SupportInfo;
  'support-bundle': SupportBundle;
  'update-install': { installing: true };
  'store-status': StoreStatus;
  'counter-claim': StoreStatus;
  'store-join': StoreStatus;
  'store-pc-remove': StoreStatus;
  'counter-release': StoreStatus;
  'store-set-aside-dismiss': StoreStatus;
  'catalogue-search': CatalogueItem[];
  'catalogue-barcode': { item: CatalogueItem | null };
  'tax-settings-get': TaxSettings;
  'bill-kept-get': KeptBillAnswer;
  'bill-keep': { keptAt: number };
  'bill-hold': { held: HeldBill[] };
  'bill-recall': KeptBillAnswer;
  'tax-settings-update': TaxSettings;
  'item-create': CatalogueItem;
  'item-update': CatalogueItem;
  'catalogue-import': ImportReport;
  'catalogue-export-csv': CsvExport;
  'integration-key-create': { key: IntegrationKey; secret: string };
  'integration-key-list': IntegrationKey[];
  'integration-key-revoke': IntegrationKey;
  'refund-requests-waiting': IntegrationRefundRequest[];
  'refund-request-decide': IntegrationRefundRequest;
  'integration-api-status': IntegrationApiStatus;
  'integration-api-configure': IntegrationApiStatus;
}

/** The counter's bill being built (null when none is kept), the catalogue items its cart names, and the held bills. */
export interface KeptBillAnswer {
  bill: KeptBill | null;
  items: CatalogueItem[];
  held: HeldBill[];
}

export interface ManagerSession {
  managerToken: string;
  expiresAt: number;
}

export type HandlerName = keyof typeof inputSchemas;
export type HandlerInput<K extends HandlerName> = z.input<(typeof inputSchemas)[K]>;
export type ParsedInput<K extends HandlerName> = z.output<(typeof inputSchemas)[K]>;
export type HandlerOutput<K extends HandlerName> = HandlerOutputs[K];

export const HANDLER_NAMES = Object.keys(inputSchemas) as HandlerName[];

/** Calls that need a manager unlock: exactly those whose input carries a managerToken. */
export const MANAGER_ONLY: ReadonlySet<HandlerName> = new Set(
  HANDLER_NAMES.filter((name) => 'managerToken' in inputSchemas[name].shape),
);

export function isHandlerName(name: string): name is HandlerName {
  return Object.prototype.hasOwnProperty.call(inputSchemas, name);
}

export type CallResult<K extends HandlerName> = Promise<Result<HandlerOutput<K>>>;
