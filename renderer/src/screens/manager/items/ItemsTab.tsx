// Manager → Items: find an item by name, SKU or barcode (inactive ones too), add or edit one, take
// it off the counter or put it back; import a catalogue file (dry run first) and export one.
import { useEffect } from 'react';
import type { CatalogueItem } from '../../../../../contract/catalogue/records';
import { formatRatePercent } from '../../../../../contract/billing/rates';
import { formatMoney } from '../../../../../contract/money';
import { Field, Message } from '../../../components/Field';
import { useCurrency } from '../../../state/app-state';
import { ITEMS_SHOWN, useItemsStore } from '../../../state/items-state';
import { useManagerStore } from '../../../state/manager-state';
import { CatalogueImport } from './CatalogueImport';
import { ItemEditor } from './ItemEditor';

function ItemRow({ item }: { item: CatalogueItem }) {
  const currency = useCurrency();
  const busy = useManagerStore((s) => s.busy);
  const error = useManagerStore((s) => s.errors[`item-${item.id}`]);
  const notice = useManagerStore((s) => s.notices[`item-${item.id}`]);
  const { edit, setActive } = useItemsStore.getState();
  return (
    <tr className={item.active ? undefined : 'item-inactive'}>
      <td>
        <strong>{item.name}</strong>
        {item.active ? null : <span className="tag">Off the counter</span>}
        {error ? <Message kind="error">{error.message}</Message> : null}
        {notice ? <Message kind="notice">{notice}</Message> : null}
      </td>
      <td className="mono">{item.sku}</td>
      <td className="mono">{item.barcodes.join(', ')}</td>
      <td>{item.unit}</td>
      <td className="num">{formatMoney(item.priceMinor, currency)}</td>
      <td className="num">
        {formatRatePercent(item.rateBasisPoints)} {item.priceIncludesTax ? 'incl.' : 'excl.'}
        {item.taxExempt ? ' (US exempt)' : ''}
      </td>
      <td className="mono">{item.hsnCode}</td>
      <td>
        <div className="button-row item-actions">
          <button type="button" className="btn btn-secondary" onClick={() => edit(item)} aria-label={`Edit ${item.name}`}>
            Edit
          </button>
          <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={() => void setActive(item, !item.active)} aria-label={`${item.active ? 'Deactivate' : 'Reactivate'} ${item.name}`}>
            {item.active ? 'Deactivate' : 'Reactivate'}
          </button>
        </div>
      </td>
    </tr>
  );
}

function ItemTable() {
  const items = useItemsStore((s) => s.items);
  const query = useItemsStore((s) => s.query);
  if (items === null) return <p className="loading">Loading…</p>;
  if (items.length === 0) return <p>{query.trim() === '' ? 'The catalogue is empty: add an item or import a file.' : `No item matches “${query.trim()}”.`}</p>;
  return (
    <div className="log-table-wrap items-table-wrap">
      <table className="log-table items-table" aria-label="Items">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">SKU</th>
            <th scope="col">Barcodes</th>
            <th scope="col">Unit</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Tax
            </th>
            <th scope="col">HSN/SAC</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
        </tbody>
      </table>
      {items.length === ITEMS_SHOWN ? <p className="manager-muted">The first {ITEMS_SHOWN} matches are shown: type more to narrow the search.</p> : null}
    </div>
  );
}

export function ItemsTab() {
  const query = useItemsStore((s) => s.query);
  const editing = useItemsStore((s) => s.editing);
  const searchError = useItemsStore((s) => s.searchError);
  const notice = useManagerStore((s) => s.notices.item);
  const exportNotice = useManagerStore((s) => s.notices.export);
  const exportError = useManagerStore((s) => s.errors.export);
  const busy = useManagerStore((s) => s.busy);
  const { search, edit, exportCsv } = useItemsStore.getState();

  useEffect(() => {
    void useItemsStore.getState().search(useItemsStore.getState().query);
  }, []);

  return (
    <div className="manager-section manager-tab-body">
      <div className="form-row items-bar">
        <Field label="Search items" hint="Name, SKU or barcode">
          {({ id, describedBy }) => <input id={id} type="search" className="input" value={query} onChange={(e) => void search(e.target.value)} aria-describedby={describedBy} maxLength={60} />}
        </Field>
        <div className="button-row form-row-button">
          <button type="button" className="btn btn-primary" onClick={() => edit('new')}>
            Add an item
          </button>
          <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={() => void exportCsv()}>
            Export CSV
          </button>
        </div>
      </div>
      {notice ? <Message kind="notice">{notice}</Message> : null}
      {exportNotice ? <Message kind="notice">{exportNotice}</Message> : null}
      {exportError ? <Message kind="error">{exportError.message}</Message> : null}
      {searchError ? <Message kind="error">{searchError}</Message> : null}
      {editing !== null ? <ItemEditor key={editing === 'new' ? 'new' : editing.id} /> : null}
      <ItemTable />
      <CatalogueImport />
    </div>
  );
}
