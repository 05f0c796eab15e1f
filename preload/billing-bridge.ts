// window.billing in the desktop app: one named function per backend call, each invoking its own IPC
// channel, plus event subscription. There is deliberately no generic "invoke any channel" function.
import type { DayCsvSaved } from '../contract/answers';
import type { BillingEvent } from '../contract/events';
import type { CallResult, HandlerInput, HandlerName } from '../contract/handlers';
import type { Result } from '../contract/result';
import {
  EVENT_CHANNEL,
  PRINT_CHANNEL,
  PRINTERS_CHANNEL,
  SAVE_CSV_CHANNEL,
  SAVE_DAY_CSV_CHANNEL,
  SAVE_SUPPORT_BUNDLE_CHANNEL,
  type DesktopBilling,
  type PrinterInfo,
  type PrintOutcome,
  type PrintRequest,
  type SaveOutcome,
} from './bridge';

/** The part of Electron's ipcRenderer the bridge uses (injected, so tests need no Electron). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBillingBridge(ipc: IpcRendererLike): DesktopBilling {
  const call =
    <K extends HandlerName>(name: K) =>
    (input: HandlerInput<K>) =>
      ipc.invoke(name, input) as CallResult<K>;

  return {
    appInfo: call('app-info'),
    countersList: call('counters-list'),
    counterStatus: call('counter-status'),
    dashboard: call('dashboard'),
    invoiceNextNumber: call('invoice-next-number'),
    invoiceCreate: call('invoice-create'),
    invoiceCheckout: call('invoice-checkout'),
    invoiceBill: call('invoice-bill'),
    invoiceGet: call('invoice-get'),
    invoiceVoid: call('invoice-void'),
    chargeCreate: call('charge-create'),
    chargeRecheck: call('charge-recheck'),
    cashSettle: call('cash-settle'),
    receiptGet: call('receipt-get'),
    refundList: call('refund-list'),
    refundRecheck: call('refund-recheck'),
    dayCloseReport: call('day-close-report'),
    cashierList: call('cashier-list'),
    cashierAdd: call('cashier-add'),
    cashierRemove: call('cashier-remove'),
    cashierSignIn: call('cashier-sign-in'),
    cashierSignOut: call('cashier-sign-out'),
    shiftCurrent: call('shift-current'),
    shiftOpen: call('shift-open'),
    shiftCashMove: call('shift-cash-move'),
    shiftClose: call('shift-close'),
    attemptEvents: call('attempt-events'),
    logDay: call('log-day'),
    logExportCsv: call('log-export-csv'),
    settingsGet: call('settings-get'),
    connectionStatus: call('connection-status'),
    managerStatus: call('manager-status'),
    managerUnlock: call('manager-unlock'),
    managerSetPin: call('manager-set-pin'),
    managerLock: call('manager-lock'),
    counterCreate: call('counter-create'),
    counterUpdate: call('counter-update'),
    counterDeactivate: call('counter-deactivate'),
    attemptMarkReviewed: call('attempt-mark-reviewed'),
    attemptReleaseHold: call('attempt-release-hold'),
    settingsUpdate: call('settings-update'),
    preferencesUpdate: call('preferences-update'),
    refundCreate: call('refund-create'),
    refundDecide: call('refund-decide'),
    cashRefund: call('cash-refund'),
    dayClose: call('day-close'),
    connectionConfigure: call('connection-configure'),
    connectionSigninStart: call('connection-signin-start'),
    connectionCodeSubmit: call('connection-code-submit'),
    connectionTest: call('connection-test'),
    connectionDisconnect: call('connection-disconnect'),
    supportInfo: call('support-info'),
    supportBundle: call('support-bundle'),
    updateInstall: call('update-install'),
    storeStatus: call('store-status'),
    counterClaim: call('counter-claim'),
    storeJoin: call('store-join'),
    storePcRemove: call('store-pc-remove'),
    counterRelease: call('counter-release'),
    storeSetAsideDismiss: call('store-set-aside-dismiss'),
    catalogueSearch: call('catalogue-search'),
    catalogueBarcode: call('catalogue-barcode'),
    billKeptGet: call('bill-kept-get'),
    billKeep: call('bill-keep'),
    billHold: call('bill-hold'),
    billRecall: call('bill-recall'),
    taxSettingsGet: call('tax-settings-get'),
    taxSettingsUpdate: call('tax-settings-update'),
    itemCreate: call('item-create'),
    itemUpdate: call('item-update'),
    catalogueImport: call('catalogue-import'),
    catalogueExportCsv: call('catalogue-export-csv'),
    integrationKeyCreate: call('integration-key-create'),
    integrationKeyList: call('integration-key-list'),
    integrationKeyRevoke: call('integration-key-revoke'),
    refundRequestsWaiting: call('refund-requests-waiting'),
    refundRequestDecide: call('refund-request-decide'),
    integrationApiStatus: call('integration-api-status'),
    integrationApiConfigure: call('integration-api-configure'),

    onEvent(listener: (event: BillingEvent) => void) {
      // Only the event crosses into the page, never Electron's IPC event object (it exposes the sender).
      const relay = (_ipcEvent: unknown, event: unknown) => listener(event as BillingEvent);
      ipc.on(EVENT_CHANNEL, relay);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, relay);
      };
    },

    saveCsv: (fileName: string, csv: string) => ipc.invoke(SAVE_CSV_CHANNEL, { fileName, csv }) as Promise<Result<SaveOutcome>>,
    saveDayCsv: (filter: HandlerInput<'log-export-csv'>) => ipc.invoke(SAVE_DAY_CSV_CHANNEL, filter) as Promise<Result<DayCsvSaved>>,
    saveSupportBundle: (managerToken: string) => ipc.invoke(SAVE_SUPPORT_BUNDLE_CHANNEL, { managerToken }) as Promise<Result<SaveOutcome>>,
    printPage: (request: PrintRequest) => ipc.invoke(PRINT_CHANNEL, request) as Promise<Result<PrintOutcome>>,
    listPrinters: () => ipc.invoke(PRINTERS_CHANNEL, {}) as Promise<Result<PrinterInfo[]>>,
  } satisfies DesktopBilling;
}
