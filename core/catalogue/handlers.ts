// The catalogue's calls: search and scan at the counter; items, the store's tax settings, and the
// CSV import (dry run first) and export for the manager.
import * as catalogue from '../../db/local/catalogue';
import { CatalogueConflictError } from '../../db/local/errors';
import { toCsv } from '../handlers/csv';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';
import { COLUMN_TITLES, COLUMNS, itemRow } from './csv-columns';
import { checkCatalogueFile } from './csv-import';
import { readTaxSettings, saveTaxSettings } from './tax-settings';

const SEARCH_LIMIT = 20;

type CatalogueCall =
  | 'catalogue-search'
  | 'catalogue-barcode'
  | 'tax-settings-get'
  | 'tax-settings-update'
  | 'item-create'
  | 'item-update'
  | 'catalogue-import'
  | 'catalogue-export-csv';

export function catalogueHandlers(ctx: DataContext): Handlers<CatalogueCall> {
  return {
    'catalogue-search': (input) =>
      catalogue.searchItems(ctx.db, input.query, { limit: input.limit ?? SEARCH_LIMIT, includeInactive: input.includeInactive ?? false }),
    'catalogue-barcode': (input) => {
      const item = catalogue.itemByBarcode(ctx.db, input.barcode);
      return { item: item?.active ? item : null };
    },
    'tax-settings-get': () => readTaxSettings(ctx.db),
    'tax-settings-update': ({ managerToken: _manager, ...changes }) => saveTaxSettings(ctx.db, changes),
    'item-create': ({ managerToken: _manager, ...fields }) => saying(() => catalogue.createItem(ctx.db, fields, ctx.now())),
    'item-update': ({ managerToken: _manager, itemId, ...changes }) => {
      const item = saying(() => catalogue.updateItem(ctx.db, itemId, withoutUndefined(changes), ctx.now()));
      if (!item) throw new HandlerFailure('not_found', 'That item does not exist.', 'itemId');
      return item;
    },
    'catalogue-import': (input) => {
      const checked = checkCatalogueFile(input.csv, ctx.currency, (code) => catalogue.itemByBarcode(ctx.db, code));
      const creates = checked.rows.filter((row) => catalogue.itemBySku(ctx.db, row.fields.sku) === null).length;
      const report = { rows: checked.rowCount, creates, updates: checked.rows.length - creates, problems: checked.problems };
      if (input.dryRun || checked.problems.length > 0) return { ...report, imported: false };
      saying(() => catalogue.saveItemsBySku(ctx.db, checked.rows, ctx.now()));
      ctx.log.info('catalogue imported', { rows: checked.rows.length, creates });
      return { ...report, imported: true };
    },
    'catalogue-export-csv': () => {
      const items = catalogue.allItems(ctx.db);
      return {
        fileName: 'catalogue.csv',
        csv: toCsv(COLUMNS.map((column) => COLUMN_TITLES[column]), items.map(itemRow)),
        rowCount: items.length,
      };
    },
  };
}

/** A SKU or barcode another item holds, said at its field. */
function saying<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof CatalogueConflictError) throw new HandlerFailure('conflict', error.message, error.field);
    throw error;
  }
}

function withoutUndefined<T extends object>(changes: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
