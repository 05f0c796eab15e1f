// The catalogue's calls: search and scan at the counter; items, the store's tax settings, and the
// CSV import (dry run first) and export for the manager.
import * as catalogue from '../../db/local/catalogue';
import type { CatalogueItem } from '../../contract/catalogue/records';
import { CatalogueConflictError } from '../../db/local/errors';
import { toCsv } from '../handlers/csv';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';
import { COLUMN_TITLES, COLUMNS, itemRow } from './csv-columns';
import { checkCatalogueFile } from './csv-import';
import { checkTaxChanges, readTaxSettings, saveTaxSettings, taxSettingsForStore } from './tax-settings';

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
  /** Saves through the ports (the store's catalogue on a PC of a store); a SKU or barcode another item holds is said at its field. */
  const save = async (items: CatalogueItem[]): Promise<void> => {
    try {
      await ctx.ports().catalogue.save(ctx.db, items);
    } catch (error) {
      if (error instanceof CatalogueConflictError) throw new HandlerFailure('conflict', error.message, error.field);
      throw error;
    }
  };
  return {
    'catalogue-search': (input) =>
      catalogue.searchItems(ctx.db, input.query, { limit: input.limit ?? SEARCH_LIMIT, includeInactive: input.includeInactive ?? false }),
    'catalogue-barcode': (input) => {
      const item = catalogue.itemByBarcode(ctx.db, input.barcode);
      return { item: item?.active ? item : null };
    },
    'tax-settings-get': () => readTaxSettings(ctx.db),
    // On a PC of a store they are the store's: changed there first (refused with the link down), then here. The
    // store is sent all four as this PC shows them with the change, as the screen saves them: a store that has
    // none yet (made before they were the store's) then takes this PC's, not its defaults, for the fields not given.
    'tax-settings-update': async ({ managerToken: _manager, ...changes }) => {
      checkTaxChanges(ctx.db, changes);
      await ctx.ports().config.taxSettings({ ...taxSettingsForStore(ctx.db), ...withoutUndefined(changes) });
      return saveTaxSettings(ctx.db, changes);
    },
    'item-create': async ({ managerToken: _manager, ...fields }) => {
      const item = catalogue.newItem(fields, ctx.now());
      await save([item]);
      return item;
    },
    'item-update': async ({ managerToken: _manager, itemId, ...changes }) => {
      const current = catalogue.getItem(ctx.db, itemId);
      if (!current) throw new HandlerFailure('not_found', 'That item does not exist.', 'itemId');
      const item = catalogue.changedItem(current, withoutUndefined(changes), ctx.now());
      await save([item]);
      return item;
    },
    'catalogue-import': async (input) => {
      const checked = checkCatalogueFile(input.csv, ctx.currency, (code) => catalogue.itemByBarcode(ctx.db, code));
      const at = ctx.now();
      // A SKU already held updates that item, a new SKU adds one.
      let creates = 0;
      const items = checked.rows.map(({ fields, active }) => {
        const current = catalogue.itemBySku(ctx.db, fields.sku);
        if (current) return catalogue.changedItem(current, { ...fields, active }, at);
        creates += 1;
        return catalogue.newItem(fields, at, active);
      });
      const report = { rows: checked.rowCount, creates, updates: checked.rows.length - creates, problems: checked.problems };
      if (input.dryRun || checked.problems.length > 0) return { ...report, imported: false };
      await save(items);
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

function withoutUndefined<T extends object>(changes: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
