// Every call refuses bad input with a message naming the field and the rule, and writes nothing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_NAMES, type HandlerName } from '../../contract/handlers';
import { databaseFingerprint } from '../../testkit/fingerprint';
import { teaItemFields } from '../../testkit/catalogue';
import { Rig } from '../../testkit/rig';

let rig: Rig;
beforeAll(async () => {
  rig = await Rig.start();
});
afterAll(async () => {
  await rig.close();
});

const ITEM = { managerToken: 't', ...teaItemFields({ name: 'Tea 250 g' }) };
const KEPT = {
  mode: 'items',
  lines: [{ description: 'Rice', quantity: '1', unitPrice: '60' }],
  amount: '',
  amountDescription: 'Sale',
  cart: { lines: [], billDiscount: '', placeOfSupply: '', customerGstin: '', customerName: '' },
};

const BAD_INPUTS: Record<HandlerName, { input: Record<string, unknown>; field: string; rule: RegExp }[]> = {
  'app-info': [{ input: { extra: 1 }, field: 'extra', rule: /Unknown field/ }],
  'counters-list': [{ input: { includeInactive: 'yes' }, field: 'includeInactive', rule: /boolean/i }],
  'counter-status': [{ input: { counterId: '../etc' }, field: 'counterId', rule: /letters, digits/ }],
  dashboard: [{ input: { all: true }, field: 'all', rule: /Unknown field/ }],
  'invoice-next-number': [{ input: {}, field: 'counterId', rule: /required/ }],
  'invoice-create': [
    { input: { counterId: 'c', lines: [] }, field: 'lines', rule: /at least one line/ },
    { input: { counterId: 'c', lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 10.5 }] }, field: 'lines.0.unitPriceMinor', rule: /whole number/ },
    { input: { counterId: 'c', lines: [{ description: 'Tea', quantity: 0, unitPriceMinor: 100 }] }, field: 'lines.0.quantity', rule: /at least 1/ },
    { input: { counterId: 'c', lines: [{ description: '', quantity: 1, unitPriceMinor: 100 }] }, field: 'lines.0.description', rule: /required/ },
    { input: { counterId: 'c', lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: -5 }] }, field: 'lines.0.unitPriceMinor', rule: /more than zero/ },
    { input: { counterId: 'c', number: 'x'.repeat(51), lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 100 }] }, field: 'number', rule: /at most 50/ },
    { input: { counterId: 'c', number: 'INV 1', lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 100 }] }, field: 'number', rule: /letters, digits/ },
    { input: { counterId: 'c', program: '', lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 100 }] }, field: 'program', rule: /Program name is required/ },
  ],
  'invoice-checkout': [
    { input: { counterId: 'c', lines: [{ itemId: 'i1', quantityThousandths: 0 }] }, field: 'lines.0.quantityThousandths', rule: /more than 0/ },
    { input: { counterId: 'c', lines: [{ itemId: 'i1', quantityThousandths: 750.5 }] }, field: 'lines.0.quantityThousandths', rule: /whole number of thousandths/ },
    { input: { counterId: 'c', lines: [{ itemId: 'i1', quantityThousandths: 1000, discount: { kind: 'percent', basisPoints: 10001 } }] }, field: 'lines.0.discount.basisPoints', rule: /more than 100%/ },
    { input: { counterId: 'c', lines: [{ itemId: 'i1', quantityThousandths: 1000 }], billDiscount: { kind: 'amount', minor: -1 } }, field: 'billDiscount.minor', rule: /cannot be negative/ },
    { input: { counterId: 'c', lines: [{ itemId: 'i1', quantityThousandths: 1000 }], placeOfSupply: 'MH' }, field: 'placeOfSupply', rule: /2-digit GST state code/ },
  ],
  'invoice-bill': [{ input: {}, field: 'invoiceId', rule: /required/ }],
  'invoice-get': [{ input: { invoiceId: 42 }, field: 'invoiceId', rule: /text/ }],
  'invoice-void': [{ input: {}, field: 'invoiceId', rule: /required/ }],
  'charge-create': [
    { input: { invoiceId: 'i', counterId: 'c', method: 'cash' }, field: 'method', rule: /card or upi/ },
    { input: { invoiceId: 'i', counterId: 'c', method: 'card', confirmChecked: 'true' }, field: 'confirmChecked', rule: /boolean/i },
    { input: { invoiceId: 'i', counterId: 'c', method: 'upi', amountMinor: 0 }, field: 'amountMinor', rule: /Card or UPI part must be more than zero/ },
    { input: { invoiceId: 'i', counterId: 'c', method: 'upi', amountMinor: 300.5 }, field: 'amountMinor', rule: /Card or UPI part must be a whole number/ },
  ],
  'charge-recheck': [{ input: { attemptId: '' }, field: 'attemptId', rule: /required/ }],
  'cash-settle': [
    { input: { invoiceId: 'i', counterId: 'c', tenderedMinor: 0 }, field: 'tenderedMinor', rule: /Amount tendered must be more than zero/ },
    { input: { invoiceId: 'i', counterId: 'c', tenderedMinor: -500 }, field: 'tenderedMinor', rule: /Amount tendered must be more than zero/ },
    { input: { invoiceId: 'i', counterId: 'c', tenderedMinor: '500' }, field: 'tenderedMinor', rule: /Amount tendered must be a number/ },
    { input: { invoiceId: 'i', counterId: 'c', tenderedMinor: 10.5 }, field: 'tenderedMinor', rule: /whole number of paise/ },
    { input: { invoiceId: 'i', counterId: 'c', tenderedMinor: 500, amountMinor: 0 }, field: 'amountMinor', rule: /Cash part must be more than zero/ },
  ],
  'receipt-get': [{ input: { invoiceId: '' }, field: 'invoiceId', rule: /required/ }],
  'refund-list': [{ input: { attemptId: 7 }, field: 'attemptId', rule: /text/ }],
  'refund-recheck': [{ input: {}, field: 'refundId', rule: /required/ }],
  'day-close-report': [{ input: { date: '2026-13-01' }, field: 'date', rule: /real calendar date/ }],
  'attempt-events': [{ input: { attemptId: 'a b' }, field: 'attemptId', rule: /letters, digits/ }],
  'log-day': [
    { input: { date: '22/11/2026' }, field: 'date', rule: /2026-11-22/ },
    { input: { date: '2026-02-30' }, field: 'date', rule: /real calendar date/ },
    { input: { date: '0050-02-29' }, field: 'date', rule: /real calendar date/ },
    { input: { date: '2026-11-22', state: 'paid' }, field: 'state', rule: /one of/ },
  ],
  'log-export-csv': [{ input: { date: '2026-11-22', search: 'x'.repeat(51) }, field: 'search', rule: /at most 50/ }],
  'settings-get': [{ input: { key: 'x' }, field: 'key', rule: /Unknown field/ }],
  'connection-status': [{ input: { verbose: 1 }, field: 'verbose', rule: /Unknown field/ }],
  'manager-status': [{ input: { pin: '1' }, field: 'pin', rule: /Unknown field/ }],
  'manager-unlock': [{ input: { pin: '12a4' }, field: 'pin', rule: /4 to 8 digits/ }],
  'manager-set-pin': [{ input: { pin: '123' }, field: 'pin', rule: /4 to 8 digits/ }],
  'manager-lock': [{ input: {}, field: 'managerToken', rule: /required/ }],
  'counter-create': [
    { input: { managerToken: 't', name: '', terminalId: 'T1' }, field: 'name', rule: /required/ },
    { input: { managerToken: 't', name: 'A', terminalId: 'T 1' }, field: 'terminalId', rule: /letters, digits/ },
    { input: { managerToken: 't', name: 'A\u0007', terminalId: 'T1' }, field: 'name', rule: /control characters/ },
    { input: { managerToken: 't', name: 'A', terminalId: 'T1', invoicePrefix: 'A B' }, field: 'invoicePrefix', rule: /letters, digits/ },
  ],
  'counter-update': [{ input: { managerToken: 't', counterId: 'c', name: 'n'.repeat(41) }, field: 'name', rule: /at most 40/ }],
  'counter-deactivate': [{ input: { managerToken: 't' }, field: 'counterId', rule: /required/ }],
  'attempt-mark-reviewed': [
    { input: { managerToken: 't', attemptId: 'a', note: '   ' }, field: 'note', rule: /Note is required/ },
    { input: { managerToken: 't', attemptId: 'a', note: 'n'.repeat(201) }, field: 'note', rule: /at most 200/ },
  ],
  'preferences-update': [
    { input: { managerToken: 't', defaultMethod: 'cash' }, field: 'defaultMethod', rule: /card or upi/ },
    { input: { managerToken: 't', storeName: '' }, field: 'storeName', rule: /Store name is required/ },
    { input: { managerToken: 't', storeAddress: 'a\nb\nc\nd\ne' }, field: 'storeAddress', rule: /at most 4 lines/ },
    { input: { managerToken: 't', storeAddress: 'Road\u0007' }, field: 'storeAddress', rule: /control characters/ },
  ],
  'refund-create': [
    { input: { managerToken: 't', attemptId: 'a', amountMinor: 0, reason: 'others', requestKey: 'key-12345' }, field: 'amountMinor', rule: /Refund amount must be more than zero/ },
    { input: { managerToken: 't', attemptId: 'a', amountMinor: -100, reason: 'others', requestKey: 'key-12345' }, field: 'amountMinor', rule: /Refund amount must be more than zero/ },
    { input: { managerToken: 't', attemptId: 'a', amountMinor: 'ten', reason: 'others', requestKey: 'key-12345' }, field: 'amountMinor', rule: /Refund amount must be a number/ },
    { input: { managerToken: 't', attemptId: 'a', amountMinor: 100, reason: 'changed mind', requestKey: 'key-12345' }, field: 'reason', rule: /Reason must be one of/ },
    { input: { managerToken: 't', attemptId: 'a', amountMinor: 100, reason: 'others', requestKey: 'k' }, field: 'requestKey', rule: /8 to 64/ },
  ],
  'refund-decide': [
    { input: { managerToken: 't', refundId: 'r1', outcome: 'maybe', note: 'Checked' }, field: 'outcome', rule: /Outcome must be made or not_made/ },
    { input: { managerToken: 't', refundId: 'r1', outcome: 'made', note: ' ' }, field: 'note', rule: /Note is required/ },
  ],
  'cash-refund': [
    { input: { managerToken: 't', invoiceId: 'i', amountMinor: 0, reason: 'others', requestKey: 'key-12345' }, field: 'amountMinor', rule: /Refund amount must be more than zero/ },
    { input: { managerToken: 't', invoiceId: 'i', amountMinor: 100, reason: 'changed mind', requestKey: 'key-12345' }, field: 'reason', rule: /Reason must be one of/ },
    { input: { managerToken: 't', amountMinor: 100, reason: 'others', requestKey: 'key-12345' }, field: 'invoiceId', rule: /required/ },
    { input: { managerToken: 't', invoiceId: 'i', tenderId: 'a b', amountMinor: 100, reason: 'others', requestKey: 'key-12345' }, field: 'tenderId', rule: /letters, digits/ },
  ],
  'day-close': [
    { input: { managerToken: 't', date: '2026-11-22', closedBy: ' ' }, field: 'closedBy', rule: /Your name is required/ },
    { input: { managerToken: 't', counterId: 'a b', date: '2026-11-22' }, field: 'counterId', rule: /letters, digits/ },
    { input: { managerToken: 't', date: '2026-11-22', closedBy: 'Asha', closeAnyway: 'yes' }, field: 'closeAnyway', rule: /boolean/i },
    { input: { managerToken: 't', date: '2026-11-22', closedBy: 'Asha', preview: 1 }, field: 'preview', rule: /boolean/i },
  ],
  'cashier-list': [{ input: { counterId: '' }, field: 'counterId', rule: /required/ }],
  'cashier-sign-in': [{ input: { counterId: 'c1', cashierId: 'k1', pin: '12' }, field: 'pin', rule: /PIN must be 4 to 8 digits/ }],
  'cashier-sign-out': [{ input: {}, field: 'counterId', rule: /required/ }],
  'cashier-add': [
    { input: { managerToken: 't', name: ' ', pin: '1234' }, field: 'name', rule: /Cashier name is required/ },
    { input: { managerToken: 't', name: 'Asha', pin: '12a4' }, field: 'pin', rule: /PIN must be 4 to 8 digits/ },
  ],
  'cashier-remove': [{ input: { managerToken: 't', cashierId: 'a b' }, field: 'cashierId', rule: /letters, digits/ }],
  'shift-current': [{ input: { counterId: 'a b' }, field: 'counterId', rule: /letters, digits/ }],
  'shift-open': [
    { input: { counterId: 'c1', openedBy: 'Asha', floatMinor: -1 }, field: 'floatMinor', rule: /Opening float must not be negative/ },
    { input: { counterId: 'c1', openedBy: ' ', floatMinor: 0 }, field: 'openedBy', rule: /Your name is required/ },
  ],
  'shift-cash-move': [
    { input: { shiftId: 's1', kind: 'sideways', amountMinor: 100, note: 'Float top-up', by: 'Asha' }, field: 'kind', rule: /Direction must be in \(cash put in\) or out/ },
    { input: { shiftId: 's1', kind: 'out', amountMinor: 0, note: 'Bank', by: 'Asha' }, field: 'amountMinor', rule: /more than zero/ },
    { input: { shiftId: 's1', kind: 'out', amountMinor: 100, note: '', by: 'Asha' }, field: 'note', rule: /Reason is required/ },
  ],
  'shift-close': [{ input: { shiftId: 's1', countedMinor: 1.5, closedBy: 'Asha' }, field: 'countedMinor', rule: /whole number/ }],
  'attempt-release-hold': [
    { input: { managerToken: 't', attemptId: 'a', note: '' }, field: 'note', rule: /Note is required/ },
    { input: { managerToken: 't', attemptId: 'a b', note: 'Terminal shows nothing' }, field: 'attemptId', rule: /letters, digits/ },
  ],
  'settings-update': [
    { input: { managerToken: 't', pollIntervalSeconds: 4 }, field: 'pollIntervalSeconds', rule: /at least 5/ },
    { input: { managerToken: 't', pollIntervalSeconds: 11 }, field: 'pollIntervalSeconds', rule: /at most 10/ },
    { input: { managerToken: 't', pollIntervalSeconds: 7.5 }, field: 'pollIntervalSeconds', rule: /whole number/ },
    { input: { managerToken: 't', backupKeepDays: 0 }, field: 'backupKeepDays', rule: /at least 1 day/ },
    { input: { managerToken: 't', backupKeepDays: 366 }, field: 'backupKeepDays', rule: /at most 365 days/ },
    { input: { managerToken: 't', backupKeepDays: '7' }, field: 'backupKeepDays', rule: /must be a number of days/ },
  ],
  'connection-configure': [
    { input: { managerToken: 't', edition: 'eu', accountId: '1', clientId: 'c', clientSecret: 's' }, field: 'edition', rule: /in, in_sandbox or us/ },
    { input: { managerToken: 't', edition: 'in', accountId: 'abc', clientId: 'c', clientSecret: 's' }, field: 'accountId', rule: /digits only/ },
    { input: { managerToken: 't', edition: 'in', accountId: '1', clientId: 'c', clientSecret: 'a b' }, field: 'clientSecret', rule: /spaces/ },
  ],
  'connection-signin-start': [{ input: { managerToken: 't', url: 'x' }, field: 'url', rule: /Unknown field/ }],
  'connection-code-submit': [{ input: { managerToken: 't', code: '' }, field: 'code', rule: /required/ }],
  'connection-test': [{ input: { managerToken: 5 }, field: 'managerToken', rule: /Manager unlock/ }],
  'connection-disconnect': [{ input: {}, field: 'managerToken', rule: /required/ }],
  'support-info': [{ input: {}, field: 'managerToken', rule: /required/ }],
  'support-bundle': [{ input: { managerToken: 't', days: 30 }, field: 'days', rule: /Unknown field/ }],
  'update-install': [{ input: { managerToken: 't', version: '9.9.9' }, field: 'version', rule: /Unknown field/ }],
  'store-status': [{ input: { storeName: 'x' }, field: 'storeName', rule: /Unknown field/ }],
  'counter-claim': [{ input: { counterId: 'A B' }, field: 'counterId', rule: /letters, digits/ }],
  'store-join': [
    { input: { managerToken: 't', url: 'http://db.example/store', storeName: 'Main', pin: '2468' }, field: 'url', rule: /postgres:\/\/user:password@host/ },
    { input: { managerToken: 't', url: 'postgres://u:p@db.example', storeName: 'Main', pin: '2468' }, field: 'url', rule: /postgres:\/\/user:password@host/ },
    { input: { managerToken: 't', url: 'postgres://u:p@db.example/store', storeName: ' ', pin: '2468' }, field: 'storeName', rule: /required/ },
    { input: { managerToken: 't', url: 'postgres://u:p@db.example/store', storeName: 'Main', stationName: 'x'.repeat(41), pin: '2468' }, field: 'stationName', rule: /at most 40/ },
    { input: { managerToken: 't', url: 'postgres://u:p@db.example/store', storeName: 'Main', pin: '24' }, field: 'pin', rule: /4 to 8 digits/ },
    { input: { managerToken: 't', url: 'postgres://u:p@db.example/store', storeName: 'Main', pin: '2468', caFile: 'ca.pem' }, field: 'caFile', rule: /full path/ },
  ],
  'store-pc-remove': [
    { input: { managerToken: 't', url: 'postgres://owner:p@db.example/store' }, field: 'stationId', rule: /required/ },
    { input: { managerToken: 't', url: 'mysql://owner:p@db.example/store', stationId: 'pc2' }, field: 'url', rule: /postgres:\/\/user:password@host/ },
  ],
  'counter-release': [{ input: { managerToken: 't' }, field: 'counterId', rule: /required/ }],
  'store-set-aside-dismiss': [
    { input: { managerToken: 't', by: 'Asha' }, field: 'entryId', rule: /required/ },
    { input: { managerToken: 't', entryId: 1.5, by: 'Asha' }, field: 'entryId', rule: /Entry must be a whole number/ },
    { input: { managerToken: 't', entryId: 1, by: ' ' }, field: 'by', rule: /Your name is required/ },
  ],
  'catalogue-search': [
    { input: { query: 'x'.repeat(61) }, field: 'query', rule: /at most 60/ },
    { input: { query: 'tea', limit: 51 }, field: 'limit', rule: /at most 50/ },
  ],
  'catalogue-barcode': [{ input: { barcode: '12 34' }, field: 'barcode', rule: /4 to 48 letters, digits/ }],
  'bill-kept-get': [{ input: { counterId: 'A B' }, field: 'counterId', rule: /letters, digits/ }],
  'bill-keep': [
    { input: { counterId: 'c1', bill: { ...KEPT, mode: 'sale' } }, field: 'bill.mode', rule: /Mode must be one of items, amount, checkout/ },
    { input: { counterId: 'c1', bill: { ...KEPT, amount: '1\u0007' } }, field: 'bill.amount', rule: /Amount must not contain control characters/ },
    { input: { counterId: 'c1', bill: { ...KEPT, cart: { ...KEPT.cart, lines: [{ itemId: 'i 1', quantity: '1', discount: '' }] } } }, field: 'bill.cart.lines.0.itemId', rule: /letters, digits/ },
    {
      input: { counterId: 'c1', bill: { ...KEPT, cart: { ...KEPT.cart, lines: [{ itemId: 'i1', typed: { description: 'Tea', price: '10', rate: '5' }, quantity: '1', discount: '' }] } } },
      field: 'bill.cart.lines.0.itemId',
      rule: /names a catalogue item or is typed by hand, not both/,
    },
    { input: { counterId: 'c1', bill: { ...KEPT, cart: { ...KEPT.cart, lines: [{ quantity: '1', discount: '' }] } } }, field: 'bill.cart.lines.0.itemId', rule: /names a catalogue item or is typed by hand/ },
  ],
  'bill-hold': [
    { input: { counterId: 'c1', label: ' ', totalMinor: 100, bill: KEPT }, field: 'label', rule: /Label is required/ },
    { input: { counterId: 'c1', label: 'Blue shirt', totalMinor: -1, bill: KEPT }, field: 'totalMinor', rule: /Total cannot be negative/ },
  ],
  'bill-recall': [{ input: { counterId: 'c1' }, field: 'heldId', rule: /required/ }],
  'tax-settings-get': [{ input: { gstin: 'x' }, field: 'gstin', rule: /Unknown field/ }],
  'tax-settings-update': [
    { input: { managerToken: 't', gstin: '27AAPFU0939F1ZW' }, field: 'gstin', rule: /Store GSTIN: the last character does not match/ },
    { input: { managerToken: 't', usSalesTaxBasisPoints: 10001 }, field: 'usSalesTaxBasisPoints', rule: /more than 100%/ },
  ],
  'item-create': [
    { input: { ...ITEM, name: '' }, field: 'name', rule: /Item name is required/ },
    { input: { ...ITEM, sku: 'A B' }, field: 'sku', rule: /SKU may only use/ },
    { input: { ...ITEM, unit: 'sack' }, field: 'unit', rule: /Unit must be one of/ },
    { input: { ...ITEM, priceMinor: 12.5 }, field: 'priceMinor', rule: /Price must be a whole number/ },
    { input: { ...ITEM, hsnCode: '12345' }, field: 'hsnCode', rule: /4, 6 or 8 digits/ },
    { input: { ...ITEM, barcodes: ['89012345', 'x y'] }, field: 'barcodes.1', rule: /4 to 48/ },
  ],
  'item-update': [{ input: { managerToken: 't', itemId: 'i1', rateBasisPoints: -1 }, field: 'rateBasisPoints', rule: /cannot be negative/ }],
  'catalogue-import': [{ input: { managerToken: 't', csv: '', dryRun: true }, field: 'csv', rule: /The file is empty/ }],
  'catalogue-export-csv': [{ input: { managerToken: 't', all: true }, field: 'all', rule: /Unknown field/ }],
  'integration-key-create': [
    { input: { managerToken: 't', name: ' ', scopes: ['charge'], counterIds: ['c1'] }, field: 'name', rule: /Program name is required/ },
    { input: { managerToken: 't', name: 'Tally', scopes: ['pay'], counterIds: ['c1'] }, field: 'scopes.0', rule: /Scope must be one of charge, read, refund-request/ },
    { input: { managerToken: 't', name: 'Tally', scopes: [], counterIds: ['c1'] }, field: 'scopes', rule: /at least one scope/ },
    { input: { managerToken: 't', name: 'Tally', scopes: ['read'], counterIds: [] }, field: 'counterIds', rule: /at least one counter/ },
  ],
  'integration-key-list': [{ input: { managerToken: 't', extra: 1 }, field: 'extra', rule: /Unknown field/ }],
  'integration-key-revoke': [{ input: { managerToken: 't' }, field: 'keyId', rule: /required/ }],
  'refund-requests-waiting': [{ input: { counterId: 7 }, field: 'counterId', rule: /text/ }],
  'refund-request-decide': [{ input: { managerToken: 't', requestId: 'r1', decision: 'yes' }, field: 'decision', rule: /Decision must be approve or decline/ }],
  'integration-api-status': [{ input: { managerToken: 't', lan: true }, field: 'lan', rule: /Unknown field/ }],
  'integration-api-configure': [{ input: { managerToken: 't', lan: 'on' }, field: 'lan', rule: /Network access must be true or false/ }],
};

describe('bad input', () => {
  it('has cases for every call', () => {
    expect(Object.keys(BAD_INPUTS).sort()).toEqual([...HANDLER_NAMES].sort());
  });

  for (const name of HANDLER_NAMES) {
    it(`${name} refuses bad input, naming the field and the rule, and writes nothing`, async () => {
      const file = join(rig.dataDir, 'counter.db');
      for (const { input, field, rule } of BAD_INPUTS[name]) {
        const before = databaseFingerprint(file);
        const result = await rig.raw(name, input);
        expect(result.ok, JSON.stringify(input)).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.field).toBe(field);
        expect(result.error.message).toMatch(rule);
        expect(databaseFingerprint(file)).toBe(before);
      }
    });
  }

  it('refuses inputs that are not objects', async () => {
    for (const input of [42, 'text', [1, 2], true]) {
      const result = await rig.raw('counters-list', input);
      expect(result.ok).toBe(false);
    }
  });

  it('manager calls are locked without a valid unlock, and nothing is written', async () => {
    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);
    const result = await rig.raw('counter-create', { managerToken: 'forged', name: 'Sneaky', terminalId: 'TRM009' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('locked');
    expect(databaseFingerprint(file)).toBe(before);
  });
});
