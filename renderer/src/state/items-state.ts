// Manager → Items: the catalogue as the manager keeps it: search (inactive items too), add, edit,
// take off and put back on the counter, a CSV file checked by a dry run before anything is saved,
// and the export. Calls go through the manager store (its unlock, busy flag and messages).
import { create } from 'zustand';
import type { CatalogueItem, ImportReport } from '../../../contract/catalogue/records';
import { call } from '../api/gateway';
import { downloadText } from '../api/download';
import { itemFields, type ItemForm } from './item-form';
import { useManagerStore } from './manager-state';

/** The most items the list shows at once (the search call's own limit): a search narrows it. */
export const ITEMS_SHOWN = 50;

/** A file read and dry-run: kept so that the import sends exactly the file that was checked. */
export interface CheckedFile {
  fileName: string;
  csv: string;
  report: ImportReport;
}

interface ItemsState {
  query: string;
  items: CatalogueItem[] | null;
  /** The item in the form: 'new' for a new one, null when the form is closed. */
  editing: CatalogueItem | 'new' | null;
  checked: CheckedFile | null;
  searchError: string | null;
  search: (query: string) => Promise<void>;
  edit: (item: CatalogueItem | 'new' | null) => void;
  save: (form: ItemForm) => Promise<boolean>;
  setActive: (item: CatalogueItem, active: boolean) => Promise<boolean>;
  /** Dry-runs a file: its report lists every bad row by line and column; nothing is saved. */
  checkFile: (fileName: string, csv: string) => Promise<void>;
  /** Imports the checked file (only a clean one is offered). */
  importChecked: () => Promise<boolean>;
  forgetFile: () => void;
  exportCsv: () => Promise<boolean>;
}

/** 1 → "1 item", 3 → "3 items". */
export function itemCount(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}

const manager = () => useManagerStore.getState();

export const useItemsStore = create<ItemsState>()((set, get) => {
  /** Searches without the manager's busy flag: each keystroke asks, whatever else is under way. */
  async function refresh(): Promise<void> {
    const query = get().query;
    const found = await call((api) => api.catalogueSearch({ query, limit: ITEMS_SHOWN, includeInactive: true }));
    // A newer search may have answered meanwhile: only the answer to the query on screen is shown.
    if (get().query !== query) return;
    set(found.ok ? { items: found.value, searchError: null } : { searchError: found.error.message });
  }

  return {
    query: '',
    items: null,
    editing: null,
    checked: null,
    searchError: null,

    async search(query) {
      set({ query });
      await refresh();
    },

    edit(item) {
      manager().clearMessages('item');
      set({ editing: item });
    },

    async save(form) {
      const editing = get().editing;
      if (editing === null) return false;
      const fields = itemFields(form);
      if (!fields.ok) {
        useManagerStore.setState({ errors: { ...manager().errors, item: fields.error } });
        return false;
      }
      const saved = await manager().runCall(
        'item',
        (managerToken) =>
          call((api) => (editing === 'new' ? api.itemCreate({ managerToken, ...fields.value }) : api.itemUpdate({ managerToken, itemId: editing.id, ...fields.value }))),
        (item) => `${item.name} saved.`,
      );
      if (!saved) return false;
      set({ editing: null });
      await refresh();
      return true;
    },

    async setActive(item, active) {
      const saved = await manager().runCall(
        `item-${item.id}`,
        (managerToken) => call((api) => api.itemUpdate({ managerToken, itemId: item.id, active })),
        (changed) => (changed.active ? `${changed.name} is back on the counter.` : `${changed.name} is off the counter: it no longer scans or shows in the search.`),
      );
      if (!saved) return false;
      set({ items: (get().items ?? []).map((i) => (i.id === saved.id ? saved : i)) });
      return true;
    },

    async checkFile(fileName, csv) {
      set({ checked: null });
      const report = await manager().runCall('import', (managerToken) => call((api) => api.catalogueImport({ managerToken, csv, dryRun: true })));
      if (report) set({ checked: { fileName, csv, report } });
    },

    async importChecked() {
      const checked = get().checked;
      if (!checked || checked.report.problems.length > 0) return false;
      const report = await manager().runCall(
        'import',
        (managerToken) => call((api) => api.catalogueImport({ managerToken, csv: checked.csv, dryRun: false })),
        (done) => (done.imported ? `Imported ${checked.fileName}: ${itemCount(done.creates)} added, ${itemCount(done.updates)} changed.` : undefined),
      );
      if (!report) return false;
      // A file that was clean at the dry run but not now (another PC changed an item) shows its problems.
      set({ checked: report.imported ? null : { ...checked, report } });
      await refresh();
      return report.imported;
    },

    forgetFile() {
      manager().clearMessages('import');
      set({ checked: null });
    },

    async exportCsv() {
      const file = await manager().runCall(
        'export',
        (managerToken) => call((api) => api.catalogueExportCsv({ managerToken })),
        (done) => `Saved ${done.fileName}: ${itemCount(done.rowCount)}.`,
      );
      if (!file) return false;
      downloadText(file.fileName, file.csv, 'text/csv');
      return true;
    },
  };
});
