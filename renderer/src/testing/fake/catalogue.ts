// The catalogue: items in memory, found by name, SKU or barcode; the store's tax settings; checkout
// bills made by the contract's own makeBill. The CSV
// import is the backend's (tested there): here a file is counted, and a test sets `importReport`
// for the answer it needs.
import type { CatalogueItem } from '../../../../contract/catalogue/records';
import { makeBill, plainLines } from '../../../../contract/catalogue/checkout';
import { ok } from '../../../../contract/result';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

export function catalogueHandlers(b: FakeState) {
  const find = (id: string) => b.catalogue.find((item) => item.id === id) ?? refuse('not_found', 'That item does not exist.', 'itemId');
  return {
    'catalogue-search': (input) => {
      const text = input.query.toLowerCase();
      const found = b.catalogue.filter(
        (item) => (input.includeInactive || item.active) && [item.name, item.sku, ...item.barcodes].some((value) => value.toLowerCase().includes(text)),
      );
      return ok(found.slice(0, input.limit ?? 20));
    },
    'catalogue-barcode': (input) => ok({ item: b.catalogue.find((item) => item.active && item.barcodes.includes(input.barcode)) ?? null }),
    'tax-settings-get': () => ok(b.taxSettings),
    'tax-settings-update': ({ managerToken: _token, gstin, ...changes }) => {
      const cleared = gstin === '';
      b.taxSettings = {
        ...b.taxSettings,
        ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
        ...(gstin === undefined ? {} : { gstin: cleared ? null : gstin, stateCode: cleared ? null : gstin.slice(0, 2) }),
      };
      return ok(b.taxSettings);
    },
    'item-create': ({ managerToken: _token, ...fields }) => {
      if (b.catalogue.some((item) => item.sku.toLowerCase() === fields.sku.toLowerCase())) refuse('conflict', `SKU ${fields.sku} already belongs to another item.`, 'sku');
      const item: CatalogueItem = { id: `item${b.catalogue.length + 1}`, ...fields, active: true, updatedAt: b.now() };
      b.catalogue.push(item);
      return ok(item);
    },
    'item-update': ({ managerToken: _token, itemId, ...changes }) => {
      const item = find(itemId);
      Object.assign(item, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)), { updatedAt: b.now() });
      return ok(item);
    },
    'catalogue-import': (input) => {
      const rows = input.csv.split(/\r?\n/).filter((line) => line.trim() !== '').length - 1;
      return ok(b.importReport ?? { rows, creates: rows, updates: 0, problems: [], imported: !input.dryRun });
    },
    'invoice-checkout': ({ counterId, ...checkout }) => {
      const made = makeBill(checkout, b.appInfo.currency, b.taxSettings, (id) => b.catalogue.find((item) => item.id === id) ?? null);
      if (!made.ok) return made;
      const invoice = b.createInvoice(counterId, plainLines(made.value));
      invoice.totalMinor = made.value.totals.total;
      b.bills.set(invoice.id, made.value);
      return ok({ invoice, bill: made.value });
    },
    'invoice-bill': (input) => {
      b.requireInvoice(input.invoiceId);
      return ok({ bill: b.bills.get(input.invoiceId) ?? null });
    },
    'catalogue-export-csv': () => ok({ fileName: 'catalogue.csv', csv: 'Name,SKU\r\n', rowCount: b.catalogue.length }),
  } satisfies Partial<FakeHandlers>;
}
